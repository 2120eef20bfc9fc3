package lsmviz.app.session;

import java.util.Set;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;

/**
 * The step gate of whichever engine the session has open now. Every call returns at once (the
 * gate only marks or releases threads), so the FX thread may call them. With no engine open,
 * calls do nothing and {@link #mode()} is {@link StepMode#RUN}.
 *
 * <p>The slow-motion delay and the breakpoints are the window's choices: they are kept here and
 * given to every engine the session opens itself. A lesson's engine keeps the lesson's own until
 * someone changes them.
 */
public interface StepControl {
    StepMode mode();

    /** RUN and SLOW release every paused thread. */
    void setMode(StepMode mode);

    void setSlowDelayMillis(long millis);

    /** Where STEP mode stops; empty means at every point. */
    void setBreakpoints(Set<ProbePoint> points);

    /** The named paused thread (null: the one paused longest) moves one step; returns it, or null when none is paused. */
    String step(String thread);

    /** The thread runs to the end of its operation; returns it, or null. */
    String finishOperation(String thread);

    /** STEP mode, and every thread stops at its next point. */
    void pauseAll();
}
