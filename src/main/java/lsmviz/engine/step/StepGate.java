package lsmviz.engine.step;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Pauses real engine threads at named probe points.
 *
 * <ul>
 *   <li>{@link StepMode#RUN}: {@link #reach} returns at once.</li>
 *   <li>{@link StepMode#SLOW}: {@link #reach} sleeps {@link #slowDelayMillis()} per point.</li>
 *   <li>{@link StepMode#STEP}: a thread stops at every breakpoint, and at the very next point
 *       after it was released by {@link #step}; {@link #continueAll} lets threads run on to the next
 *       breakpoint.</li>
 * </ul>
 *
 * A paused thread keeps every lock it holds: that is the point, other threads visibly queue.
 * {@link #close()} releases every paused thread and turns the gate off for good.
 */
public final class StepGate implements AutoCloseable {

    /** Told when a thread reaches a point (paused or not) and when a paused thread is released. */
    public interface Observer {
        /** {@code subject}: the id of what the point acts on ({@link #reach(ProbePoint, long)}), or 0. */
        void reached(ProbePoint point, boolean paused, long subject);

        void resumed(ProbePoint point);
    }

    private static final class Pause {
        final Thread thread;
        final ProbePoint point;
        final long since = System.nanoTime();
        boolean released;

        Pause(Thread thread, ProbePoint point) {
            this.thread = thread;
            this.point = point;
        }
    }

    private volatile StepMode mode = StepMode.RUN;
    private volatile long slowDelayMillis = 300;
    private volatile Set<ProbePoint> breakpoints = EnumSet.allOf(ProbePoint.class);
    private volatile boolean closed;
    private volatile Observer observer;

    private final Object monitor = new Object();
    /** Paused threads in the order they stopped. Guarded by {@code monitor}. */
    private final Map<Thread, Pause> paused = new LinkedHashMap<>();
    /** Threads released by a single step: they stop at their next point. Guarded by {@code monitor}. */
    private final Set<Thread> stepping = new java.util.HashSet<>();
    /** Threads running to the end of their current operation: no stop until it ends. Guarded by {@code monitor}. */
    private final Set<Thread> finishing = new java.util.HashSet<>();
    /** Whether any thread is finishing: the engine's end-of-operation call is one volatile read otherwise. */
    private volatile boolean anyFinishing;
    /** When set, every thread stops at its next point (the Pause button). Guarded by {@code monitor}. */
    private boolean pauseAtNext;

    public void setObserver(Observer observer) {
        this.observer = observer;
    }

    public StepMode mode() {
        return mode;
    }

    /** Switching to RUN or SLOW releases every paused thread. */
    public void setMode(StepMode mode) {
        synchronized (monitor) {
            this.mode = mode;
            if (mode != StepMode.STEP) {
                stepping.clear();
                pauseAtNext = false;
                releaseAllLocked();
            }
        }
    }

    public long slowDelayMillis() {
        return slowDelayMillis;
    }

    public void setSlowDelayMillis(long millis) {
        if (millis < 0 || millis > 60_000) {
            throw new IllegalArgumentException("slow-motion delay " + millis + " ms is outside 0..60000 ms");
        }
        slowDelayMillis = millis;
    }

    public Set<ProbePoint> breakpoints() {
        return EnumSet.copyOf(breakpoints.isEmpty() ? EnumSet.noneOf(ProbePoint.class) : breakpoints);
    }

    /** Points where threads stop in STEP mode. Default: every point. */
    public void setBreakpoints(Set<ProbePoint> points) {
        breakpoints = points.isEmpty() ? EnumSet.noneOf(ProbePoint.class) : EnumSet.copyOf(points);
    }

    /**
     * Called by the engine at a probe point. Returns when the thread may go on. Never throws; an
     * interrupt while paused is kept as the thread's interrupt status.
     */
    public void reach(ProbePoint point) {
        reach(point, 0);
    }

    /**
     * As {@link #reach(ProbePoint)}, naming what the point is about to act on ({@code subject}: an
     * id, e.g. the memtable or SSTable a get asks next), so the window can mark it while paused.
     */
    public void reach(ProbePoint point, long subject) {
        StepMode m = mode;
        if (m == StepMode.RUN || closed) {
            return; // the no-op path: one volatile read
        }
        if (m == StepMode.SLOW) {
            Observer o = observer;
            if (o != null) {
                o.reached(point, false, subject);
            }
            sleepSlow();
            return;
        }
        pauseIfWanted(point, subject);
    }

    private void sleepSlow() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(slowDelayMillis);
        synchronized (monitor) {
            long left;
            while (!closed && mode == StepMode.SLOW && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void pauseIfWanted(ProbePoint point, long subject) {
        Thread me = Thread.currentThread();
        Pause pause;
        synchronized (monitor) {
            boolean stop = mode == StepMode.STEP && !closed && !finishing.contains(me)
                    && (breakpoints.contains(point) || stepping.remove(me) || pauseAtNext);
            if (!stop) {
                pause = null;
            } else {
                pause = new Pause(me, point);
                paused.put(me, pause);
                monitor.notifyAll(); // wake anyone awaiting a pause
            }
        }
        Observer o = observer;
        if (o != null) {
            o.reached(point, pause != null, subject);
        }
        if (pause == null) {
            return;
        }
        boolean interrupted = false;
        synchronized (monitor) {
            while (!pause.released && !closed) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            paused.remove(me);
        }
        if (interrupted) {
            me.interrupt();
        }
        if (o != null) {
            o.resumed(point);
        }
    }

    /** Threads paused now, in the order they stopped. */
    public List<PausedThread> paused() {
        synchronized (monitor) {
            List<PausedThread> out = new ArrayList<>();
            for (Pause p : paused.values()) {
                if (!p.released) {
                    out.add(new PausedThread(p.thread.getName(), p.point, p.since));
                }
            }
            out.sort(Comparator.comparingLong(PausedThread::sinceNanos));
            return out;
        }
    }

    /**
     * Releases one paused thread by one step: it runs to its next probe point and stops there.
     * {@code threadName == null} picks the thread that has waited longest. Returns the released
     * thread's name, or {@code null} when no thread is paused (or none by that name).
     */
    public String step(String threadName) {
        synchronized (monitor) {
            Pause p = pick(threadName);
            if (p == null) {
                return null;
            }
            stepping.add(p.thread);
            p.released = true;
            pauseAtNext = false;
            monitor.notifyAll();
            return p.thread.getName();
        }
    }

    /** Releases one paused thread to run on until its next breakpoint. */
    public String resume(String threadName) {
        synchronized (monitor) {
            Pause p = pick(threadName);
            if (p == null) {
                return null;
            }
            stepping.remove(p.thread);
            p.released = true;
            monitor.notifyAll();
            return p.thread.getName();
        }
    }

    /**
     * Releases a paused thread to run to the end of the operation it is in (put, get, freeze,
     * flush): it does not stop again until the engine says the operation ended, then stops at its
     * next probe point. {@code null} picks the longest-waiting thread. Returns its name, or null.
     */
    public String finishOperation(String threadName) {
        synchronized (monitor) {
            Pause p = pick(threadName);
            if (p == null) {
                return null;
            }
            finishing.add(p.thread);
            anyFinishing = true;
            stepping.remove(p.thread);
            p.released = true;
            monitor.notifyAll();
            return p.thread.getName();
        }
    }

    /** Called by the engine when the current thread's operation ends (cheap when nobody finishes one). */
    public void operationEnded() {
        if (!anyFinishing) {
            return;
        }
        synchronized (monitor) {
            if (finishing.remove(Thread.currentThread())) {
                stepping.add(Thread.currentThread()); // stop at the first point of whatever comes next
            }
            anyFinishing = !finishing.isEmpty();
        }
    }

    /** Releases every paused thread to run on until its next breakpoint. */
    public void continueAll() {
        synchronized (monitor) {
            stepping.clear();
            finishing.clear();
            anyFinishing = false;
            pauseAtNext = false;
            releaseAllLocked();
        }
    }

    /** In STEP mode, makes every thread stop at the next probe point it reaches (the Pause button). */
    public void pauseAtNextPoint() {
        synchronized (monitor) {
            pauseAtNext = true;
        }
    }

    /** Waits until some thread is paused at {@code point} (any point when null); false on timeout. */
    public boolean awaitPaused(ProbePoint point, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (monitor) {
            while (true) {
                for (Pause p : paused.values()) {
                    if (!p.released && (point == null || p.point == point)) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    @Override
    public void close() {
        synchronized (monitor) {
            closed = true;
            mode = StepMode.RUN;
            stepping.clear();
            releaseAllLocked();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private Pause pick(String threadName) {
        Pause best = null;
        for (Pause p : paused.values()) {
            if (p.released) {
                continue;
            }
            if (threadName == null ? (best == null || p.since < best.since) : p.thread.getName().equals(threadName)) {
                best = p;
                if (threadName != null) {
                    break;
                }
            }
        }
        return best;
    }

    private void releaseAllLocked() {
        for (Pause p : paused.values()) {
            p.released = true;
        }
        monitor.notifyAll();
    }
}
