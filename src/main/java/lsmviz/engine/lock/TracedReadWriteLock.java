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

    public void unlockRead() {
        trace.releasing(LockMode.READ);
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
