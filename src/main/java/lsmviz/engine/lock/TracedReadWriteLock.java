package lsmviz.engine.lock;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import lsmviz.engine.event.EventBus;

/**
 * A fair read-write lock whose every request, acquisition and release is traced. Fair, so that a
 * waiting writer is not starved by a stream of readers and the queue the UI shows is the real one.
 */
public final class TracedReadWriteLock {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final LockTrace trace;

    public TracedReadWriteLock(String name, EventBus bus, LockTable table) {
        this.trace = new LockTrace(name, bus);
        table.register(trace);
    }

    public void lockRead() {
        if (LockTrace.tryAcquireFair(lock.readLock())) {
            trace.acquired(LockMode.READ, 0, false);
            return;
        }
        trace.requested(LockMode.READ);
        long asked = trace.waiting(LockMode.READ);
        lock.readLock().lock();
        trace.acquired(LockMode.READ, asked, true);
    }

    /**
     * Releases a read hold. Returns the time of its release event, or 0 when no listener wanted
     * lock events: an event that follows the release with nothing in between can reuse that time
     * instead of reading the clock again (about 40 ns on a VM).
     */
    public long unlockRead() {
        long at = trace.releasing(LockMode.READ);
        lock.readLock().unlock();
        return at;
    }

    /**
     * Takes the read side only if that needs no wait, and publishes no event: the hold shows in
     * the lock table from {@code now}, and the caller reports the acquisition and the release
     * (released with {@link #unlockReadUnreported()}) in its own batch of events. Returns false,
     * with nothing done, when the lock is not free for a reader at once.
     */
    public boolean tryLockReadUnreported(long now) {
        if (!LockTrace.tryAcquireFair(lock.readLock())) {
            return false;
        }
        trace.acquiredUnreported(LockMode.READ, now);
        return true;
    }

    /** Releases a hold taken with {@link #tryLockReadUnreported}; the caller reports the release. */
    public void unlockReadUnreported() {
        trace.releasingUnreported(LockMode.READ);
        lock.readLock().unlock();
    }

    public void lockWrite() {
        if (LockTrace.tryAcquireFair(lock.writeLock())) {
            trace.acquired(LockMode.WRITE, 0, false);
            return;
        }
        trace.requested(LockMode.WRITE);
        long asked = trace.waiting(LockMode.WRITE);
        lock.writeLock().lock();
        trace.acquired(LockMode.WRITE, asked, true);
    }

    public void unlockWrite() {
        trace.releasing(LockMode.WRITE);
        lock.writeLock().unlock();
    }

    public boolean isWriteLockedByCurrentThread() {
        return lock.isWriteLockedByCurrentThread();
    }

    public boolean isReadLockedByCurrentThread() {
        return trace.heldByCurrentThread(LockMode.READ);
    }

    public String name() {
        return trace.name();
    }
}
