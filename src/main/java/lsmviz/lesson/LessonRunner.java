package lsmviz.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import lsmviz.lesson.Lesson.Expect;
import lsmviz.lesson.Lesson.Operation;
import lsmviz.lesson.Lesson.Step;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;

/**
 * Runs one {@link Lesson} against a real engine opened in a fresh temporary directory. Plain Java:
 * no JavaFX. The script runs on a control thread ({@value #CONTROL_THREAD}); the lesson's own
 * engine calls run on the thread {@value #MAIN_THREAD} (so they show under that name in the lock
 * panel), and each {@code startThread} adds a thread of the lesson's choosing.
 *
 * <p>Nothing waits forever on the engine: every engine call of the script, every
 * {@code awaitPaused}, {@code join} and {@code expect} has a bound, and running past it fails the
 * lesson with a message that says where each thread is stuck. The one unbounded wait is a
 * {@code pause}, which waits for a person: {@link #advance()} or {@link #stop()} ends it.
 *
 * <p>{@link #start()}, {@link #restart()} and {@link #stop()} may block for a moment (stop closes
 * the engine and deletes its directory): call them off the FX thread. {@link #advance()} and the
 * getters never block. Listeners are called on the runner's threads, in order, and must return
 * quickly (the UI hops to the FX thread) without calling start, restart or stop themselves.
 */
public final class LessonRunner {
    /** The thread that runs the script's own engine calls. */
    public static final String MAIN_THREAD = "lesson";
    /** The thread that walks the script. */
    public static final String CONTROL_THREAD = "lesson-runner";

    /** Where a run is. */
    public enum State {
        /** Not started yet. */
        READY,
        /** Walking the script. */
        RUNNING,
        /** At a {@code pause}: waits for {@link LessonRunner#advance()}. */
        WAITING_FOR_USER,
        /** Every step ran and every expect held. The engine stays open until {@link LessonRunner#stop()}. */
        FINISHED,
        /** A step failed; {@link LessonRunner#message()} says which and why. The engine stays open. */
        FAILED,
        /** Stopped: the engine is closed and its directory deleted. */
        STOPPED;

        /** Whether the run is over (finished, failed or stopped). */
        public boolean ended() {
            return this == FINISHED || this == FAILED || this == STOPPED;
        }
    }

    /**
     * Told what a run does, on the runner's threads (hop to the FX thread yourself). Every method
     * has an empty default.
     */
    public interface Listener {
        /** The state changed; {@code message} explains a failure, else it is null. */
        default void stateChanged(State state, String message) {}

        /** The narration changed. */
        default void narrationChanged(String text) {}

        /** Step {@code index} (0-based) of {@code count} is about to run. */
        default void stepChanged(int index, int count) {}

        /** A fresh engine is about to open in {@code directory} (reset the picture here). */
        default void engineOpening(Path directory) {}

        /** The lesson's engine is open, its step gate in RUN mode with no breakpoints. */
        default void engineOpened(LsmEngine engine) {}

        /** The lesson's engine was closed (stop or restart). */
        default void engineClosed(LsmEngine engine) {}
    }

    /**
     * How to run.
     *
     * @param engineListener    passed to {@link LsmEngine#open(Path, lsmviz.engine.Options, EventListener)}
     *                          (the window's event bridge), or null
     * @param autoAdvance       a {@code pause} goes on by itself (tests, unattended demos)
     * @param autoAdvanceMillis how long an auto-advanced pause lingers first
     * @param tempParent        where the temporary directory is made; null for the system default
     * @param stepTimeoutMillis the bound on each engine call of the script (and on the lesson
     *                          threads still running at the end)
     */
    public record Settings(EventListener engineListener, boolean autoAdvance, long autoAdvanceMillis,
            Path tempParent, long stepTimeoutMillis) {

        public Settings {
            if (autoAdvanceMillis < 0) {
                throw new IllegalArgumentException("autoAdvanceMillis " + autoAdvanceMillis + " is negative");
            }
            if (stepTimeoutMillis < 1) {
                throw new IllegalArgumentException("stepTimeoutMillis " + stepTimeoutMillis + " is not positive");
            }
        }

        /** No listener, pauses wait for the user, system temp directory, 10 s per engine call. */
        public static Settings defaults() {
            return new Settings(null, false, 0, null, 10_000);
        }

        public Settings withEngineListener(EventListener listener) {
            return new Settings(listener, autoAdvance, autoAdvanceMillis, tempParent, stepTimeoutMillis);
        }

        public Settings withAutoAdvance(boolean on, long lingerMillis) {
            return new Settings(engineListener, on, lingerMillis, tempParent, stepTimeoutMillis);
        }

        public Settings withTempParent(Path parent) {
            return new Settings(engineListener, autoAdvance, autoAdvanceMillis, parent, stepTimeoutMillis);
        }

        public Settings withStepTimeoutMillis(long millis) {
            return new Settings(engineListener, autoAdvance, autoAdvanceMillis, tempParent, millis);
        }
    }

    /** A step did not do what the script says: fails the lesson with this message. */
    private static final class LessonFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LessonFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The run was stopped: unwinds the control thread quietly. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("stopped", null, false, false);
        }
    }

    private final Lesson lesson;
    private final Settings settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Serialises start, stop and restart. */
    private final Object lifecycle = new Object();
    /** Guards the fields below and orders listener calls. */
    private final Object lock = new Object();
    private Run current;
    private State state = State.READY;
    private String message;
    private String narration;
    private int stepIndex;

    public LessonRunner(Lesson lesson, Settings settings) {
        if (lesson == null || settings == null) {
            throw new IllegalArgumentException("a lesson runner needs a lesson and settings");
        }
        this.lesson = lesson;
        this.settings = settings;
        this.narration = lesson.description();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public Lesson lesson() {
        return lesson;
    }

    public Settings settings() {
        return settings;
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Why the lesson failed (or what went wrong while stopping); null otherwise. */
    public String message() {
        synchronized (lock) {
            return message;
        }
    }

    public String narration() {
        synchronized (lock) {
            return narration;
        }
    }

    /** The step running now (0-based). */
    public int stepIndex() {
        synchronized (lock) {
            return stepIndex;
        }
    }

    /** How many top-level steps the script has. */
    public int stepCount() {
        return lesson.steps().size();
    }

    /** The lesson's engine while a run holds one open; null otherwise. */
    public LsmEngine engine() {
        Run r;
        synchronized (lock) {
            r = current;
        }
        return r == null ? null : r.engine;
    }

    /** The run's temporary directory, or null. */
    public Path directory() {
        Run r;
        synchronized (lock) {
            r = current;
        }
        return r == null ? null : r.dir;
    }

    /**
     * Starts a run: a fresh temporary directory, a fresh engine, step 1. Only from READY or
     * STOPPED; use {@link #restart()} otherwise.
     */
    public void start() {
        synchronized (lifecycle) {
            Run r;
            synchronized (lock) {
                if (current != null) {
                    throw new IllegalStateException("lesson '" + lesson.id() + "' is " + state.name().toLowerCase(java.util.Locale.ROOT)
                            + ": stop or restart it");
                }
                r = new Run();
                current = r;
                state = State.RUNNING;
                message = null;
                narration = lesson.description();
                stepIndex = 0;
                String first = narration;
                tell(l -> {
                    l.stateChanged(State.RUNNING, null);
                    l.narrationChanged(first);
                    l.stepChanged(0, stepCount());
                });
                lock.notifyAll();
            }
            r.control.start();
        }
    }

    /** Stops the run there is (if any) and starts again from step 1 in a new directory. */
    public void restart() {
        synchronized (lifecycle) {
            stop();
            start();
        }
    }

    /**
     * Ends the run: releases a pause, closes the engine (which releases every thread paused at the
     * step gate), waits (bounded) for the lesson's threads and deletes the temporary directory.
     * The state becomes STOPPED. Does nothing when no run is there.
     */
    public void stop() {
        synchronized (lifecycle) {
            Run r;
            synchronized (lock) {
                r = current;
                if (r == null) {
                    return;
                }
                current = null;
                r.cancelled = true;
            }
            String problem = r.shutDown();
            synchronized (lock) {
                if (current == null) {
                    state = State.STOPPED;
                    message = problem;
                    tell(l -> l.stateChanged(State.STOPPED, problem));
                    lock.notifyAll();
                }
            }
        }
    }

    /** Ends a {@code pause}. Returns whether the run was waiting for the user. Never blocks. */
    public boolean advance() {
        Run r;
        synchronized (lock) {
            r = current;
        }
        if (r == null) {
            return false;
        }
        synchronized (r.pauseMonitor) {
            if (!r.waitingForUser) {
                return false;
            }
            r.advanced = true;
            r.pauseMonitor.notifyAll();
            return true;
        }
    }

    /** Waits until the run is over (finished, failed or stopped); returns the state then. */
    public State awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!state.ended()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return state;
        }
    }

    /** Waits until the state is {@code wanted}; returns whether it got there in time. */
    public boolean awaitState(State wanted, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (state != wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    // ------------------------------------------------------------------------------------------
    // One run

    /** A thread the lesson started: runs its steps, keeps the first failure. */
    private final class LessonThread extends Thread {
        private final Run run;
        private final List<Step> steps;
        volatile String failure;
        volatile boolean failureReported;

        LessonThread(Run run, String name, List<Step> steps) {
            super(name);
            this.run = run;
            this.steps = steps;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (int i = 0; i < steps.size(); i++) {
                if (run.cancelled) {
                    return;
                }
                Step s = steps.get(i);
                try {
                    if (s instanceof Expect x) {
                        expect(run, x, false);
                    } else {
                        perform(run, (Operation) s);
                    }
                } catch (Cancelled c) {
                    return;
                } catch (Throwable t) {
                    if (!run.cancelled) {
                        failure = "on thread " + getName() + ", " + s.label() + ": " + describe(t);
                    }
                    return;
                }
            }
        }
    }

    private final class Run {
        final Thread control = new Thread(() -> runScript(this), CONTROL_THREAD);
        final ExecutorService main = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, MAIN_THREAD);
            t.setDaemon(true);
            return t;
        });
        final Map<String, LessonThread> threads = new ConcurrentHashMap<>();
        final Map<String, Integer> fillCounters = new ConcurrentHashMap<>();
        final EngineFacts.Counters counters = new EngineFacts.Counters();
        final Object pauseMonitor = new Object();
        /** Guarded by pauseMonitor. */
        boolean waitingForUser;
        /** Guarded by pauseMonitor. */
        boolean advanced;
        volatile boolean cancelled;
        volatile Future<?> pending;
        /** Orders opening the engine against closing it. */
        final Object engineLock = new Object();
        volatile LsmEngine engine;
        volatile Path dir;

        Run() {
            control.setDaemon(true);
        }

        /** Closes everything; returns a problem worth telling, or null. */
        String shutDown() {
            synchronized (pauseMonitor) {
                pauseMonitor.notifyAll();
            }
            Future<?> f = pending;
            if (f != null) {
                f.cancel(false);
            }
            String problem = null;
            LsmEngine e;
            Path d;
            synchronized (engineLock) {
                e = engine;
                d = dir;
                if (e != null) {
                    try {
                        e.close(); // releases paused threads, ends stalls, flushes the (small) memtables
                    } catch (IOException | RuntimeException x) {
                        problem = "closing the lesson's engine failed: " + describe(x);
                    }
                }
            }
            if (e != null) {
                tell(l -> l.engineClosed(e));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean interrupted = false;
            List<Thread> all = new ArrayList<>(threads.values());
            if (Thread.currentThread() != control) {
                all.add(control);
            }
            for (Thread t : all) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException x) {
                    interrupted = true;
                }
                if (t.isAlive() && problem == null) {
                    problem = "thread " + t.getName() + " did not end within 10 s of the stop";
                }
            }
            main.shutdown();
            try {
                main.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException x) {
                interrupted = true;
            }
            if (d != null) {
                String left = deleteTree(d);
                if (left != null && problem == null) {
                    problem = left;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return problem;
        }
    }

    private void runScript(Run r) {
        List<Step> steps = lesson.steps();
        int i = -1;
        try {
            openEngine(r);
            for (i = 0; i < steps.size(); i++) {
                checkCancelled(r);
                setStep(r, i);
                execute(r, steps.get(i));
                checkThreads(r);
            }
            i = steps.size();
            finishThreads(r);
            update(r, State.FINISHED, null);
        } catch (Cancelled c) {
            // stopped: stop() reports it
        } catch (LessonFailure f) {
            update(r, State.FAILED, where(i) + f.getMessage());
        } catch (InterruptedException e) {
            update(r, State.FAILED, where(i) + "interrupted");
        } catch (IOException | RuntimeException | Error e) {
            if (!r.cancelled) {
                update(r, State.FAILED, where(i) + describe(e));
            }
        }
    }

    private String where(int i) {
        List<Step> steps = lesson.steps();
        if (i < 0) {
            return "Opening the engine: ";
        }
        if (i >= steps.size()) {
            return "At the end of the lesson: ";
        }
        return "Step " + (i + 1) + " of " + steps.size() + " (" + steps.get(i).label() + "): ";
    }

    private void openEngine(Run r) throws IOException {
        String prefix = "lsmviz-lesson-" + lesson.id() + "-";
        Path dir = settings.tempParent() == null ? Files.createTempDirectory(prefix)
                : Files.createTempDirectory(settings.tempParent(), prefix);
        synchronized (r.engineLock) {
            r.dir = dir;
            if (r.cancelled) {
                throw new Cancelled();
            }
            tell(l -> l.engineOpening(dir));
            LsmEngine e = LsmEngine.open(dir, lesson.engine().toOptions(), settings.engineListener());
            e.addListener(r.counters);
            e.stepGate().setBreakpoints(EnumSet.noneOf(ProbePoint.class));
            r.engine = e;
            tell(l -> l.engineOpened(e));
        }
    }

    private void execute(Run r, Step s) throws InterruptedException {
        LsmEngine e = r.engine;
        StepGate gate = e.stepGate();
        if (s instanceof Lesson.Say say) {
            narrate(r, say.text());
        } else if (s instanceof Lesson.Pause p) {
            if (p.text() != null) {
                narrate(r, p.text());
            }
            waitForUser(r);
        } else if (s instanceof Operation op) {
            if (op.thread() != null) {
                startThread(r, op.thread(), List.of(s));
            } else {
                onMain(r, op.label(), () -> {
                    perform(r, op);
                    return null;
                });
            }
        } else if (s instanceof Lesson.AutoFlush a) {
            e.setAutoFlush(a.on());
        } else if (s instanceof Lesson.Breakpoints b) {
            gate.setBreakpoints(b.points().isEmpty() ? EnumSet.noneOf(ProbePoint.class) : EnumSet.copyOf(b.points()));
        } else if (s instanceof Lesson.Mode m) {
            if (m.slowMillis() != null) {
                gate.setSlowDelayMillis(m.slowMillis());
            }
            gate.setMode(m.mode());
        } else if (s instanceof Lesson.AwaitPaused a) {
            awaitPaused(r, a);
        } else if (s instanceof Lesson.SingleStep st) {
            if (gate.step(st.thread()) == null) {
                throw new LessonFailure(EngineFacts.notPaused(r.engine, st.thread()));
            }
        } else if (s instanceof Lesson.Continue c) {
            if (c.thread() == null) {
                gate.continueAll();
            } else if (gate.resume(c.thread()) == null) {
                throw new LessonFailure(EngineFacts.notPaused(r.engine, c.thread()));
            }
        } else if (s instanceof Lesson.StartThread t) {
            startThread(r, t.name(), t.steps());
        } else if (s instanceof Lesson.Join j) {
            join(r, j);
        } else if (s instanceof Expect x) {
            expect(r, x, true);
        } else {
            throw new IllegalStateException("no runner for step " + s);
        }
    }

    /** Runs an engine call on the lesson's main thread, bounded by the step timeout. */
    private <T> T onMain(Run r, String label, Callable<T> call) throws InterruptedException {
        Future<T> f = r.main.submit(call);
        r.pending = f;
        try {
            return f.get(settings.stepTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException t) {
            checkCancelled(r);
            throw new LessonFailure(label + " did not finish within " + seconds(settings.stepTimeoutMillis()) + ": "
                    + EngineFacts.diagnose(r.engine, MAIN_THREAD));
        } catch (CancellationException c) {
            throw new Cancelled();
        } catch (ExecutionException x) {
            checkCancelled(r);
            if (x.getCause() instanceof LessonFailure lf) {
                throw lf;
            }
            throw new LessonFailure(describe(x.getCause()));
        } finally {
            r.pending = null;
        }
    }

    /** One engine call, on the calling thread. */
    private void perform(Run r, Operation op) {
        LsmEngine e = r.engine;
        if (op instanceof Lesson.Put p) {
            e.put(EngineFacts.utf8(p.key()), EngineFacts.utf8(p.value()));
        } else if (op instanceof Lesson.Get g) {
            String got = EngineFacts.text(e.get(EngineFacts.utf8(g.key())));
            if (g.expect() != null && !g.expect().equals(got)) {
                throw new LessonFailure("get '" + g.key() + "' returned " + EngineFacts.shown(got) + ", expected '" + g.expect() + "'");
            }
            if (g.expectAbsent() && got != null) {
                throw new LessonFailure("get '" + g.key() + "' returned '" + got + "', expected the key to be absent");
            }
        } else if (op instanceof Lesson.Delete d) {
            e.delete(EngineFacts.utf8(d.key()));
        } else if (op instanceof Lesson.Fill f) {
            fill(r, f);
        } else if (op instanceof Lesson.Freeze) {
            e.freeze();
        } else if (op instanceof Lesson.Flush) {
            e.flushOldest();
        } else {
            throw new IllegalStateException("no runner for operation " + op);
        }
    }

    private void fill(Run r, Lesson.Fill f) {
        LsmEngine e = r.engine;
        long limit = e.options().memtableSizeBytes();
        boolean untilFull = f.until().equals("full");
        boolean untilFrozen = f.until().equals("frozen");
        for (int i = 0; i < f.count() && !r.cancelled; i++) {
            if (untilFull && e.snapshot().active().sizeBytes() >= limit) {
                return;
            }
            long activeBefore = e.snapshot().active().id();
            int n = r.fillCounters.merge(f.prefix(), 1, Integer::sum);
            String value = "value-" + n;
            if (f.valueBytes() != null) {
                value = value.length() >= f.valueBytes() ? value.substring(0, f.valueBytes())
                        : value + ".".repeat(f.valueBytes() - value.length());
            }
            e.put(EngineFacts.utf8(f.prefix() + String.format("%03d", n)), EngineFacts.utf8(value));
            if (untilFrozen && e.snapshot().active().id() != activeBefore) {
                return;
            }
        }
    }

    private void waitForUser(Run r) throws InterruptedException {
        if (settings.autoAdvance()) {
            if (settings.autoAdvanceMillis() > 0) {
                synchronized (r.pauseMonitor) {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.autoAdvanceMillis());
                    long left;
                    while (!r.cancelled && (left = deadline - System.nanoTime()) > 0) {
                        TimeUnit.NANOSECONDS.timedWait(r.pauseMonitor, left);
                    }
                }
            }
            checkCancelled(r);
            return;
        }
        synchronized (r.pauseMonitor) {
            r.advanced = false;
            r.waitingForUser = true;
        }
        update(r, State.WAITING_FOR_USER, null);
        synchronized (r.pauseMonitor) {
            try {
                // Waits for a person, so no bound: advance() or stop() ends it.
                while (!r.advanced && !r.cancelled) {
                    r.pauseMonitor.wait();
                }
            } finally {
                r.waitingForUser = false;
            }
        }
        checkCancelled(r);
        update(r, State.RUNNING, null);
    }

    private void awaitPaused(Run r, Lesson.AwaitPaused a) throws InterruptedException {
        StepGate gate = r.engine.stepGate();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(a.timeoutMillis());
        while (true) {
            for (PausedThread p : gate.paused()) {
                if ((a.thread() == null || p.thread().equals(a.thread())) && (a.point() == null || p.point() == a.point())) {
                    return;
                }
            }
            checkCancelled(r);
            if (System.nanoTime() > deadline) {
                String who = a.thread() == null ? "no thread" : "thread " + a.thread() + " was not";
                String at = a.point() == null ? "" : " at " + a.point();
                throw new LessonFailure(who + " paused" + at + " within " + seconds(a.timeoutMillis()) + "; "
                        + (a.thread() == null ? EngineFacts.pausedNow(r.engine) : EngineFacts.diagnose(r.engine, a.thread())));
            }
            Thread.sleep(5);
        }
    }

    private void startThread(Run r, String name, List<Step> steps) {
        LessonThread old = r.threads.get(name);
        if (old != null && old.isAlive()) {
            throw new LessonFailure("thread " + name + " is still running: join it before starting another thread of that name");
        }
        if (old != null && old.failure != null && !old.failureReported) {
            old.failureReported = true;
            throw new LessonFailure(old.failure);
        }
        LessonThread t = new LessonThread(r, name, steps);
        r.threads.put(name, t);
        t.start();
    }

    private void join(Run r, Lesson.Join j) throws InterruptedException {
        LessonThread t = r.threads.get(j.thread());
        if (t == null) {
            throw new LessonFailure("no thread " + j.thread() + " was started");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(j.timeoutMillis());
        while (t.isAlive()) {
            checkCancelled(r);
            if (System.nanoTime() > deadline) {
                throw new LessonFailure("thread " + j.thread() + " did not finish within " + seconds(j.timeoutMillis())
                        + ": " + EngineFacts.diagnose(r.engine, j.thread()));
            }
            t.join(10);
        }
        checkThreads(r);
    }

    /** Fails the lesson with the first failure of a lesson thread not told yet. */
    private static void checkThreads(Run r) {
        for (LessonThread t : r.threads.values()) {
            if (t.failure != null && !t.failureReported) {
                t.failureReported = true;
                throw new LessonFailure(t.failure);
            }
        }
    }

    /** A lesson ends only when its threads have: each gets the step timeout to finish. */
    private void finishThreads(Run r) throws InterruptedException {
        for (LessonThread t : r.threads.values()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.stepTimeoutMillis());
            while (t.isAlive()) {
                checkCancelled(r);
                if (System.nanoTime() > deadline) {
                    throw new LessonFailure("thread " + t.getName() + " is still running (join it before the end): "
                            + EngineFacts.diagnose(r.engine, t.getName()));
                }
                t.join(10);
            }
        }
        checkThreads(r);
    }

    // ------------------------------------------------------------------------------------------
    // Expects

    private void expect(Run r, Expect x, boolean onMainLine) throws InterruptedException {
        Expectation check = x.expectation();
        EngineFacts.Context facts = new EngineFacts.Context(r.engine, r.counters);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(x.waitMillis());
        while (true) {
            String problem = onMainLine && check.readsEngine() ? onMain(r, x.label(), () -> check.problem(facts))
                    : check.problem(facts);
            if (problem == null) {
                return;
            }
            checkCancelled(r);
            if (System.nanoTime() > deadline) {
                throw new LessonFailure(problem + (x.waitMillis() > 0 ? " (waited " + seconds(x.waitMillis()) + ")" : ""));
            }
            Thread.sleep(5);
        }
    }

    // ------------------------------------------------------------------------------------------
    // State changes, told to the listeners in order

    private void update(Run r, State s, String msg) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            state = s;
            message = msg;
            tell(l -> l.stateChanged(s, msg));
            lock.notifyAll();
        }
    }

    private void narrate(Run r, String text) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            narration = text;
            tell(l -> l.narrationChanged(text));
        }
    }

    private void setStep(Run r, int index) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            stepIndex = index;
            tell(l -> l.stepChanged(index, stepCount()));
        }
    }

    /** Tells every listener; one that throws is skipped, never the run's undoing. */
    private void tell(java.util.function.Consumer<Listener> call) {
        for (Listener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // a listener's bug must not stop the lesson (nor the engine threads it runs on)
            }
        }
    }

    private static void checkCancelled(Run r) {
        if (r.cancelled) {
            throw new Cancelled();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Small helpers

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Deletes a directory tree; returns a message when something was left behind. */
    private static String deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return null;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return "could not list " + dir + " to delete it: " + describe(e);
        }
        String problem = null;
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                problem = "could not delete " + p + ": " + describe(e);
            }
        }
        return problem;
    }
}
