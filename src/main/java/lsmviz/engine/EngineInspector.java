package lsmviz.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lsmviz.engine.inspect.DirectoryFacts;
import lsmviz.engine.inspect.KeyVersion;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.BloomFilter;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * Read-only inspection, for the window's dialogs and the command line. Of an open engine: what a
 * memtable in memory holds, everything about a live SSTable, one of its blocks decoded, and a
 * check of all its checksums; each call reads the state as it is at that moment. Of a directory
 * at rest ({@code lsmviz dump}): its manifest, tables and logs, read without opening an engine.
 * Answers are plain facts ({@link KeyValue}, {@link SSTableInfo}, {@link DirectoryFacts}), never
 * live engine objects.
 */
public final class EngineInspector {
    /** The state now, its version pinned: each call unpins it when done. */
    private final Supplier<EngineState> state;

    EngineInspector(Supplier<EngineState> state) {
        this.state = state;
    }

    /** The records of a memtable still in memory (active or immutable), up to {@code limit}. */
    public List<KeyValue> memtableEntries(long memtableId, int limit) {
        EngineState s = state.get();
        try {
            Memtable m = s.memtables().stream().filter(x -> x.id() == memtableId).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no memtable #" + memtableId + " in memory"));
            List<KeyValue> out = new ArrayList<>();
            Iterator<KeyValue> it = m.iterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
            return out;
        } finally {
            s.version().unpin();
        }
    }

    /**
     * Every version of {@code key} the engine still stores, newest first, in the order a get asks:
     * the memtables, then each table whose key range holds the key, level by level. A get stops at
     * the first; the rest are what compactions have not yet merged away (a tombstone first hides
     * them all).
     */
    public List<KeyVersion> versionsOf(byte[] key) {
        EngineState s = state.get();
        try {
            List<KeyVersion> out = new ArrayList<>();
            for (Memtable m : s.memtables()) {
                KeyValue kv = m.get(key);
                if (kv != null) {
                    out.add(new KeyVersion(-1, m.id(), kv.isTombstone() ? null : kv.value().clone()));
                }
            }
            Key k = new Key(key);
            long hash = BloomFilter.hash(key);
            Levels levels = s.version().levels();
            for (TableFile t : s.version().tables()) {
                TableMeta meta = t.meta();
                if (meta.smallest().compareTo(k) <= 0 && k.compareTo(meta.largest()) <= 0) {
                    KeyValue kv = t.reader().get(key, hash).found();
                    if (kv != null) {
                        out.add(new KeyVersion(levels.levelOf(t.id()), t.id(),
                                kv.isTombstone() ? null : kv.value().clone()));
                    }
                }
            }
            return out;
        } finally {
            s.version().unpin();
        }
    }

    /** Everything known about one live SSTable. */
    public SSTableInfo sstableInfo(long sstableId) {
        return withTable(sstableId, SSTableReader::info);
    }

    /** The decoded records of one block of a live SSTable (checksum verified). */
    public List<KeyValue> sstableBlock(long sstableId, int blockNo) {
        return withTable(sstableId, t -> t.readBlock(blockNo));
    }

    /** Reads every block of a live SSTable and checks every checksum; throws {@link CorruptionException}. */
    public void verifySSTable(long sstableId) {
        withTable(sstableId, t -> {
            t.verifyChecksums();
            return null;
        });
    }

    /** {@code read} of live table {@code id}, its version pinned meanwhile (a compaction cannot delete it). */
    private <T> T withTable(long id, Function<SSTableReader, T> read) {
        EngineState s = state.get();
        try {
            TableFile t = s.version().file(id);
            if (t == null) {
                throw new NoSuchElementException("no live sstable #" + id);
            }
            return read.apply(t.reader());
        } finally {
            s.version().unpin();
        }
    }

    // ---- a directory at rest

    /** The manifest of {@code dir}. */
    public static DirectoryFacts.Manifest readManifest(Path dir) throws IOException {
        Manifest.Replay r = Manifest.read(dir);
        List<DirectoryFacts.Manifest.Entry> records = r.records().stream()
                .map(x -> new DirectoryFacts.Manifest.Entry(x.offset(), x.describe())).toList();
        return new DirectoryFacts.Manifest(records, r.validLength(), r.tornTail(), r.liveSSTablesOldestFirst(),
                r.flushedMemtables(), Map.copyOf(r.levels()));
    }

    /** Everything about table {@code id} of {@code dir}: its footer, bloom filter and index checked. */
    public static SSTableInfo readSSTable(Path dir, long id) throws IOException {
        try (SSTableReader r = SSTableReader.open(dir.resolve(DbDirectory.sstableFileName(id)), id)) {
            return r.info();
        }
    }

    /** The write-ahead logs in {@code dir}, oldest first. */
    public static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> DbDirectory.fileId(p, WriteAheadLog.SUFFIX) > 0).sorted().toList();
        }
    }

    /** The memtable a write-ahead log of {@link #logFiles} belongs to (its file's number). */
    public static long memtableIdOf(Path log) {
        return DbDirectory.fileId(log, WriteAheadLog.SUFFIX);
    }

    /** One write-ahead log of {@link #logFiles}, replayed. */
    public static DirectoryFacts.Log readLog(Path log) throws IOException {
        long id = memtableIdOf(log);
        WriteAheadLog.Replay r = WriteAheadLog.replay(log, id);
        return new DirectoryFacts.Log(log, id, r.records(), r.validLength(), r.tornBytes());
    }
}
