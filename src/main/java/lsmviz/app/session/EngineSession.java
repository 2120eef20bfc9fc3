package lsmviz.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.app.bridge.EventBridge;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.SyncMode;
import lsmviz.workload.Workload;

/**
 * The running engine behind the window: opens and reopens it, runs every user command on a small
 * worker pool (never on the FX thread: a paused engine would freeze the window), and owns the
 * workload generator. Results come back as futures; callers hop to the FX thread themselves.
 */
public final class EngineSession implements AutoCloseable {

    /** A call into the engine, run on a worker thread. */
    @FunctionalInterface
    public interface EngineCall<T> {
        T call(LsmEngine engine) throws Exception;
    }

    /** Small memtables, so that a classroom sees freezes and flushes after a handful of puts. */
    public static Options classroomDefaults() {
        return Options.defaults().withMemtableSizeBytes(16 * 1024).withBlockSizeBytes(1024)
                .withSstableTargetBytes(1L << 20).withMaxImmutableMemtables(4).withSyncMode(SyncMode.GROUP);
    }

    private final EventBridge bridge;
    private final ExecutorService workers;
    private volatile LsmEngine engine;
    private volatile Options options = classroomDefaults();
    private volatile Path directory;
    private volatile boolean temporary;
    private volatile Workload workload;

    public EngineSession(EventBridge bridge) {
        this.bridge = bridge;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, r -> {
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

    public boolean isTemporary() {
        return temporary;
    }

    /** The engine, for reads of plain facts (lock table, step gate); null before the first open. */
    public LsmEngine engine() {
        return engine;
    }

    public Workload workload() {
        return workload;
    }

    /** Opens a fresh temporary data directory. */
    public CompletableFuture<Path> openTemporary(Options opts) {
        return background(() -> {
            try {
                Path dir = Files.createTempDirectory("lsmviz-");
                reopen(dir, opts, true);
                return dir;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Opens an existing (or new) data directory, its state restored. */
    public CompletableFuture<Path> open(Path dir, Options opts) {
        return background(() -> {
            try {
                reopen(dir, opts, false);
                return dir;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Reopens the same directory with new options (the memtables are flushed first). */
    public CompletableFuture<Path> reopenWith(Options opts) {
        Path dir = directory;
        boolean temp = temporary;
        return background(() -> {
            try {
                reopen(dir, opts, temp);
                return dir;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private synchronized void reopen(Path dir, Options opts, boolean temp) throws IOException {
        stopWorkloadNow();
        LsmEngine old = engine;
        Path oldDir = directory;
        Options oldOptions = options;
        engine = null;
        if (old != null) {
            old.close();
        }
        try {
            openHere(dir, opts, temp);
        } catch (IOException | RuntimeException e) {
            // the new directory cannot be used: go back to the one that worked, so the window
            // keeps an engine and nothing already stored is touched
            if (oldDir != null && !oldDir.equals(dir)) {
                try {
                    engine = LsmEngine.open(oldDir, oldOptions, bridge);
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private void openHere(Path dir, Options opts, boolean temp) throws IOException {
        // no reset of the picture here (this is a worker thread): the new engine's first event,
        // EngineOpened, replaces the whole picture on the FX thread
        engine = LsmEngine.open(dir, opts, bridge);
        options = opts;
        directory = dir;
        temporary = temp;
    }

    /**
     * Closes the engine the session opened (its memtables flushed) and leaves the window without
     * one, for a lesson that brings its own. Blocks: not for the FX thread.
     */
    public synchronized void release() throws IOException {
        stopWorkloadNow();
        LsmEngine old = engine;
        engine = null;
        if (old != null) {
            old.close();
        }
    }

    /** Takes an engine opened elsewhere (a lesson's): commands and the step bar now act on it. */
    public synchronized void adopt(LsmEngine e) {
        engine = e;
        options = e.options();
        directory = e.directory();
        temporary = true;
    }

    /** Runs on the session's worker threads (lesson start and stop block). */
    public <T> CompletableFuture<T> background(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, workers);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return closed();
        }
    }

    /** What a command gets once the session has closed: a failed future, not an exception thrown at the caller. */
    private static <T> CompletableFuture<T> closed() {
        return CompletableFuture.failedFuture(new IllegalStateException("the session is closed"));
    }

    /** Runs a command on a worker thread. */
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
                throw new java.util.concurrent.CompletionException(ex);
            }
        });
    }

    public synchronized void startWorkload(Workload.Settings settings) {
        stopWorkloadNow();
        LsmEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("no engine is open");
        }
        Workload w = new Workload(e, settings);
        w.start();
        workload = w;
    }

    /** Stops the workload; waits for its threads on a worker thread (one may be paused at the gate). */
    public CompletableFuture<Void> stopWorkload() {
        Workload w = workload;
        if (w == null) {
            return CompletableFuture.completedFuture(null);
        }
        w.requestStop();
        return CompletableFuture.runAsync(() -> {
            try {
                w.stop();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, workers);
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

    /** Stops everything and closes the engine (its memtables are flushed). Blocks: not for the FX thread. */
    @Override
    public synchronized void close() throws IOException {
        Workload w = workload;
        workload = null;
        if (w != null) {
            w.requestStop();
        }
        LsmEngine e = engine;
        engine = null;
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
        workers.shutdown();
    }
}
