package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lsmviz.engine.CompactionEvents.MergeCounts;
import lsmviz.engine.compaction.CompactionPolicy;
import lsmviz.engine.compaction.Task;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.sstable.SSTableWriter;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.KeyValue;

/**
 * The compactor thread and the compaction story, as LevelDB's background compaction goes: pick
 * (the policy looks at the levels), merge (with no engine lock held), install (under the freeze
 * lock, the manifest record first, then the state write lock for the swap), delete what is
 * obsolete. It wakes when a flush finishes and when a user asks ({@link #request}); with auto
 * compaction off (manual flush mode) only a user's request compacts.
 */
final class Compactor {
    static final String THREAD = "compactor";

    /** What the compactor needs of the engine it works for. */
    record Engine(Options options, CompactionPolicy policy, DbDirectory dir, Manifest manifest, StepGate gate,
            TracedMutex freezeLock, TracedReadWriteLock stateLock, Supplier<EngineState> state,
            Consumer<EngineState> swap, BooleanSupplier auto, CompactionStats stats, CompactionEvents events,
            Consumer<TableFile> whenUnused) {}

    /** A user's request: one compaction (if one is due) or a full one; completes with whether it ran. */
    private record Request(boolean full, CompletableFuture<Boolean> done) {}

    /** Thrown inside a merge when the engine closes: the compaction is abandoned, nothing changes. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the engine is closing", null, false, false);
        }
    }

    private final Engine engine;
    private final CompactionPolicy policy;
    private final DbDirectory dir;
    private final StepGate gate;
    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;
    private final CompactionEvents events;
    private final Object signal = new Object();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    /** A compaction is running (guarded by {@link #signal}). */
    private boolean busy;
    private long compactions;

    Compactor(Engine engine) {
        this.engine = engine;
        this.policy = engine.policy();
        this.dir = engine.dir();
        this.gate = engine.gate();
        this.freezeLock = engine.freezeLock();
        this.stateLock = engine.stateLock();
        this.events = engine.events();
        this.thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The compaction that failed, or null. */
    Throwable failure() {
        return failure;
    }

    /** A flush finished (or auto compaction was turned on): look again. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Asks for one compaction (whether or not auto compaction is on), or a full one. */
    CompletableFuture<Boolean> request(boolean full) {
        Request r = new Request(full, new CompletableFuture<>());
        synchronized (signal) {
            if (stopping || failure != null) {
                r.done().completeExceptionally(new IllegalStateException(stopping ? "the engine is closed"
                        : "compaction stopped after a failure: " + failure.getMessage(), failure));
                return r.done();
            }
            requests.add(r);
            signal.notifyAll();
        }
        return r.done();
    }

    /** Whether a compaction is due now: the policy would pick one. */
    boolean due() {
        return policy.pick(engine.state().get().levels()).isPresent();
    }

    /**
     * Waits (at most {@code millis}) until no compaction is due or running; returns whether none is.
     * After a failure nothing more will run, so it waits only for the failed one to end.
     */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (signal) {
            while (busy || (failure == null && (!requests.isEmpty() || (engine.auto().getAsBoolean() && due())))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopping) {
                    return false;
                }
                signal.wait(Math.max(1, Math.min(50, left / 1_000_000L)));
            }
            return true;
        }
    }

    /** Stops the thread: a merge under way is abandoned (its outputs deleted); an install finishes. */
    void stop() {
        synchronized (signal) {
            stopping = true;
            requests.forEach(r -> r.done().completeExceptionally(new IllegalStateException("the engine is closed")));
            requests.clear();
            signal.notifyAll();
        }
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (serveOne()) {
                // until the engine closes or a compaction fails
            }
        } catch (RuntimeException | Error e) {
            failure = e; // writers now fail instead of waiting for L0 to shrink
        } finally {
            synchronized (signal) {
                busy = false;
                requests.forEach(r -> r.done().completeExceptionally(new IllegalStateException(
                        failure == null ? "the engine is closed" : "compaction failed: " + failure.getMessage())));
                requests.clear();
                signal.notifyAll();
            }
        }
    }

    /** Waits for a request or a due compaction and runs it; false when the thread should end. */
    private boolean serveOne() {
        Request r;
        synchronized (signal) {
            while (!stopping && requests.isEmpty() && !(engine.auto().getAsBoolean() && due())) {
                try {
                    signal.wait(100);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            if (stopping) {
                return false;
            }
            r = requests.poll();
            busy = true;
        }
        try {
            boolean ran = compactOnce(r != null && r.full());
            if (r != null) {
                r.done().complete(ran);
            }
            return true;
        } catch (Stopped e) {
            if (r != null) {
                r.done().completeExceptionally(new IllegalStateException("the engine is closed"));
            }
            return false;
        } catch (RuntimeException | Error e) {
            failure = e; // before the caller hears of it: its next write must fail
            if (r != null) {
                r.done().completeExceptionally(e);
            }
            throw e;
        } finally {
            gate.operationEnded();
            synchronized (signal) {
                busy = false;
                signal.notifyAll(); // writers stalled on L0, awaitIdle
            }
        }
    }

    /** Wakes writers that wait for L0 to shrink (a stall), at most {@code millis} from now. */
    void awaitLevel0(long millis) {
        synchronized (signal) {
            if (!stopping && failure == null) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a compaction (write stall)", e);
                }
            }
        }
    }

    // ---- One compaction

    /** Pick, merge, install, delete. Returns false when nothing was due. */
    private boolean compactOnce(boolean full) {
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
            return engine.state().get().version().pin();
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
                feed.startTable(engine.options().sstableTargetBytes());
                SSTableInfo info = SSTableWriter.write(dir.io(), path, tableId, feed, engine.options().blockSizeBytes(),
                        engine.options().bloomBitsPerKey(), SSTableWriter.Progress.NONE);
                // @probe COMPACT_SEAL_OUTPUT
                gate.reach(ProbePoint.COMPACT_SEAL_OUTPUT);
                outputs.add(new TableFile(SSTableReader.open(path, tableId), engine.whenUnused()));
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
            if (stopping) {
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
            EngineState now = engine.state().get();
            applied = policy.apply(now.levels(), task, metas);
            recordInManifest(id, applied, outputs);
            before = now.version();
            after = before.withLevels(applied.levels(), outputs);
            stateLock.lockWrite();
            try {
                engine.swap().accept(now.withVersion(after));
            } finally {
                stateLock.unlockWrite();
            }
        } finally {
            freezeLock.unlock();
        }
        engine.stats().countIn(task, outputs.stream().mapToLong(t -> t.meta().bytes()).sum());
        events.installed(id, task.outputLevel(), metas.stream().map(TableMeta::id).toList(),
                task.inputTables().stream().map(TableMeta::id).toList());
        events.levelsChanged(() -> engine.stats().report(engine.state().get().levels(), policy, -1),
                engine.options().compaction());
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
            engine.manifest().recordEdit(CompactionFiles.manifestEdit(applied.edit()));
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
