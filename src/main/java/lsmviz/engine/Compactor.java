package lsmviz.engine;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The compactor: a background thread and its queue of users' requests. It wakes when a flush
 * finishes and when a user asks ({@link #request}), and runs one {@link Compaction} at a time; with
 * auto compaction off (manual flush mode) only a user's request compacts. A compaction that fails
 * stops it for good: {@link #failure()} says why, and the engine then refuses writes.
 */
final class Compactor {
    static final String THREAD = "compactor";

    /** A user's request: one compaction (if one is due) or a full one; completes with whether it ran. */
    private record Request(boolean full, CompletableFuture<Boolean> done) {}

    private final Compaction compaction;
    private final BooleanSupplier auto;
    private final BackgroundThread thread;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    /** A compaction is running (guarded by the thread's signal). */
    private boolean busy;

    /** {@code auto}: whether compactions run by themselves (auto-flush is on). */
    Compactor(java.util.function.Function<BooleanSupplier, Compaction> story, BooleanSupplier auto) {
        this.auto = auto;
        this.thread = new BackgroundThread(THREAD, this::workDue, this::serveOne, this::failRequests);
        this.compaction = story.apply(thread::stopping);
    }

    void start() {
        thread.start();
    }

    /** The compaction that failed, or null. */
    Throwable failure() {
        return thread.failure();
    }

    /** A flush finished (or auto compaction was turned on): look again. */
    void wake() {
        thread.wake();
    }

    /** Asks for one compaction (whether or not auto compaction is on), or a full one. */
    CompletableFuture<Boolean> request(boolean full) {
        Request r = new Request(full, new CompletableFuture<>());
        synchronized (thread.signal()) {
            Throwable failure = thread.failure();
            if (thread.stopping() || failure != null) {
                r.done().completeExceptionally(new IllegalStateException(failure == null ? "the engine is closed"
                        : "compaction stopped after a failure: " + failure.getMessage(), failure));
                return r.done();
            }
            requests.add(r);
            thread.signal().notifyAll();
        }
        return r.done();
    }

    /** Asks for one compaction (or a full one) and waits for it: whether one ran. */
    boolean runAndWait(boolean full) throws InterruptedException {
        try {
            return request(full).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** Holding the signal: a request waits, or a compaction is due and runs by itself. */
    private boolean workDue() {
        return !requests.isEmpty() || (auto.getAsBoolean() && compaction.due());
    }

    /**
     * Waits (at most {@code millis}) until no compaction is due or running; returns whether none is.
     * After a failure nothing more will run, so it waits only for the failed one to end.
     */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (thread.signal()) {
            while (busy || (thread.failure() == null && workDue())) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || thread.stopping()) {
                    return false;
                }
                thread.signal().wait(Math.max(1, Math.min(50, left / 1_000_000L)));
            }
            return true;
        }
    }

    /** A writer stalled on L0 waits for a compaction to end, at most {@code millis}. */
    void awaitLevel0(long millis) {
        synchronized (thread.signal()) {
            if (!thread.stopping() && thread.failure() == null) {
                try {
                    thread.signal().wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a compaction (write stall)", e);
                }
            }
        }
    }

    /** Stops the thread: a merge under way is abandoned (its outputs deleted); an install finishes. */
    void stop() {
        thread.stop();
    }

    /** Runs the request waiting, or the compaction due. */
    private void serveOne() {
        Request r;
        synchronized (thread.signal()) {
            r = requests.poll();
            busy = true;
        }
        try {
            boolean ran = compaction.compactOnce(r != null && r.full());
            if (r != null) {
                r.done().complete(ran);
            }
        } catch (Compaction.Stopped e) {
            if (r != null) {
                r.done().completeExceptionally(new IllegalStateException("the engine is closed"));
            }
        } catch (RuntimeException | Error e) {
            thread.failed(e); // before the caller hears of it: its next write must fail
            if (r != null) {
                r.done().completeExceptionally(e);
            }
            throw e;
        } finally {
            compaction.ended();
            synchronized (thread.signal()) {
                busy = false;
                thread.signal().notifyAll(); // writers stalled on L0, awaitIdle
            }
        }
    }

    /** The thread ended: requests still waiting will never run. */
    private void failRequests() {
        synchronized (thread.signal()) {
            busy = false;
            Throwable failure = thread.failure();
            requests.forEach(r -> r.done().completeExceptionally(new IllegalStateException(
                    failure == null ? "the engine is closed" : "compaction failed: " + failure.getMessage())));
            requests.clear();
        }
    }
}
