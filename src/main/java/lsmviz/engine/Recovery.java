package lsmviz.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * Opening a directory: restores the state it was left in. The live SSTables and their levels
 * come from the manifest; every memtable not yet flushed comes back from its write-ahead log, each as its own
 * memtable (the newest one active, the rest immutable). Files a crash left behind are removed and
 * reported.
 */
final class Recovery {
    private Recovery() {}

    /** What opening restored: the state, and the manifest open for appending. */
    record Restored(EngineState state, Manifest manifest) {}

    /**
     * Restores the state of {@code dir}, stopping at the step gate before each step: the manifest,
     * each leftover file removed, each log replayed.
     */
    static Restored run(DbDirectory dir, WalSet wals, EngineEvents events, StepGate gate, int maxLevels,
            Consumer<TableFile> whenUnused) throws IOException {
        boolean found = Files.exists(dir.path().resolve(Manifest.FILE_NAME)); // a new directory has nothing to recover
        if (found) {
            events.recoveryStarted(dir.path());
        }
        // @probe RECOVER_MANIFEST
        gate.reach(ProbePoint.RECOVER_MANIFEST);
        Manifest.Replay replay = Manifest.read(dir.path());
        List<Long> live = replay.liveSSTablesOldestFirst();
        Version version = levels(dir, replay, maxLevels, whenUnused);
        if (found) {
            events.manifestReplayed(replay.records().size(), version);
        }
        long maxId = replay.maxId();
        Set<Long> named = new HashSet<>();
        replay.records().forEach(r -> named.add(r.id()));
        replay.records().stream().filter(r -> r.edit() != null).forEach(r -> named.addAll(r.edit().added().keySet()));
        List<Long> logIds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.path())) {
            for (Path f : files.sorted().toList()) {
                long sst = DbDirectory.fileId(f, ".sst");
                long wal = DbDirectory.fileId(f, WriteAheadLog.SUFFIX);
                maxId = Math.max(maxId, Math.max(sst, wal));
                if (sst > 0 && !live.contains(sst)) {
                    // A flush or a compaction that crashed after writing its table but before the
                    // manifest said so: the table was never visible, and its data is still in the
                    // memtable's log or in the compaction's inputs. Or a compaction replaced it and
                    // the engine stopped before deleting it.
                    removeLeftover(dir, events, gate, f, named.contains(sst)
                            ? "an SSTable a compaction replaced (its file was not yet deleted)"
                            : "an SSTable written by a flush or compaction that never completed");
                } else if (wal > 0 && replay.flushedMemtables().contains(wal)) {
                    // A flush that crashed after the manifest record but before deleting the log.
                    removeLeftover(dir, events, gate, f, "the log of memtable #" + wal + ", already flushed into an SSTable");
                } else if (wal > 0) {
                    logIds.add(wal);
                }
            }
        }
        dir.fileNumbersAfter(maxId);
        Manifest manifest = Manifest.openForAppend(dir.io(), dir.path(), replay);
        try {
            return new Restored(memtables(dir, wals, events, gate, logIds, version), manifest);
        } catch (IOException | RuntimeException e) {
            wals.closeAll(null);
            manifest.close();
            throw e;
        }
    }

    /** Replays the logs oldest first; the newest becomes the active memtable again. */
    private static EngineState memtables(DbDirectory dir, WalSet wals, EngineEvents events, StepGate gate,
            List<Long> logIds, Version version) throws IOException {
        List<Memtable> memtables = new ArrayList<>();
        for (int i = 0; i < logIds.size(); i++) {
            long id = logIds.get(i);
            // @probe RECOVER_REPLAY_LOG
            gate.reach(ProbePoint.RECOVER_REPLAY_LOG, id);
            WriteAheadLog.Replay r = WriteAheadLog.replay(dir.wal(id), id);
            if (r.records().isEmpty() && i < logIds.size() - 1) {
                // An older log with no whole record: nothing to flush, and an empty table
                // would have no key range to place in a level.
                removeLeftover(dir, events, gate, dir.wal(id), "the log of memtable #" + id + ", which holds no records");
                continue;
            }
            memtables.add(0, wals.reopen(id, r)); // newest first
            events.walRecovered(id, r, i == logIds.size() - 1);
        }
        Memtable active = memtables.isEmpty() ? wals.newMemtable() : memtables.remove(0);
        return new EngineState(active, memtables, version);
    }

    /** A file a crash left that nobody needs goes; {@code why} says whose it was. */
    private static void removeLeftover(DbDirectory dir, EngineEvents events, StepGate gate, Path f, String why)
            throws IOException {
        // @probe RECOVER_REMOVE_LEFTOVER
        gate.reach(ProbePoint.RECOVER_REMOVE_LEFTOVER);
        dir.delete(f);
        events.fileRemoved(f, why);
    }

    /**
     * The live tables, each opened and in the level the manifest says. A table the manifest names
     * but the directory lacks is damage, not a crash (a table is fsynced, and the directory,
     * before the manifest names it): opening stops and says which file and what to do.
     */
    private static Version levels(DbDirectory dir, Manifest.Replay replay, int maxLevels,
            Consumer<TableFile> whenUnused) throws IOException {
        Levels levels = Levels.empty(maxLevels);
        Map<Long, TableFile> files = new HashMap<>();
        for (long id : replay.liveSSTablesOldestFirst()) {
            int level = replay.levels().get(id);
            Path path = dir.sstable(id);
            if (!Files.exists(path)) {
                throw new CorruptionException(path, -1, "the manifest lists this SSTable as live (in L" + level
                        + ") but the file is missing: the directory is damaged (a file was deleted, or the directory "
                        + "was copied without it). Put the file back or restore the directory from a backup; "
                        + "the keys stored in that table are not anywhere else");
            }
            if (level > maxLevels) {
                throw new IOException("SSTable " + path.getFileName() + " is in L" + level + " but the engine has levels "
                        + "L0 to L" + maxLevels + ": open it with --max-levels " + level + " or more");
            }
            TableFile t = new TableFile(SSTableReader.open(path, id), whenUnused);
            files.put(id, t);
            levels = levels.apply(new Edit(List.of(new Edit.Placed(level, t.meta())), List.of(), Map.of()));
        }
        Map<Integer, Key> pointers = new HashMap<>();
        replay.pointers().forEach((level, key) -> pointers.put(level, new Key(key)));
        levels = levels.apply(new Edit(List.of(), List.of(), pointers));
        return new Version(levels, files);
    }
}
