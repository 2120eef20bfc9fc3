package lsmviz.engine;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The background flusher thread and the two signals around it: a freeze wakes the flusher
 * ({@link #memtableFrozen}), a flush wakes the writers that wait for a free slot in the
 * immutable queue ({@link #roomFreed}). While auto-flush is off the thread idles, and only a
 * user's request flushes. A flush that fails stops it for good: {@link #failure()} says why,
 * and the engine then refuses writes.
 */
final class Flusher {
    static final String THREAD = "flusher";

    /** Writers waiting for a free slot in the immutable queue wait here; a flush signals it. */
    private final Object roomSignal = new Object();
    private final int maxQueued;
    /** Immutable memtables waiting now. */
    private final IntSupplier queued;
    /** The flusher's thread: it sleeps on its signal until a freeze queues a memtable. */
    private final BackgroundThread thread;
    private volatile boolean autoFlush;

    Flusher(boolean autoFlush, int maxQueued, IntSupplier queued, BooleanSupplier flushOldest) {
        this.autoFlush = autoFlush;
        this.maxQueued = maxQueued;
        this.queued = queued;
        this.thread = new BackgroundThread(THREAD, () -> this.autoFlush && queued.getAsInt() > 0,
                flushOldest::getAsBoolean, this::roomFreed);
    }

    void start() {
        thread.start();
    }

    boolean autoFlush() {
        return autoFlush;
    }

    void setAutoFlush(boolean on) {
        autoFlush = on;
        memtableFrozen();
        roomFreed();
    }

    /** The background flush that failed, or null. */
    Throwable failure() {
        return thread.failure();
    }

    /** A freeze queued a memtable: wake the flusher. */
    void memtableFrozen() {
        thread.wake();
    }

    /** A flush freed a slot (or the flusher stopped): wake the writers that wait for one. */
    void roomFreed() {
        synchronized (roomSignal) {
            roomSignal.notifyAll();
        }
    }

    private boolean queueFull() {
        return queued.getAsInt() >= maxQueued;
    }

    /** A stalled writer waits a moment (at most 50 ms) for a free slot, then looks again. */
    void awaitRoom() {
        synchronized (roomSignal) {
            if (queueFull() && !thread.stopping() && thread.failure() == null) {
                try {
                    roomSignal.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a flush (write stall)", e);
                }
            }
        }
    }

    /**
     * Waits until no immutable memtable waits (at most {@code millis}); returns whether none
     * does. With auto-flush off it only looks.
     */
    boolean awaitFlushes(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (roomSignal) {
            while (queued.getAsInt() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !autoFlush || thread.failure() != null || thread.stopping()) {
                    return queued.getAsInt() == 0;
                }
                roomSignal.wait(Math.max(1, Math.min(50, left / 1_000_000L)));
            }
            return true;
        }
    }

    /** Stops the thread (a flush under way ends first) and wakes everyone waiting. */
    void stop() {
        thread.stop();
        roomFreed();
    }
}
