package lsmviz.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.SyncMode;
import lsmviz.workload.Workload;

/**
 * The running engine behind the window: opens and reopens it, runs every call on worker threads
 * (never on the FX thread: a paused engine would freeze the window), owns the workload, and
 * deletes the temporary directories it made once it is done with them. The window's parts talk
 * to it through its {@link #port()}.
 *
 * <p>Workers are made as needed: a command paused at the step gate keeps its thread (a paused
 * thread keeps its locks; that is the lesson), and the next command gets another one.
 */
public final class EngineSession implements AutoCloseable {

    /**
     * Small memtables, so that a classroom sees freezes and flushes after a handful of puts, and
     * small compaction outputs (64 KB), so that a level holds a few tables to see.
     */
    public static Options classroomDefaults() {
        return Options.defaults().withMemtableSizeBytes(16 * 1024).withBlockSizeBytes(1024)
                .withSstableTargetBytes(64 * 1024).withMaxImmutableMemtables(4).withSyncMode(SyncMode.GROUP);
    }

    private final EventListener listener;
    private final ExecutorService workers;
    private final GateControl steps = new GateControl(this::currentGate);
    private final SessionCommands port = new SessionCommands(this);
    private volatile LsmEngine engine;
    private volatile Options options = classroomDefaults();
    private volatile Path directory;
    /** Whether the session made {@link #directory} for itself, and so deletes it when done. */
    private volatile boolean ownsDirectory;
    private volatile Workload workload;
    private volatile Consumer<LsmEngine> onEngine = e -> { };
    private volatile CrashReport lastCrash;
    /** The gate of the engine being recovered, while it opens; null otherwise. */
    private volatile StepGate recovering;

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

    /** The step gate of whichever engine is open now. */
    public StepControl steps() {
        return steps;
    }

    /** What the window's parts may ask: commands, stepping, inspection, locks. */
    public SessionPort port() {
        return port;
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

    /** What opening a directory found: {@code recovered} when it held write-ahead logs to replay. */
    public record Opened(Path dir, boolean recovered, String words) {}

    /**
     * Opens an existing data directory. One that a crash left with write-ahead logs is recovered
     * with the flusher and compactor off, as {@link #recover} does, so the memtables that came back
     * stay on screen until the user turns auto-flush on; {@code words} then says what came back.
     */
    public CompletableFuture<Opened> openFound(Path dir, Options opts) {
        return background(() -> {
            boolean logs = io(() -> hasLogs(dir));
            CrashWords.Recovery heard = new CrashWords.Recovery();
            Options o = logs ? opts.withFlushMode(Options.FlushMode.MANUAL) : opts;
            io(() -> reopen(dir, o, false, logs ? heard : null, null));
            return new Opened(dir, logs, logs ? heard.summary(null) : null);
        });
    }

    private static boolean hasLogs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".wal"));
        }
    }

    /** Reopens the same directory with new options (the memtables are flushed first). */
    public CompletableFuture<Path> reopenWith(Options opts) {
        return background(() -> {
            Path dir = directory;
            io(() -> reopen(dir, opts, ownsDirectory));
            return dir;
        });
    }

    private Void reopen(Path dir, Options opts, boolean owned) throws IOException {
        return reopen(dir, opts, owned, null, null);
    }

    /** {@code heard}: also told of every event of the new engine, from the first (what opening found). */
    private synchronized Void reopen(Path dir, Options opts, boolean owned, EventListener heard, StepGate gate)
            throws IOException {
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
            // the recovery's listener asks for structure only: the window's detail decides
            EventListener both = EventListener.both(heard, listener);
            LsmEngine e = gate == null ? LsmEngine.openCrashable(dir, opts, both)
                    : LsmEngine.openCrashable(dir, opts, both, gate);
            if (gate == null) {
                steps.applyWindowChoices(e); // a recovery's gate keeps the window's mode
            }
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
                    LsmEngine back = LsmEngine.openCrashable(oldDir, oldOptions, listener);
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
     * Crashes the engine (simulated) the way {@code kind} would, on a worker thread: threads paused
     * at the step gate die where they are, the workload's writers fail. The engine stays dead,
     * its directory as the crash left it, until {@link #recover()}.
     */
    public CompletableFuture<CrashReport> crash(CrashKind kind) {
        return background(() -> {
            LsmEngine e = engine;
            if (e == null) {
                throw new IllegalStateException("no engine is open");
            }
            Workload w = workload;
            if (w != null) {
                w.requestStop(); // its threads end on the dead engine
            }
            CrashReport report = io(() -> e.crash(kind));
            lastCrash = report;
            return report;
        });
    }

    private StepGate currentGate() {
        LsmEngine e = engine;
        StepGate r = recovering;
        return r != null ? r : e == null ? null : e.stepGate();
    }

    /** The last crash's report, or null. */
    public CrashReport lastCrash() {
        return lastCrash;
    }

    /**
     * Opens the crashed engine's directory again: recovery replays the manifest and the logs. The
     * background flusher and compactor stay off, so that the memtables recovered from their logs
     * stay on screen until the user turns auto-flush on. {@code heard} gets the recovery's events.
     */
    public CompletableFuture<Path> recover(EventListener heard) {
        return background(() -> {
            Path dir = directory;
            if (dir == null) {
                throw new IllegalStateException("no directory to recover");
            }
            Options manual = options.withFlushMode(Options.FlushMode.MANUAL);
            StepGate gate = steps.recoveryGate();
            recovering = gate;
            try {
                io(() -> reopen(dir, manual, ownsDirectory, heard, gate));
            } finally {
                recovering = null;
            }
            return dir;
        });
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

    /**
     * Takes an engine opened elsewhere (a lesson's, which deletes its own directory): commands now
     * act on it. A lesson may adopt a second engine part way ({@code freshEngine}), having closed
     * the first: a workload started on the first cannot go on, so it is told to stop (without
     * waiting: its threads end on the closed engine) and forgotten.
     */
    public synchronized void adopt(LsmEngine e) {
        Workload w = workload;
        if (w != null) {
            workload = null;
            w.requestStop();
        }
        engine = e;
        options = e.options();
        directory = e.directory();
        ownsDirectory = false;
        onEngine.accept(e);
    }

    /** Stops everything, closes the engine (memtables flushed) and deletes a temporary directory. Blocks. */
    @Override
    public void close() throws IOException {
        StepGate r = recovering;
        if (r != null) {
            r.close(); // a recovery paused at the gate goes on, and lets go of the session
        }
        closeEngine();
    }

    private synchronized void closeEngine() throws IOException {
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
    // The workload

    /** Starts a workload on {@code e}, stopping the one that runs. */
    synchronized void startWorkload(LsmEngine e, Workload.Settings settings) {
        stopWorkloadNow();
        Workload w = new Workload(e, settings);
        w.start();
        workload = w;
    }

    /** Stops the workload; waits for its threads on a worker thread (one may be paused at the gate). */
    CompletableFuture<String> stopWorkload() {
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

    /** The workload now (never blocks). */
    SessionPort.WorkloadStatus workloadStatus() {
        Workload w = workload;
        if (w == null) {
            return SessionPort.WorkloadStatus.NONE;
        }
        Throwable f = w.failure();
        return new SessionPort.WorkloadStatus(w.isRunning(), w.puts() + w.gets(), w.settings().opsPerSec(),
                f == null ? null : String.valueOf(f.getMessage()));
    }

    /** The bridge asks for {@code detail} from now on; the engine re-reads what its listeners want. */
    void setEventDetail(EventListener.Detail detail) {
        if (listener instanceof lsmviz.app.bridge.EventBridge b && b.detail() != detail) {
            b.setDetail(detail);
            submit(e -> {
                e.eventDetailChanged();
                return null;
            });
        }
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
