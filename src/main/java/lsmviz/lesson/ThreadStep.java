package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.checkThreadName;
import static lsmviz.lesson.FieldChecks.checkWait;
import static lsmviz.lesson.FieldChecks.require;

import java.util.List;

/** A step about the lesson's own threads, which run engine calls concurrently with the script. */
public sealed interface ThreadStep extends Step {

    /**
     * Starts a lesson thread called {@code name} that runs {@code steps} (operations and expects
     * only) while the script goes on.
     */
    record StartThread(String name, List<Step> steps) implements ThreadStep {
        public StartThread {
            require("name", name);
            checkThreadName("name", name);
            if (steps == null || steps.isEmpty()) {
                throw new FieldProblem("steps", "missing field 'steps' (what thread '" + name + "' runs)");
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                boolean allowed = s instanceof Step.Expect || s instanceof Operation op && op.thread() == null;
                if (!allowed) {
                    throw new FieldProblem("steps[" + i + "]", "steps[" + i + "] of thread '" + name + "' is '"
                            + s.label() + "': a lesson thread runs only operations without 'thread'"
                            + " (put, get, delete, fill, freeze, flush, compact) and expects");
                }
            }
            steps = List.copyOf(steps);
        }

        @Override
        public String label() {
            return "start thread " + name;
        }
    }

    /** Waits (at most {@code timeoutMillis}, 10 s by default) for a lesson thread to finish. */
    record Join(String thread, Long timeoutMillis) implements ThreadStep {
        public Join {
            require("thread", thread);
            timeoutMillis = checkWait("timeoutMillis", timeoutMillis, 10_000);
        }

        @Override
        public String label() {
            return "join " + thread;
        }
    }
}
