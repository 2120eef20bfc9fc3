package lsmviz.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EventListener;

/**
 * Runs one {@link Lesson} against a real engine opened in a fresh temporary directory. Plain Java:
 * no JavaFX. The script runs on a control thread ({@value #CONTROL_THREAD}); the lesson's own
 * engine calls run on the thread {@value #MAIN_THREAD} (so they show under that name in the lock
 * panel), and each {@code startThread} adds a thread of the lesson's choosing.
 *
 * <p>Nothing waits forever on the engine: every engine call of the script, every
 * {@code awaitPaused}, {@code join} and {@code expect} has a bound, and running past it fails the
 * lesson with a message that says where each thread is stuck. The unbounded waits are a
 * {@code pause} and an {@code ask}, which wait for a person: {@link #advance()},
 * {@link #answer(int)} (an ask) or {@link #stop()} ends them.
 *
 * <p>{@link #start()}, {@link #restart()} and {@link #stop()} may block for a moment (stop closes
 * the engine and deletes its directory): call them off the FX thread. {@link #advance()} and the
 * getters never block. Listeners are called on the runner's threads, in order, and must return
 * quickly (the UI hops to the FX thread) without calling start, restart or stop themselves.
 *
 * <p>This class keeps the run's state and tells the listeners. The rest is done by package-private
 * helpers: {@link LessonRun} (one run's threads, engine and directory), {@link ScriptWalker} (walks
 * the script), {@link LessonEngines} (opens, replaces, crashes and recovers the engine),
 * {@link EngineOperations} (put, get, fill...), {@link LessonThread} (a lesson thread)
 * and {@link TempDirectoryCleanup} (deletes the run's directory).
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
        /** At a {@code pause} or an {@code ask}: waits for {@link LessonRunner#advance()} (or an answer). */
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

        /**
         * A fresh engine is about to open in {@code directory} (reset the picture here): at the
         * start, and at a {@code freshEngine} step.
         */
        default void engineOpening(Path directory) {}

        /**
         * The lesson's engine is open, its step gate in RUN mode with no breakpoints: at the start,
         * and at a {@code freshEngine} step (the new engine replaces the closed one).
         */
        default void engineOpened(LsmEngine engine) {}

        /** The script asks the class {@code question} and waits for an answer ({@link LessonRunner#answer}) or Next. */
        default void questionAsked(Step.Ask question) {}

        /** The answer to the last question, checked against the engine. */
        default void questionRevealed(Answer answer) {}

        /** The lesson's engine was closed (stop, restart, or a {@code freshEngine} step, whose directory goes too). */
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

    private final Lesson lesson;
    private final Settings settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Serialises start, stop and restart. */
    private final Object lifecycle = new Object();
    /** Guards the fields below and orders listener calls. */
    private final Object lock = new Object();
    /** Walks the script of each run, on the run's control thread. */
    private final ScriptWalker walker;
    private LessonRun current;
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
        this.walker = new ScriptWalker(this);
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
        LessonRun r;
        synchronized (lock) {
            r = current;
        }
        return r == null ? null : r.engine;
    }

    /** The run's temporary directory, or null. */
    public Path directory() {
        LessonRun r;
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
            LessonRun r;
            synchronized (lock) {
                if (current != null) {
                    throw new IllegalStateException("lesson '" + lesson.id() + "' is " + state.name().toLowerCase(Locale.ROOT)
                            + ": stop or restart it");
                }
                r = new LessonRun(this, walker);
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
            LessonRun r;
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

    /** Ends a {@code pause}, or an {@code ask} without an answer. Returns whether the run was waiting for the user. Never blocks. */
    public boolean advance() {
        LessonRun r;
        synchronized (lock) {
            r = current;
        }
        return r != null && r.advance();
    }

    /**
     * Answers the question the script waits at with choice {@code choice} (0-based) and goes on,
     * as Next does. Returns whether a question was waiting. Never blocks.
     */
    public boolean answer(int choice) {
        LessonRun r;
        synchronized (lock) {
            r = current;
        }
        return r != null && r.answer(choice);
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
    // State changes, told to the listeners in order (the script walker makes them; a run that is
    // no longer the current one, or is stopped, changes nothing)

    void update(LessonRun r, State s, String msg) {
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

    void narrate(LessonRun r, String text) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            narration = text;
            tell(l -> l.narrationChanged(text));
        }
    }

    void ask(LessonRun r, Step.Ask question) {
        synchronized (lock) {
            if (current == r && !r.cancelled) {
                tell(l -> l.questionAsked(question));
            }
        }
    }

    void reveal(LessonRun r, Answer answer) {
        synchronized (lock) {
            if (current == r && !r.cancelled) {
                tell(l -> l.questionRevealed(answer));
            }
        }
    }

    void setStep(LessonRun r, int index) {
        synchronized (lock) {
            if (current != r || r.cancelled) {
                return;
            }
            stepIndex = index;
            tell(l -> l.stepChanged(index, stepCount()));
        }
    }

    /** Tells every listener; one that throws is skipped, never the run's undoing. */
    void tell(Consumer<Listener> call) {
        for (Listener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // a listener's bug must not stop the lesson (nor the engine threads it runs on)
            }
        }
    }
}
