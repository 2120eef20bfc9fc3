package lsmviz.lesson;

import static lsmviz.lesson.MessageText.describe;
import static lsmviz.lesson.MessageText.seconds;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lsmviz.lesson.Step.Expect;
import lsmviz.lesson.LessonRunner.Settings;
import lsmviz.lesson.LessonRunner.State;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;

/**
 * Walks a lesson's script, step by step, on a run's control thread: opens the engine, runs each
 * step (engine calls on the lesson's main thread, bounded by the step timeout), starts and joins
 * the lesson threads and checks the expects. A step that does not do what the script says ends
 * the run in state FAILED with a message that names the step; a stop ends the walk quietly.
 *
 * <p>The state, narration and step it reaches are told through the {@link LessonRunner}, which
 * ignores them once the run is no longer its current one.
 */
final class ScriptWalker {
    private final LessonRunner runner;
    private final Lesson lesson;
    private final Settings settings;
    /** Opens, replaces, crashes and recovers the run's engine. */
    private final LessonEngines engines;
    /** Asks the lesson's questions and reveals their answers. */
    private final AskAndReveal questions;

    ScriptWalker(LessonRunner runner) {
        this.runner = runner;
        this.lesson = runner.lesson();
        this.settings = runner.settings();
        this.engines = new LessonEngines(runner);
        this.questions = new AskAndReveal(this, runner);
    }

    /** The body of the run's control thread: the whole script, then the lesson threads' ends. */
    void runScript(LessonRun r) {
        List<Step> steps = lesson.steps();
        int i = -1;
        try {
            synchronized (r.engineLock) {
                engines.open(r, lesson.engine());
            }
            for (i = 0; i < steps.size(); i++) {
                checkCancelled(r);
                runner.setStep(r, i);
                execute(r, steps.get(i));
                checkThreads(r);
            }
            i = steps.size();
            finishThreads(r);
            // the lesson is over: the engine runs freely again, whatever mode the script left it in
            r.engine.stepGate().setMode(lsmviz.engine.step.StepMode.RUN);
            runner.update(r, State.FINISHED, null);
        } catch (RunCancelled c) {
            // stopped: stop() reports it
        } catch (LessonFailure f) {
            runner.update(r, State.FAILED, where(i) + f.getMessage());
        } catch (InterruptedException e) {
            runner.update(r, State.FAILED, where(i) + "interrupted");
        } catch (IOException | RuntimeException | Error e) {
            if (!r.cancelled) {
                runner.update(r, State.FAILED, where(i) + describe(e));
            }
        }
    }

    /** Where the run failed, to start the message: step {@code i} (0-based), -1 before the first. */
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

    /** The text with its placeholders filled in from the engine now (read on the lesson's main thread). */
    String withCosts(LessonRun r, String text, String label) throws InterruptedException {
        if (!CostText.hasPlaceholders(text)) {
            return text;
        }
        LevelsReport now = onMain(r, label, () -> r.engine.levels(true));
        return CostText.fill(text, now, r.remembered);
    }

    /** One top-level step of the script, on the control thread. */
    private void execute(LessonRun r, Step s) throws InterruptedException {
        LsmEngine e = r.engine;
        StepGate gate = e.stepGate();
        if (s instanceof Step.Say say) {
            runner.narrate(r, withCosts(r, say.text(), say.label()));
        } else if (s instanceof Step.Pause p) {
            if (p.text() != null) {
                runner.narrate(r, withCosts(r, p.text(), p.label()));
            }
            waitForUser(r);
        } else if (s instanceof EngineStep.FreshEngine f) {
            try {
                engines.fresh(r, f);
            } catch (IOException x) {
                throw new LessonFailure("opening the fresh engine failed: " + describe(x));
            }
        } else if (s instanceof EngineStep.Crash c) {
            engines.crash(r, c);
        } else if (s instanceof EngineStep.Recover) {
            engines.recover(r);
        } else if (s instanceof Step.Remember m) {
            r.remembered.put(m.as(), onMain(r, m.label(), () -> r.engine.levels(true)));
        } else if (s instanceof Operation op) {
            if (op.thread() != null) {
                startThread(r, op.thread(), List.of(s));
            } else {
                onMain(r, op.label(), () -> {
                    EngineOperations.perform(r, op);
                    return null;
                });
            }
        } else if (s instanceof EngineStep.AutoFlush a) {
            e.setAutoFlush(a.on());
        } else if (s instanceof GateStep.Breakpoints b) {
            gate.setBreakpoints(b.points().isEmpty() ? EnumSet.noneOf(ProbePoint.class) : EnumSet.copyOf(b.points()));
        } else if (s instanceof GateStep.Mode m) {
            if (m.slowMillis() != null) {
                gate.setSlowDelayMillis(m.slowMillis());
            }
            gate.setMode(m.mode());
        } else if (s instanceof GateStep.AwaitPaused a) {
            awaitPaused(r, a);
        } else if (s instanceof GateStep.SingleStep st) {
            if (gate.step(st.thread()) == null) {
                throw new LessonFailure(EngineFacts.notPaused(r.engine, st.thread()));
            }
        } else if (s instanceof GateStep.Continue c) {
            if (c.thread() == null) {
                gate.continueAll();
            } else if (gate.resume(c.thread()) == null) {
                throw new LessonFailure(EngineFacts.notPaused(r.engine, c.thread()));
            }
        } else if (s instanceof ThreadStep.StartThread t) {
            startThread(r, t.name(), t.steps());
        } else if (s instanceof ThreadStep.Join j) {
            join(r, j);
        } else if (s instanceof Expect x) {
            expect(r, x, true);
        } else if (s instanceof Step.Ask a) {
            questions.ask(r, a);
        } else if (s instanceof Step.Reveal) {
            questions.reveal(r);
        } else {
            throw new IllegalStateException("no runner for step " + s);
        }
    }

    /** Runs an engine call on the lesson's main thread, bounded by the step timeout. */
    <T> T onMain(LessonRun r, String label, Callable<T> call) throws InterruptedException {
        Future<T> f = r.main.submit(call);
        r.pending = f;
        try {
            return f.get(settings.stepTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException t) {
            checkCancelled(r);
            throw new LessonFailure(label + " did not finish within " + seconds(settings.stepTimeoutMillis()) + ": "
                    + EngineFacts.diagnose(r.engine, LessonRunner.MAIN_THREAD));
        } catch (CancellationException c) {
            throw new RunCancelled();
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

    /** A {@code pause}: waits for {@link LessonRunner#advance()}, or lingers and goes on by itself. */
    void waitForUser(LessonRun r) throws InterruptedException {
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
        runner.update(r, State.WAITING_FOR_USER, null);
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
        runner.update(r, State.RUNNING, null);
    }

    /** Waits, bounded, until the thread (any) is paused at the point (any). */
    private void awaitPaused(LessonRun r, GateStep.AwaitPaused a) throws InterruptedException {
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

    // ------------------------------------------------------------------------------------------
    // Lesson threads

    /** Starts a lesson thread running {@code steps}; the script goes on at once. */
    private void startThread(LessonRun r, String name, List<Step> steps) {
        LessonThread old = r.threads.get(name);
        if (old != null && old.isAlive()) {
            throw new LessonFailure("thread " + name + " is still running: join it before starting another thread of that name");
        }
        if (old != null && old.failure != null && !old.failureReported) {
            old.failureReported = true;
            throw new LessonFailure(old.failure);
        }
        LessonThread t = new LessonThread(this, r, name, steps);
        r.threads.put(name, t);
        t.start();
    }

    /** Waits, bounded, for a lesson thread to end; its failure fails the lesson. */
    private void join(LessonRun r, ThreadStep.Join j) throws InterruptedException {
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
    private static void checkThreads(LessonRun r) {
        for (LessonThread t : r.threads.values()) {
            if (t.failure != null && !t.failureReported) {
                t.failureReported = true;
                throw new LessonFailure(t.failure);
            }
        }
    }

    /** A lesson ends only when its threads have: each gets the step timeout to finish. */
    private void finishThreads(LessonRun r) throws InterruptedException {
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

    /**
     * Checks an expect again and again until it holds or its wait runs out. On the control thread
     * ({@code onMainLine}) a check that reads the engine runs on the lesson's main thread.
     */
    void expect(LessonRun r, Expect x, boolean onMainLine) throws InterruptedException {
        Expectation check = x.expectation();
        EngineFacts.Context facts = new EngineFacts.Context(r.engine, r.counters, r.remembered);
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

    /** Unwinds the walk (or a lesson thread) once the run is stopped. */
    static void checkCancelled(LessonRun r) {
        if (r.cancelled) {
            throw new RunCancelled();
        }
    }
}
