package lsmviz.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lesson's questions, for the script walker: an {@code ask} tells the question and waits for the
 * class's answer (or Next) as a pause does; a {@code reveal} checks each choice against the engine
 * and tells the right one, with what the engine showed instead of a wrong answer.
 */
final class AskAndReveal {
    private final ScriptWalker walker;
    private final LessonRunner runner;

    AskAndReveal(ScriptWalker walker, LessonRunner runner) {
        this.walker = walker;
        this.runner = runner;
    }

    /** An {@code ask}: tells the question, then waits for an answer or Next, as a pause does. */
    void ask(LessonRun r, Step.Ask a) throws InterruptedException {
        synchronized (r.pauseMonitor) {
            r.question = a;
            r.answer = -1;
            r.askWaiting = true;
        }
        runner.ask(r, a);
        try {
            walker.waitForUser(r);
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
    void reveal(LessonRun r) throws InterruptedException {
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
            ScriptWalker.checkCancelled(r);
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
        String why = a.why() == null ? "" : walker.withCosts(r, a.why(), "reveal");
        runner.reveal(r, new Answer(a, right, given, given >= 0 && given != right ? problems.get(given) : null, why));
    }

    /** What each choice's check finds now: null where it holds. */
    private List<String> problems(LessonRun r, Step.Ask a, EngineFacts.Context facts) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (Step.Choice c : a.choices()) {
            Expectation check = c.check();
            problems.add(check.readsEngine() ? walker.onMain(r, check.label(), () -> check.problem(facts)) : check.problem(facts));
        }
        return problems;
    }

    private static List<Integer> holding(List<String> problems) {
        List<Integer> holding = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            if (problems.get(i) == null) {
                holding.add(i);
            }
        }
        return holding;
    }
}
