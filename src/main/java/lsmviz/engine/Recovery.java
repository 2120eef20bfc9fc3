package lsmviz.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * Opening a directory: restores the state it was left in. The live SSTables come from the
 * manifest; every memtable not yet flushed comes back from its write-ahead log, each as its own
 * memtable (the newest one active, the rest immutable). Files a crash left behind are removed and
 * reported.
 */
final class Recovery {
    private Recovery() {}

    /** What opening restored: the state, and the manifest open for appending. */
    record Restored(EngineState state, Manifest manifest) {}

    static Restored run(DbDirectory dir, WalSet wals, EngineEvents events) throws IOException {
        Manifest.Replay replay = Manifest.read(dir.path());
        List<Long> live = replay.liveSSTablesOldestFirst();
        List<SSTableReader> tables = new ArrayList<>();
        for (long id : live) {
            tables.add(0, SSTableReader.open(dir.sstable(id), id)); // newest first
        }
        long maxId = replay.maxId();
        List<Long> logIds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.path())) {
            for (Path f : files.sorted().toList()) {
                long sst = DbDirectory.fileId(f, ".sst");
                long wal = DbDirectory.fileId(f, WriteAheadLog.SUFFIX);
                maxId = Math.max(maxId, Math.max(sst, wal));
                if (sst > 0 && !live.contains(sst)) {
                    // A flush that crashed after writing its table but before the manifest said
                    // so: the table was never visible and its memtable's log still holds the data.
                    dir.delete(f);
                    events.fileRemoved(f, "an SSTable written by a flush that never completed");
                } else if (wal > 0 && replay.flushedMemtables().contains(wal)) {
                    // A flush that crashed after the manifest record but before deleting the log.
                    dir.delete(f);
                    events.fileRemoved(f, "the log of memtable #" + wal + ", already flushed into an SSTable");
                } else if (wal > 0) {
                    logIds.add(wal);
                }
            }
        }
        dir.fileNumbersAfter(maxId);
        Manifest manifest = Manifest.openForAppend(dir.io(), dir.path(), replay);
        try {
            return new Restored(memtables(dir, wals, events, logIds, tables), manifest);
        } catch (IOException | RuntimeException e) {
            wals.closeAll(null);
            manifest.close();
            throw e;
        }
    }

    /** Replays the logs oldest first; the newest becomes the active memtable again. */
    private static EngineState memtables(DbDirectory dir, WalSet wals, EngineEvents events, List<Long> logIds,
            List<SSTableReader> tables) throws IOException {
        List<Memtable> memtables = new ArrayList<>();
        for (int i = 0; i < logIds.size(); i++) {
            long id = logIds.get(i);
            WriteAheadLog.Replay r = WriteAheadLog.replay(dir.wal(id), id);
            memtables.add(0, wals.reopen(id, r)); // newest first
            events.walRecovered(id, r, i == logIds.size() - 1);
        }
        Memtable active = memtables.isEmpty() ? wals.newMemtable() : memtables.remove(0);
        return new EngineState(active, memtables, tables);
    }
}
