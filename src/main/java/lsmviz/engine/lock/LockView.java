package lsmviz.engine.lock;

import java.util.List;

/**
 * One lock at one moment: who holds it and who waits for it, waiters in queue order (first to
 * ask first).
 */
public record LockView(String lock, List<Holder> holders, List<Waiter> waiters) {

    /** A thread holding the lock since {@code sinceNanos} ({@link System#nanoTime()}). */
    public record Holder(String thread, LockMode mode, long sinceNanos) {}

    /** A thread waiting for the lock since {@code sinceNanos}; {@code ticket} orders the queue. */
    public record Waiter(String thread, LockMode mode, long sinceNanos, long ticket) {}

    public boolean isHeldBy(String thread, LockMode mode) {
        return holders.stream().anyMatch(h -> h.thread().equals(thread) && h.mode() == mode);
    }

    public boolean isAwaitedBy(String thread, LockMode mode) {
        return waiters.stream().anyMatch(w -> w.thread().equals(thread) && w.mode() == mode);
    }
}
