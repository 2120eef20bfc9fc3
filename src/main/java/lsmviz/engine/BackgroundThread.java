package lsmviz.engine;

import java.util.function.BooleanSupplier;

/**
 * A daemon thread that sleeps until its work is due, does one piece of it, and looks again: the
 * flusher's and the compactor's thread. The first failure stops it for good ({@link #failure()}
 * says why); {@link #stop()} ends it after the piece under way.
 *
 * <p>Its {@link #signal()} is the monitor it sleeps on: {@link #wake()} after anything that may
 * make work due; the owner may wait on it too (for room in a queue, for idleness).
 */
final class BackgroundThread {
    private final Object signal = new Object();
    private final Thread thread;
    private final BooleanSupplier due;
    private final Runnable work;
    private final Runnable afterEnd;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /**
     * @param due      whether there is work now; asked holding {@link #signal()}
     * @param work     one piece of work (one flush, one compaction)
     * @param afterEnd run once when the thread ends (stopped or failed), to wake those waiting on it
     */
    BackgroundThread(String name, BooleanSupplier due, Runnable work, Runnable afterEnd) {
        this.due = due;
        this.work = work;
        this.afterEnd = afterEnd;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Object signal() {
        return signal;
    }

    /** Something changed that may make work due: look again. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    boolean stopping() {
        return stopping;
    }

    /** The failure that stopped the thread, or null. */
    Throwable failure() {
        return failure;
    }

    /** Records a failure seen while serving a piece of work, before the caller hears of it. */
    void failed(Throwable e) {
        failure = e;
    }

    /** Stops the thread (the piece under way ends first, at most a minute) and wakes everyone. */
    void stop() {
        stopping = true;
        wake();
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (awaitWork()) {
                work.run();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            afterEnd.run();
            wake();
        }
    }

    /** Sleeps until work is due; false when the thread should end. */
    private boolean awaitWork() {
        synchronized (signal) {
            while (!stopping && !due.getAsBoolean()) {
                try {
                    signal.wait(100);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !stopping;
        }
    }
}
