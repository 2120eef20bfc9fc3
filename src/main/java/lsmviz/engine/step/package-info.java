/**
 * The step gate: the engine calls {@link lsmviz.engine.step.StepGate#reach} at each
 * {@link lsmviz.engine.step.ProbePoint}; the gate lets the thread run on, slows it down, or parks it
 * until a user steps or continues. Each probe point's call in {@code LsmEngine.java} is preceded by
 * a marker comment {@code // @probe NAME} so that the real line of code can be shown.
 */
package lsmviz.engine.step;
