package lsmviz.lesson;

import java.util.List;
import lsmviz.lesson.Step.Expect;

/**
 * A thread the lesson started (a {@code startThread}, or an operation with a {@code thread}):
 * runs its steps, keeps the first failure. The control thread reports that failure at the next
 * step, a {@code join} or the end of the lesson.
 */
final class LessonThread extends Thread {
    private final ScriptWalker walker;
    private final LessonRun run;
    private final List<Step> steps;
    volatile String failure;
    volatile boolean failureReported;

    LessonThread(ScriptWalker walker, LessonRun run, String name, List<Step> steps) {
        super(name);
        this.walker = walker;
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
                    walker.expect(run, x, false);
                } else {
                    EngineOperations.perform(run, (Operation) s);
                }
            } catch (RunCancelled c) {
                return;
            } catch (Throwable t) {
                if (!run.cancelled) {
                    failure = "on thread " + getName() + ", " + s.label() + ": " + MessageText.describe(t);
                }
                return;
            }
        }
    }
}
