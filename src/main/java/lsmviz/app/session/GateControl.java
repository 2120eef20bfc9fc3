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
    private final Supplier<StepGate> current;
    /** The mode the window chose last (a recovery starts in it). */
    private volatile StepMode chosenMode = StepMode.RUN;
    private volatile long slowDelayMillis = 400;
    private volatile Set<ProbePoint> breakpoints = EnumSet.allOf(ProbePoint.class);

    /** @param current the gate of the engine open now, or of the one being opened (recovering); null for none */
    GateControl(Supplier<StepGate> current) {
        this.current = current;
    }

    /** A fresh engine of the session's own: it starts live, with the window's delay and breakpoints. */
    void applyWindowChoices(LsmEngine e) {
        applyWindowChoices(e.stepGate(), StepMode.RUN);
    }

    /**
     * The gate of an engine about to recover: the window's delay and breakpoints, and the mode the
     * window is in, so that a class in Step mode steps through the recovery.
     */
    StepGate recoveryGate() {
        StepGate g = new StepGate();
        applyWindowChoices(g, chosenMode);
        Set<ProbePoint> withRecovery = EnumSet.copyOf(breakpoints);
        for (ProbePoint p : ProbePoint.values()) {
            if (p.kind() == ProbePoint.Kind.RECOVER) {
                withRecovery.add(p); // whatever Stop at says, a recovery in Step mode stops at its steps
            }
        }
        g.setBreakpoints(withRecovery);
        return g;
    }

    private void applyWindowChoices(StepGate g, StepMode mode) {
        g.setSlowDelayMillis(slowDelayMillis);
        g.setBreakpoints(breakpoints);
        g.setMode(mode);
    }

    private StepGate gate() {
        return current.get();
    }

    @Override
    public StepMode mode() {
        StepGate g = gate();
        return g == null ? StepMode.RUN : g.mode();
    }

    @Override
    public void setMode(StepMode mode) {
        chosenMode = mode;
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
