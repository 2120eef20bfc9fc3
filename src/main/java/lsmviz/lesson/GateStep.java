package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.checkWait;

import java.util.List;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;

/** A step that drives the engine's step gate: where threads stop, and when they go on. */
public sealed interface GateStep extends Step {

    /** Sets the probe points where threads stop in STEP mode (a lesson starts with none). */
    record Breakpoints(List<ProbePoint> points) implements GateStep {
        public Breakpoints {
            if (points == null) {
                throw new FieldProblem("points", "missing field 'points' (a list of probe point names, may be empty)");
            }
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i) == null) {
                    throw new FieldProblem("points[" + i + "]", "points[" + i + "] is null: name a probe point");
                }
            }
            points = List.copyOf(points);
        }

        @Override
        public String label() {
            return "breakpoints " + points;
        }
    }

    /**
     * Sets the step gate's mode: RUN, SLOW (with {@code slowMillis} per probe point) or STEP.
     * Switching to RUN or SLOW releases every paused thread.
     */
    record Mode(StepMode mode, Long slowMillis) implements GateStep {
        public Mode {
            if (mode == null) {
                throw new FieldProblem("mode", "missing field 'mode' (RUN, SLOW or STEP)");
            }
            if (slowMillis != null && (slowMillis < 0 || slowMillis > 60_000)) {
                throw new FieldProblem("slowMillis", "slowMillis " + slowMillis + " is outside 0..60000");
            }
        }

        @Override
        public String label() {
            return "mode " + mode;
        }
    }

    /**
     * Waits until a thread is paused at the step gate: {@code thread} (any when absent) at
     * {@code point} (any when absent), for at most {@code timeoutMillis} (10 s by default).
     */
    record AwaitPaused(String thread, ProbePoint point, Long timeoutMillis) implements GateStep {
        public AwaitPaused {
            timeoutMillis = checkWait("timeoutMillis", timeoutMillis, 10_000);
        }

        @Override
        public String label() {
            return "await " + (thread == null ? "a thread" : thread) + " paused"
                    + (point == null ? "" : " at " + point);
        }
    }

    /**
     * Releases one paused thread ({@code thread}, or the one paused longest) by one probe point: it
     * stops again at the very next one.
     */
    record SingleStep(String thread) implements GateStep {
        @Override
        public String label() {
            return "step " + (thread == null ? "the longest-paused thread" : thread);
        }
    }

    /** Releases {@code thread} (every paused thread when absent) to run on to its next breakpoint. */
    record Continue(String thread) implements GateStep {
        @Override
        public String label() {
            return "continue " + (thread == null ? "every paused thread" : thread);
        }
    }
}
