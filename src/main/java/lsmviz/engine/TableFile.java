package lsmviz.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lsmviz.engine.compaction.Key;
import lsmviz.engine.compaction.TableMeta;
import lsmviz.engine.sstable.SSTableReader;

/**
 * One SSTable file and the {@link Version}s that hold it, counted: LevelDB's {@code FileMetaData}
 * with its {@code refs}. A compaction makes a table obsolete (it is in no level any more); its
 * file is deleted once, after that, the last version that held it is let go of, so that a reader
 * that pinned an older version reads its tables to the end.
 */
final class TableFile {
    private final SSTableReader reader;
    private final TableMeta meta;
    /** Called once, when the table is obsolete and no version holds it: deletes the file. */
    private final Consumer<TableFile> whenUnused;
    private final AtomicInteger refs = new AtomicInteger();
    private volatile boolean obsolete;
    private final AtomicBoolean released = new AtomicBoolean();

    TableFile(SSTableReader reader, Consumer<TableFile> whenUnused) {
        this.reader = reader;
        this.whenUnused = whenUnused;
        var info = reader.info();
        this.meta = new TableMeta(reader.id(), info.fileSize(), info.entryCount(), new Key(info.minKey()),
                new Key(info.maxKey()));
    }

    SSTableReader reader() {
        return reader;
    }

    TableMeta meta() {
        return meta;
    }

    long id() {
        return reader.id();
    }

    /** A version that holds this table was made. */
    void ref() {
        refs.incrementAndGet();
    }

    /** A version that held this table is gone. */
    void unref() {
        if (refs.decrementAndGet() == 0 && obsolete) {
            release();
        }
    }

    /** The table left the levels: its file goes once no version holds it. */
    void markObsolete() {
        obsolete = true;
        if (refs.get() == 0) {
            release();
        }
    }

    boolean isObsolete() {
        return obsolete;
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            reader.close();
            whenUnused.accept(this);
        }
    }
}
