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

    /**
     * One thread's hold on the read side. Written only by its owner thread; {@code count} is
     * volatile so that a viewer on another thread sees it.
     */
    static final class ReadHold {
        final Thread thread;
        volatile int count;
        volatile long since;

        ReadHold(Thread thread) {
            this.thread = thread;
        }
    }

    /** The exclusive (mutex or write) holder: only ever one. */
    record ExclusiveHold(Thread thread, LockMode mode, long since, int count) {}

    private final String name;
    private final EventBus bus;
    /**
     * Read holds, one object per thread that ever read-locked: the hot path touches only its own
     * thread-local object (no map update per acquire); views skip holds with count 0.
     */
    private final ThreadLocal<ReadHold> myReadHold = new ThreadLocal<>();
    private final Map<Thread, ReadHold> readHolds = new ConcurrentHashMap<>();
    private volatile ExclusiveHold exclusive;
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
        if (bus.detailed()) {
            bus.publishDetailed(new EngineEvent.LockRequested(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
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
        hold(t, mode, now);
        if (bus.detailed()) {
            bus.publishDetailed(new EngineEvent.LockAcquired(bus.nextSeq(), now, t.getName(), name, mode.label(),
                    queued ? now - askedAt : 0));
        }
    }

    private void hold(Thread t, LockMode mode, long now) {
        if (mode == LockMode.READ) {
            ReadHold h = readHold(t);
            if (h.count == 0) {
                h.since = now;
            }
            h.count = h.count + 1;
        } else {
            ExclusiveHold h = exclusive;
            exclusive = h != null && h.thread() == t ? new ExclusiveHold(t, mode, h.since(), h.count() + 1)
                    : new ExclusiveHold(t, mode, now, 1);
        }
    }

    private ReadHold readHold(Thread t) {
        ReadHold h = myReadHold.get();
        if (h == null) {
            h = new ReadHold(t);
            myReadHold.set(h);
            readHolds.put(t, h);
        }
        return h;
    }

    /** Before the release: out of the holders. */
    void releasing(LockMode mode) {
        long since = unhold(mode);
        if (bus.detailed()) {
            long now = System.nanoTime();
            bus.publishDetailed(new EngineEvent.LockReleased(bus.nextSeq(), now, Thread.currentThread().getName(),
                    name, mode.label(), now - since));
        }
    }

    /** Out of the holders; returns since when the thread held the lock. */
    private long unhold(LockMode mode) {
        Thread t = Thread.currentThread();
        long since;
        if (mode == LockMode.READ) {
            ReadHold h = myReadHold.get();
            if (h == null || h.count == 0) {
                throw new IllegalMonitorStateException(t.getName() + " does not hold " + name + " (read)");
            }
            since = h.since;
            h.count = h.count - 1;
        } else {
            ExclusiveHold h = exclusive;
            if (h == null || h.thread() != t) {
                throw new IllegalMonitorStateException(t.getName() + " does not hold " + name + " (" + mode.label() + ")");
            }
            since = h.since();
            exclusive = h.count() == 1 ? null : new ExclusiveHold(t, h.mode(), h.since(), h.count() - 1);
        }
        return since;
    }

    boolean heldByCurrentThread(LockMode mode) {
        Thread t = Thread.currentThread();
        if (mode == LockMode.READ) {
            ReadHold h = myReadHold.get();
            return h != null && h.count > 0;
        }
        ExclusiveHold h = exclusive;
        return h != null && h.thread() == t;
    }

    LockView view() {
        List<LockView.Holder> holders = new ArrayList<>();
        ExclusiveHold x = exclusive;
        if (x != null) {
            holders.add(new LockView.Holder(x.thread().getName(), x.mode(), x.since()));
        }
        for (ReadHold h : readHolds.values()) {
            if (h.count > 0) {
                holders.add(new LockView.Holder(h.thread.getName(), LockMode.READ, h.since));
            } else if (!h.thread.isAlive()) {
                readHolds.remove(h.thread); // a finished thread's idle hold
            }
        }
        holders.sort(Comparator.comparingLong(LockView.Holder::sinceNanos));
        List<LockView.Waiter> queue = new ArrayList<>(waiters.values());
        queue.sort(Comparator.comparingLong(LockView.Waiter::ticket));
        return new LockView(name, List.copyOf(holders), List.copyOf(queue));
    }
}
