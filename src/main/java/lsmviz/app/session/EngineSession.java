package lsmviz.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.Bytes;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.iterator.KeyValue;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.wal.SyncMode;
import lsmviz.workload.Workload;

/**
 * The running engine behind the window: opens and reopens it, runs every command on worker
 * threads (never on the FX thread: a paused engine would freeze the window), owns the workload,
 * and deletes the temporary directories it made once it is done with them.
 *
 * <p>Workers are made as needed: a command paused at the step gate keeps its thread (a paused
 * thread keeps its locks; that is the lesson), and the next command gets another one.
 */
public final class EngineSession implements SessionPort, AutoCloseable {

    /** Small memtables, so that a classroom sees freezes and flushes after a handful of puts. */
    public static Options classroomDefaults() {
        return Options.defaults().withMemtableSizeBytes(16 * 1024).withBlockSizeBytes(1024)
                .withSstableTargetBytes(1L << 20).withMaxImmutableMemtables(4).withSyncMode(SyncMode.GROUP);
    }

    private final EventListener listener;
    private final ExecutorService workers;
    private final GateControl steps = new GateControl(this::engine);
    private volatile LsmEngine engine;
    private volatile Options options = classroomDefaults();
    private volatile Path directory;
    /** Whether the session made {@link #directory} for itself, and so deletes it when done. */
    private volatile boolean ownsDirectory;
    private volatile Workload workload;
    private volatile Consumer<LsmEngine> onEngine = e -> { };

    /** @param listener receives every event of every engine the session opens (the window's bridge) */
    public EngineSession(EventListener listener) {
        this.listener = listener;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ui-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Options options() {
        return options;
    }

    public Path directory() {
        return directory;
    }

    /** The engine, for tests and the lesson runner's hand-over; null while none is open. */
    public LsmEngine engine() {
        return engine;
    }

    /** Told (on a worker thread) of every engine the session opens or adopts, before its commands run. */
    public void setOnEngine(Consumer<LsmEngine> onEngine) {
        this.onEngine = onEngine == null ? e -> { } : onEngine;
    }

    @Override
    public StepControl steps() {
        return steps;
    }

    // ------------------------------------------------------------------------------------------
    // Opening and closing

    /** Opens a fresh temporary data directory (deleted again when the session moves on or closes). */
    public CompletableFuture<Path> openTemporary(Options opts) {
        return background(() -> {
            Path dir = io(() -> Files.createTempDirectory("lsmviz-"));
            io(() -> reopen(dir, opts, true));
            return dir;
        });
    }

    /** Opens an existing (or new) data directory, its state restored. */
    public CompletableFuture<Path> open(Path dir, Options opts) {
        return background(() -> {
            io(() -> reopen(dir, opts, false));
            return dir;
        });
    }

    /** Reopens the same directory with new options (the memtables are flushed first). */
    public CompletableFuture<Path> reopenWith(Options opts) {
        return background(() -> {
            Path dir = directory;
            io(() -> reopen(dir, opts, ownsDirectory));
            return dir;
        });
    }

    private synchronized Void reopen(Path dir, Options opts, boolean owned) throws IOException {
        stopWorkloadNow();
        LsmEngine old = engine;
        Path oldDir = directory;
        boolean oldOwned = ownsDirectory;
        Options oldOptions = options;
        engine = null;
        if (old != null) {
            old.close();
        }
        try {
            LsmEngine e = LsmEngine.open(dir, opts, listener);
            steps.applyWindowChoices(e);
            engine = e;
            options = opts;
            directory = dir;
            ownsDirectory = owned;
            onEngine.accept(e);
        } catch (IOException | RuntimeException ex) {
            // the new directory cannot be used: go back to the one that worked, so the window
            // keeps an engine and nothing already stored is touched
            if (oldDir != null && !oldDir.equals(dir)) {
                try {
                    LsmEngine back = LsmEngine.open(oldDir, oldOptions, listener);
                    steps.applyWindowChoices(back);
                    engine = back;
                    onEngine.accept(back);
                } catch (IOException | RuntimeException again) {
                    ex.addSuppressed(again);
                }
            }
            if (owned && !dir.equals(oldDir)) {
                Directories.deleteQuietly(dir);
            }
            throw ex;
        }
        if (oldOwned && oldDir != null && !oldDir.equals(dir)) {
            Directories.deleteQuietly(oldDir); // a temporary directory nobody will open again
        }
        return null;
    }

    /**
     * Closes the engine the session opened (its memtables flushed, its temporary directory
     * deleted) and leaves the window without one, for a lesson that brings its own. Blocks: not
     * for the FX thread.
     */
    public synchronized void release() throws IOException {
        stopWorkloadNow();
        LsmEngine old = engine;
        engine = null;
        if (old != null) {
            old.close();
        }
        if (ownsDirectory && directory != null) {
            Directories.deleteQuietly(directory);
        }
        ownsDirectory = false;
    }

    /** Takes an engine opened elsewhere (a lesson's, which deletes its own directory): commands now act on it. */
    public synchronized void adopt(LsmEngine e) {
        engine = e;
        options = e.options();
        directory = e.directory();
        ownsDirectory = false;
        onEngine.accept(e);
    }

    /** Stops everything, closes the engine (memtables flushed) and deletes a temporary directory. Blocks. */
    @Override
    public synchronized void close() throws IOException {
        Workload w = workload;
        workload = null;
        if (w != null) {
            w.requestStop();
        }
        LsmEngine e = engine;
        engine = null;
        try {
            if (e != null) {
                e.close(); // releases threads paused at the step gate, so the workload can end
            }
            if (w != null) {
                try {
                    w.stop();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            workers.shutdown();
            if (ownsDirectory && directory != null) {
                Directories.deleteQuietly(directory);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Commands

    @Override
    public CompletableFuture<String> put(String key, String value) {
        return submit(e -> {
            e.put(Bytes.utf8(key), Bytes.utf8(value));
            return "put " + key + " = " + Format.shorten(value, 40) + ": stored";
        });
    }

    @Override
    public CompletableFuture<String> get(String key) {
        return submit(e -> {
            byte[] v = e.get(Bytes.utf8(key));
            return "get " + key + " → " + (v == null ? "(not found)" : Format.shorten(Bytes.display(v), 60));
        });
    }

    @Override
    public CompletableFuture<String> delete(String key) {
        return submit(e -> {
            e.delete(Bytes.utf8(key));
            return "delete " + key + ": a tombstone is written";
        });
    }

    @Override
    public CompletableFuture<String> scan(String from) {
        return submit(e -> {
            Iterator<KeyValue> it = e.scanInto(from == null ? null : Bytes.utf8(from), null);
            StringBuilder sb = new StringBuilder("scan" + (from == null ? "" : " from " + from) + ": ");
            int n = 0;
            while (it.hasNext() && n < 8) {
                KeyValue kv = it.next();
                sb.append(n == 0 ? "" : ", ").append(Bytes.display(kv.key())).append('=')
                        .append(Format.shorten(Bytes.display(kv.value()), 12));
                n++;
            }
            long more = 0;
            while (it.hasNext() && more < 1_000_000) {
                it.next();
                more++;
            }
            return sb + (n == 0 ? "(no entries)" : more > 0 ? " … and " + Format.count(more) + " more" : "");
        });
    }

    @Override
    public CompletableFuture<String> freeze() {
        return submit(e -> e.freeze() ? "freeze: the active memtable joined the immutable queue"
                : "freeze: nothing to freeze (the active memtable is empty)");
    }

    @Override
    public CompletableFuture<String> flush() {
        return submit(e -> e.flushOldest() ? "flush: the oldest immutable memtable is now an SSTable"
                : "flush: nothing to flush (no immutable memtable waits)");
    }

    @Override
    public CompletableFuture<String> setAutoFlush(boolean on) {
        return submit(e -> {
            e.setAutoFlush(on);
            return on ? "auto-flush on: the flusher writes immutable memtables as they come"
                    : "auto-flush off: only the Flush button flushes (writers never stall)";
        });
    }

    @Override
    public CompletableFuture<String> startWorkload(Workload.Settings s) {
        return submit(e -> {
            startWorkloadNow(e, s);
            return "workload started: " + Format.plural(s.writers(), "writer") + ", " + Format.plural(s.readers(), "reader")
                    + ", " + s.distribution().name().toLowerCase(Locale.ROOT) + " keys, "
                    + (s.opsPerSec() == 0 ? "as fast as possible" : Format.count(s.opsPerSec()) + " ops/s");
        });
    }

    private synchronized void startWorkloadNow(LsmEngine e, Workload.Settings settings) {
        stopWorkloadNow();
        Workload w = new Workload(e, settings);
        w.start();
        workload = w;
    }

    /** Stops the workload; waits for its threads on a worker thread (one may be paused at the gate). */
    @Override
    public CompletableFuture<String> stopWorkload() {
        Workload w = workload;
        if (w == null) {
            return CompletableFuture.completedFuture("workload stopped");
        }
        w.requestStop();
        return background(() -> {
            try {
                w.stop();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return "workload stopped";
        });
    }

    private void stopWorkloadNow() {
        Workload w = workload;
        workload = null;
        if (w != null) {
            w.requestStop();
            LsmEngine e = engine;
            if (e != null) {
                e.stepGate().continueAll(); // a workload thread paused at the gate must see the stop
            }
            try {
                w.stop();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public WorkloadStatus workload() {
        Workload w = workload;
        if (w == null) {
            return WorkloadStatus.NONE;
        }
        Throwable f = w.failure();
        return new WorkloadStatus(w.isRunning(), w.puts() + w.gets(), w.settings().opsPerSec(),
                f == null ? null : String.valueOf(f.getMessage()));
    }

    // ------------------------------------------------------------------------------------------
    // Inspection and locks

    @Override
    public CompletableFuture<List<MemtableEntry>> memtableEntries(long memtableId, int limit) {
        return submit(e -> e.memtableEntries(memtableId, limit).stream()
                .map(kv -> new MemtableEntry(Bytes.display(kv.key()), kv.isTombstone() ? null : Bytes.display(kv.value())))
                .toList());
    }

    @Override
    public CompletableFuture<TableDetails> sstable(long sstableId) {
        return submit(e -> TableFacts.of(e.sstableInfo(sstableId)));
    }

    @Override
    public CompletableFuture<Void> verifySSTable(long sstableId) {
        return submit(e -> {
            e.verifySSTable(sstableId);
            return null;
        });
    }

    /** Reads the lock table, which never blocks (concurrent maps, no engine lock). */
    @Override
    public List<LockVis> liveLocks() {
        LsmEngine e = engine;
        if (e == null) {
            return List.of();
        }
        List<LockVis> locks = new ArrayList<>();
        for (LockView v : e.lockTable().snapshot()) {
            locks.add(new LockVis(v.lock(),
                    v.holders().stream().map(h -> new HolderVis(h.thread(), h.mode().label(), h.sinceNanos())).toList(),
                    v.waiters().stream().map(w -> new WaiterVis(w.thread(), w.mode().label(), w.sinceNanos())).toList()));
        }
        return locks;
    }

    // ------------------------------------------------------------------------------------------
    // Running work

    /** A call into the engine, run on a worker thread. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call(LsmEngine engine) throws Exception;
    }

    /** Runs on the session's worker threads (lesson start and stop block). */
    public <T> CompletableFuture<T> background(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, workers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the session is closed"));
        }
    }

    /** Runs a command on the open engine, on a worker thread. */
    public <T> CompletableFuture<T> submit(EngineCall<T> call) {
        return background(() -> {
            LsmEngine e = engine;
            if (e == null) {
                throw new IllegalStateException("no engine is open");
            }
            try {
                return call.call(e);
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new CompletionException(ex);
            }
        });
    }

    private interface IoWork<T> {
        T run() throws IOException;
    }

    private static <T> T io(IoWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
