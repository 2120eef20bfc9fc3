package lsmviz.engine.step;

/** How the step gate treats a thread that reaches a probe point. */
public enum StepMode {
    /** Go on at once: the gate costs one volatile read. */
    RUN,
    /** Go on after a delay per point (slow motion). */
    SLOW,
    /** Stop at breakpoints (and wherever a thread was told to step) until released. */
    STEP
}
