package lsmviz.app.session;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;

/**
 * {@link StepControl} over the step gate of the session's current engine. It keeps the window's
 * slow-motion delay and breakpoints and gives them to each engine the session opens itself
 * ({@link #applyWindowChoices}), before the engine runs a command: a new engine cannot miss them.
 */
final class GateControl implements StepControl {
    private final Supplier<LsmEngine> engine;
    private volatile long slowDelayMillis = 400;
    private volatile Set<ProbePoint> breakpoints = EnumSet.allOf(ProbePoint.class);

    GateControl(Supplier<LsmEngine> engine) {
        this.engine = engine;
    }

    /** A fresh engine of the session's own: it starts live, with the window's delay and breakpoints. */
    void applyWindowChoices(LsmEngine e) {
        StepGate g = e.stepGate();
        g.setSlowDelayMillis(slowDelayMillis);
        g.setBreakpoints(breakpoints);
        g.setMode(StepMode.RUN);
    }

    private StepGate gate() {
        LsmEngine e = engine.get();
        return e == null ? null : e.stepGate();
    }

    @Override
    public StepMode mode() {
        StepGate g = gate();
        return g == null ? StepMode.RUN : g.mode();
    }

    @Override
    public void setMode(StepMode mode) {
        StepGate g = gate();
        if (g != null) {
            g.setMode(mode);
        }
    }

    @Override
    public void setSlowDelayMillis(long millis) {
        slowDelayMillis = millis;
        StepGate g = gate();
        if (g != null) {
            g.setSlowDelayMillis(millis);
        }
    }

    @Override
    public void setBreakpoints(Set<ProbePoint> points) {
        Set<ProbePoint> chosen = points.isEmpty() ? EnumSet.allOf(ProbePoint.class) : EnumSet.copyOf(points);
        breakpoints = chosen;
        StepGate g = gate();
        if (g != null) {
            g.setBreakpoints(chosen);
        }
    }

    @Override
    public String step(String thread) {
        StepGate g = gate();
        return g == null ? null : g.step(thread);
    }

    @Override
    public String finishOperation(String thread) {
        StepGate g = gate();
        return g == null ? null : g.finishOperation(thread);
    }

    @Override
    public void pauseAll() {
        StepGate g = gate();
        if (g != null) {
            g.setMode(StepMode.STEP);
            g.pauseAtNextPoint();
        }
    }
}
