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

    ScriptWalker(LessonRunner runner) {
        this.runner = runner;
        this.lesson = runner.lesson();
        this.settings = runner.settings();
        this.engines = new LessonEngines(runner);
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
    private String withCosts(LessonRun r, String text, String label) throws InterruptedException {
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
            ask(r, a);
        } else if (s instanceof Step.Reveal) {
            reveal(r);
        } else {
            throw new IllegalStateException("no runner for step " + s);
        }
    }

    /** Runs an engine call on the lesson's main thread, bounded by the step timeout. */
    private <T> T onMain(LessonRun r, String label, Callable<T> call) throws InterruptedException {
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
    private void waitForUser(LessonRun r) throws InterruptedException {
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

    /** An {@code ask}: tells the question, then waits for an answer or Next, as a pause does. */
    private void ask(LessonRun r, Step.Ask a) throws InterruptedException {
        synchronized (r.pauseMonitor) {
            r.question = a;
            r.answer = -1;
            r.askWaiting = true;
        }
        runner.ask(r, a);
        try {
            waitForUser(r);
        } finally {
            synchronized (r.pauseMonitor) {
                r.askWaiting = false;
            }
        }
    }

    /** How long a {@code reveal} checks again for exactly one choice to hold (the engine's events may trail its calls). */
    static final long REVEAL_WAIT_MILLIS = 2_000;

    /**
     * A {@code reveal}: checks each choice of the question against the engine now, again and
     * again for up to {@link #REVEAL_WAIT_MILLIS} until exactly one holds: it is the right answer,
     * told with what the engine showed instead of the class's answer when that was wrong.
     */
    private void reveal(LessonRun r) throws InterruptedException {
        Step.Ask a;
        int given;
        synchronized (r.pauseMonitor) {
            a = r.question;
            given = r.answer;
            r.question = null;
        }
        EngineFacts.Context facts = new EngineFacts.Context(r.engine, r.counters, r.remembered);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REVEAL_WAIT_MILLIS);
        List<String> problems = problems(r, a, facts);
        while (holding(problems).size() != 1 && System.nanoTime() < deadline) {
            checkCancelled(r);
            Thread.sleep(5);
            problems = problems(r, a, facts);
        }
        List<Integer> holding = holding(problems);
        if (holding.size() != 1) {
            StringBuilder sb = new StringBuilder("the question \"" + a.question() + "\" has "
                    + (holding.isEmpty() ? "no right answer:" : holding.size() + " right answers:"));
            for (int i = 0; i < a.choices().size(); i++) {
                sb.append(" \"").append(a.choices().get(i).text()).append("\" ")
                        .append(problems.get(i) == null ? "holds" : problems.get(i)).append(';');
            }
            throw new LessonFailure(sb.substring(0, sb.length() - 1));
        }
        int right = holding.get(0);
        String why = a.why() == null ? "" : withCosts(r, a.why(), "reveal");
        runner.reveal(r, new Answer(a, right, given, given >= 0 && given != right ? problems.get(given) : null, why));
    }

    /** What each choice's check finds now: null where it holds. */
    private List<String> problems(LessonRun r, Step.Ask a, EngineFacts.Context facts) throws InterruptedException {
        List<String> problems = new java.util.ArrayList<>();
        for (Step.Choice c : a.choices()) {
            Expectation check = c.check();
            problems.add(check.readsEngine() ? onMain(r, check.label(), () -> check.problem(facts)) : check.problem(facts));
        }
        return problems;
    }

    private static List<Integer> holding(List<String> problems) {
        List<Integer> holding = new java.util.ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            if (problems.get(i) == null) {
                holding.add(i);
            }
        }
        return holding;
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
    private static void checkCancelled(LessonRun r) {
        if (r.cancelled) {
            throw new RunCancelled();
        }
    }
}
