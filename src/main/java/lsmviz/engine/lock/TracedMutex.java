package lsmviz.engine.lock;

import java.util.concurrent.locks.ReentrantLock;
import lsmviz.engine.event.EventBus;

/** A fair mutex whose every request, acquisition and release is traced. */
public final class TracedMutex {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final LockTrace trace;

    public TracedMutex(String name, EventBus bus, LockTable table) {
        this.trace = new LockTrace(name, bus);
        table.register(trace);
    }

    public void lock() {
        if (LockTrace.tryAcquireFair(lock)) {
            trace.acquired(LockMode.EXCLUSIVE, 0, false);
            return;
        }
        trace.requested(LockMode.EXCLUSIVE);
        long asked = trace.waiting(LockMode.EXCLUSIVE);
        lock.lock();
        trace.acquired(LockMode.EXCLUSIVE, asked, true);
    }

    public void unlock() {
        trace.releasing(LockMode.EXCLUSIVE);
        lock.unlock();
    }

    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    public String name() {
        return trace.name();
    }
}
