package lsmviz.engine.lock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventBus;

/**
 * The bookkeeping behind a traced lock: who holds it in which mode, who waits, and the lock
 * events. Each thread only ever touches its own entries, so the maps need no further locking.
 */
final class LockTrace {
    private static final AtomicLong TICKETS = new AtomicLong();

    /** Mutable per thread, touched only by its owner. */
    static final class Hold {
        final Thread thread;
        final LockMode mode;
        final long since;
        int count = 1;

        Hold(Thread thread, LockMode mode, long since) {
            this.thread = thread;
            this.mode = mode;
            this.since = since;
        }
    }

    private final String name;
    private final EventBus bus;
    private final Map<Thread, Hold> readers = new ConcurrentHashMap<>();
    private volatile Hold exclusive;
    private final Map<Thread, LockView.Waiter> waiters = new ConcurrentHashMap<>();

    LockTrace(String name, EventBus bus) {
        this.name = name;
        this.bus = bus;
    }

    String name() {
        return name;
    }

    /**
     * A non-blocking attempt that honours the lock's fairness. A plain {@link Lock#tryLock()} takes
     * a free lock even when other threads are queued for it (it "barges"), which would let a stream
     * of readers starve a waiting writer and make the queue shown in the lock table a lie;
     * {@code tryLock(0, ...)} on a fair lock does not. The interrupt status is kept, not acted on.
     */
    static boolean tryAcquireFair(Lock lock) {
        boolean interrupted = Thread.interrupted();
        try {
            return lock.tryLock(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Before a blocking acquire: the thread joins the queue. Returns the time it asked. */
    long waiting(LockMode mode) {
        long now = System.nanoTime();
        Thread t = Thread.currentThread();
        waiters.put(t, new LockView.Waiter(t.getName(), mode, now, TICKETS.incrementAndGet()));
        return now;
    }

    void requested(LockMode mode) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.LockRequested(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    name, mode.label()));
        }
    }

    /** After the acquire: out of the queue, into the holders. */
    void acquired(LockMode mode, long askedAt, boolean queued) {
        Thread t = Thread.currentThread();
        long now = System.nanoTime();
        if (queued) {
            waiters.remove(t);
        }
        if (mode == LockMode.READ) {
            Hold h = readers.get(t);
            if (h == null) {
                readers.put(t, new Hold(t, mode, now));
            } else {
                h.count++;
            }
        } else {
            Hold h = exclusive;
            if (h != null && h.thread == t) {
                h.count++;
            } else {
                exclusive = new Hold(t, mode, now);
            }
        }
        if (bus.enabled()) {
            bus.publish(new EngineEvent.LockAcquired(bus.nextSeq(), now, t.getName(), name, mode.label(),
                    queued ? now - askedAt : 0));
        }
    }

    /** Before the release: out of the holders. */
    void releasing(LockMode mode) {
        Thread t = Thread.currentThread();
        Hold h = mode == LockMode.READ ? readers.get(t) : exclusive;
        if (h == null || h.thread != t) {
            throw new IllegalMonitorStateException(t.getName() + " does not hold " + name + " (" + mode.label() + ")");
        }
        if (--h.count == 0) {
            if (mode == LockMode.READ) {
                readers.remove(t);
            } else {
                exclusive = null;
            }
        }
        if (bus.enabled()) {
            long now = System.nanoTime();
            bus.publish(new EngineEvent.LockReleased(bus.nextSeq(), now, t.getName(), name, mode.label(),
                    now - h.since));
        }
    }

    boolean heldByCurrentThread(LockMode mode) {
        Thread t = Thread.currentThread();
        if (mode == LockMode.READ) {
            return readers.containsKey(t);
        }
        Hold h = exclusive;
        return h != null && h.thread == t;
    }

    LockView view() {
        List<LockView.Holder> holders = new ArrayList<>();
        Hold x = exclusive;
        if (x != null) {
            holders.add(new LockView.Holder(x.thread.getName(), x.mode, x.since));
        }
        for (Hold h : readers.values()) {
            holders.add(new LockView.Holder(h.thread.getName(), h.mode, h.since));
        }
        holders.sort(Comparator.comparingLong(LockView.Holder::sinceNanos));
        List<LockView.Waiter> queue = new ArrayList<>(waiters.values());
        queue.sort(Comparator.comparingLong(LockView.Waiter::ticket));
        return new LockView(name, List.copyOf(holders), List.copyOf(queue));
    }
}
