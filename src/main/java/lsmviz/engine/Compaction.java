package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import lsmviz.engine.compaction.CompactionFiles;
import lsmviz.engine.compaction.CompactionPolicy;
import lsmviz.engine.compaction.CompactionStats;
import lsmviz.engine.compaction.MergeCounts;
import lsmviz.engine.compaction.Task;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.sstable.SSTableWriter;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.KeyValue;

/**
 * One compaction's story, as LevelDB's background compaction goes, and what the code pane shows
 * for it: <b>pick</b> (the policy looks at the levels), <b>merge</b> (with no engine lock held),
 * <b>seal</b> each output table, <b>install</b> (under the freeze lock, the manifest record first,
 * then the swap under the state write lock), <b>delete</b> what is obsolete. The thread that runs
 * it and its queue of requests are {@link Compactor}'s.
 */
final class Compaction {
    /** Thrown inside a merge when the engine closes: the compaction is abandoned, nothing changes. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("the engine is closing", null, false, false);
        }
    }

    private final Options options;
    private final CompactionPolicy policy;
    private final DbDirectory dir;
    private final Manifest manifest;
    private final StepGate gate;
    private final CurrentState current;
    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;
    private final CompactionStats stats;
    private final CompactionEvents events;
    private final Consumer<TableFile> whenUnused;
    private final BooleanSupplier stopping;
    private long compactions;

    Compaction(Options options, CompactionPolicy policy, DbDirectory dir, Manifest manifest, StepGate gate,
            CurrentState current, CompactionStats stats, CompactionEvents events, Consumer<TableFile> whenUnused,
            BooleanSupplier stopping) {
        this.options = options;
        this.policy = policy;
        this.dir = dir;
        this.manifest = manifest;
        this.gate = gate;
        this.current = current;
        this.freezeLock = current.freezeLock();
        this.stateLock = current.stateLock();
        this.stats = stats;
        this.events = events;
        this.whenUnused = whenUnused;
        this.stopping = stopping;
    }

    /** One compaction ended, run or not: a thread paused in it has left the step gate's story. */
    void ended() {
        gate.operationEnded();
    }

    /** Whether a compaction is due now: the policy would pick one. */
    boolean due() {
        return policy.pick(current.peek().levels()).isPresent();
    }

    /** Pick, merge, install, delete. Returns false when nothing was due. */
    boolean compactOnce(boolean full) {
        long id = ++compactions;
        long t0 = System.nanoTime();
        // Pick from the current version, pinned: only this thread
        // removes tables, so they stay in the levels until we install.
        Version picked = pinCurrentVersion();
        Optional<Task> chosen = full ? policy.full(picked.levels()) : policy.pick(picked.levels());
        if (chosen.isEmpty()) {
            picked.unpin();
            return false;
        }
        Task task = chosen.get();
        events.picked(id, task);
        // @probe COMPACT_PICK
        gate.reach(ProbePoint.COMPACT_PICK);
        // The merge holds no engine lock: the input tables are
        // immutable. It must not hold the freeze lock: a merge can
        // take seconds, and every flush (and, once the immutable queue
        // fills, every writer) would wait behind it.
        MergeCounts counts = new MergeCounts();
        List<TableFile> outputs;
        try {
            outputs = task.trivialMove() ? List.of() : merge(id, task, picked, counts);
        } catch (RuntimeException | Error e) {
            picked.unpin();
            throw e;
        }
        picked.unpin();
        install(id, task, outputs);
        long written = outputs.stream().mapToLong(t -> t.meta().bytes()).sum();
        events.finished(id, t0, task.trivialMove() ? 0 : task.inputBytes(), written, counts, task.bottommost());
        return true;
    }

    private Version pinCurrentVersion() {
        stateLock.lockRead();
        try {
            return current.get().version().pin();
        } finally {
            stateLock.unlockRead();
        }
    }

    /** Merges the inputs into new tables in the output level, each cut at the target size; fsynced. */
    private List<TableFile> merge(long id, Task task, Version version, MergeCounts counts) {
        MergingIterator merged = new MergingIterator(CompactionFiles.inputs(task, version, counts));
        MergeFeed feed = new MergeFeed(id, merged, task.bottommost(), counts);
        List<TableFile> outputs = new ArrayList<>();
        Path path = null;
        try {
            while (feed.hasMore()) {
                long tableId = dir.newFileNumber();
                path = dir.sstable(tableId);
                feed.startTable(options.sstableTargetBytes());
                SSTableInfo info = SSTableWriter.write(dir.io(), path, tableId, feed, options.blockSizeBytes(),
                        options.bloomBitsPerKey(), SSTableWriter.Progress.NONE);
                // @probe COMPACT_SEAL_OUTPUT
                gate.reach(ProbePoint.COMPACT_SEAL_OUTPUT);
                outputs.add(new TableFile(SSTableReader.open(path, tableId), whenUnused));
                path = null;
                events.outputWritten(id, task.outputLevel(), info);
                events.progress(id, counts, null);
            }
            dir.sync(); // the outputs' names survive a crash before the manifest names them
            return outputs;
        } catch (IOException | RuntimeException e) {
            if (path != null) {
                dir.deleteQuietly(path);
            }
            outputs.forEach(t -> {
                t.reader().close();
                dir.deleteQuietly(t.reader().path());
            });
            if (e instanceof Stopped s) {
                throw s;
            }
            events.failed(id, "compaction #" + id + " failed: " + e.getMessage());
            throw e instanceof IOException io ? new UncheckedIOException("compaction #" + id + " failed", io)
                    : (RuntimeException) e;
        }
    }

    /**
     * The merged records the outputs keep, one table's worth at a time: the newest version of each
     * key (the merging iterator skips older ones), tombstones dropped only when nothing older can
     * lie below the output level. Stops at the step gate before each record.
     */
    private final class MergeFeed implements Iterator<KeyValue> {
        private final long id;
        private final MergingIterator merged;
        private final boolean dropTombstones;
        private final MergeCounts counts;
        private KeyValue next;
        private long tableBytes;
        private long limit;
        private int sinceCheck;

        MergeFeed(long id, MergingIterator merged, boolean dropTombstones, MergeCounts counts) {
            this.id = id;
            this.merged = merged;
            this.dropTombstones = dropTombstones;
            this.counts = counts;
            advance();
        }

        private void advance() {
            next = null;
            while (merged.hasNext()) {
                KeyValue kv = merged.next();
                if (dropTombstones && kv.isTombstone()) {
                    counts.tombstonesDropped++;
                    continue;
                }
                next = kv;
                return;
            }
        }

        boolean hasMore() {
            return next != null;
        }

        void startTable(long targetBytes) {
            tableBytes = 0;
            limit = targetBytes;
        }

        @Override
        public boolean hasNext() {
            return next != null && tableBytes < limit; // cut the output at its target size
        }

        @Override
        public KeyValue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (stopping.getAsBoolean()) {
                throw new Stopped();
            }
            // @probe COMPACT_MERGE_RECORD
            gate.reach(ProbePoint.COMPACT_MERGE_RECORD);
            KeyValue kv = next;
            int bytes = kv.key().length + (kv.isTombstone() ? 0 : kv.value().length);
            tableBytes += bytes + 8;
            counts.keysOut++;
            counts.bytesOut += bytes;
            advance();
            counts.overwritesDropped = merged.olderVersionsSkipped();
            if (++sinceCheck >= 256 || gate.mode() != lsmviz.engine.step.StepMode.RUN) {
                sinceCheck = 0; // the clock is read every 256 records at full speed
                if (events.progressDue()) {
                    events.progress(id, counts, kv.key());
                }
            }
            return kv;
        }
    }

    // ---- Install

    /**
     * Makes the compaction visible: under the freeze lock (so that no freeze or flush replaces the
     * state meanwhile), the manifest record first, fsynced, then the swap under the state write
     * lock. The new levels are built from the state as it is now: a table flushed to L0 during the
     * merge stays; only the task's inputs leave.
     */
    private void install(long id, Task task, List<TableFile> outputs) {
        List<TableMeta> metas = task.trivialMove() ? task.inputTables() : outputs.stream().map(TableFile::meta).toList();
        Version before;
        Version after;
        CompactionPolicy.Applied applied;
        freezeLock.lock();
        try {
            // @probe COMPACT_INSTALL
            gate.reach(ProbePoint.COMPACT_INSTALL);
            EngineState now = current.get();
            applied = policy.apply(now.levels(), task, metas);
            recordInManifest(id, applied, outputs);
            before = now.version();
            after = before.withLevels(applied.levels(), outputs);
            stateLock.lockWrite();
            try {
                current.replace(now.withVersion(after));
            } finally {
                stateLock.unlockWrite();
            }
        } finally {
            freezeLock.unlock();
        }
        stats.countIn(task, outputs.stream().mapToLong(t -> t.meta().bytes()).sum());
        events.installed(id, task.outputLevel(), metas.stream().map(TableMeta::id).toList(),
                task.inputTables().stream().map(TableMeta::id).toList());
        events.levelsChanged(() -> stats.report(current.peek().levels(), policy, -1),
                options.compaction());
        // @probe COMPACT_DELETE_OBSOLETE
        gate.reach(ProbePoint.COMPACT_DELETE_OBSOLETE);
        for (TableFile gone : before.droppedIn(after)) {
            events.tableObsolete(gone.id(), gone.readers(before));
            gone.markObsolete(); // deleted now, or when the last reader lets go
        }
        before.unpin(); // it is no longer the current version
    }

    private void recordInManifest(long id, CompactionPolicy.Applied applied, List<TableFile> outputs) {
        try {
            manifest.recordEdit(CompactionFiles.manifestEdit(applied.edit()));
        } catch (IOException e) {
            outputs.forEach(t -> {
                t.reader().close();
                dir.deleteQuietly(t.reader().path());
            });
            events.failed(id, "compaction #" + id + " failed: the manifest could not record it: " + e.getMessage());
            throw new UncheckedIOException("compaction #" + id + ": manifest append failed", e);
        }
    }
}
