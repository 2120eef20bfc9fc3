package lsmviz.engine.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import lsmviz.engine.sstable.SSTableReader;

/**
 * One SSTable file and the {@link Version}s that hold it: LevelDB's {@code FileMetaData} with its
 * {@code refs}, kept as the set of versions so that it can say how many readers still use it. A compaction makes a table obsolete (it is in no level any more); its
 * file is deleted once, after that, the last version that held it is let go of, so that a reader
 * that pinned an older version reads its tables to the end.
 */
public final class TableFile {
    private final SSTableReader reader;
    private final TableMeta meta;
    /** Called once, when the table is obsolete and no version holds it: deletes the file. */
    private final Consumer<TableFile> whenUnused;
    /** The versions that hold this table: the current one, and older ones readers still pin. */
    private final Set<Version> holders = ConcurrentHashMap.newKeySet();
    private volatile boolean obsolete;
    private final AtomicBoolean released = new AtomicBoolean();

    public TableFile(SSTableReader reader, Consumer<TableFile> whenUnused) {
        this.reader = reader;
        this.whenUnused = whenUnused;
        var info = reader.info();
        this.meta = new TableMeta(reader.id(), info.fileSize(), info.entryCount(), new Key(info.minKey()),
                new Key(info.maxKey()));
    }

    public SSTableReader reader() {
        return reader;
    }

    public TableMeta meta() {
        return meta;
    }

    public long id() {
        return reader.id();
    }

    /** {@code version}, which holds this table, was made. */
    public void ref(Version version) {
        holders.add(version);
    }

    /** {@code version}, which held this table, is gone. */
    public void unref(Version version) {
        if (holders.remove(version) && holders.isEmpty() && obsolete) {
            release();
        }
    }

    /** The table left the levels: its file goes once no version holds it. */
    public void markObsolete() {
        obsolete = true;
        if (holders.isEmpty()) {
            release();
        }
    }

    /**
     * Gets and scans reading this table now (an estimate, for events): the readers of
     * {@code current}, and of every older version that holds it (only readers keep those alive).
     */
    public int readers(Version current) {
        int n = 0;
        for (Version v : holders) {
            n += v == current ? v.readers() : v.pins();
        }
        return n;
    }

    public boolean isObsolete() {
        return obsolete;
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            reader.close();
            whenUnused.accept(this);
        }
    }
}
