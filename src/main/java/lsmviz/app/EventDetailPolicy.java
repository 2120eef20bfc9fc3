package lsmviz.app;

import lsmviz.app.session.SessionPort.WorkloadStatus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.StepMode;

/**
 * How much the window asks the engine to tell, and how often it redraws: decided in one place,
 * twice a second, from the workload and the step mode.
 *
 * <ul>
 *   <li>A workload running live (not in slow motion, not stepping) is faster than anyone reads:
 *       the window asks for structure events only (freezes, flushes, compactions, stalls); the
 *       locks still show, sampled from the lock table once per pulse.</li>
 *   <li>Faster than {@link #FAST_WORKLOAD_OPS} operations a second (or unlimited), the window
 *       also redraws at the full-speed rates of the {@link RedrawScheduler}, and the narration
 *       keeps quiet about events.</li>
 *   <li>Otherwise every event is asked for: a class stepping or watching a demo sees each one.</li>
 * </ul>
 */
final class EventDetailPolicy {
    /** A workload faster than this (or unlimited) gets the full-speed redraw rates. */
    static final long FAST_WORKLOAD_OPS = 5_000;

    private EventListener.Detail detail = EventListener.Detail.ALL;
    private boolean fullSpeed;

    /** Decides anew for the workload {@code w} under the step mode {@code mode}; returns the detail to ask for. */
    EventListener.Detail decide(WorkloadStatus w, StepMode mode) {
        boolean live = w.running() && mode == StepMode.RUN;
        fullSpeed = live && w.fasterThan(FAST_WORKLOAD_OPS);
        // nobody reads a hundred thousand operations a second: at full speed, structure events only
        detail = live ? EventListener.Detail.STRUCTURE : EventListener.Detail.ALL;
        return detail;
    }

    EventListener.Detail detail() {
        return detail;
    }

    /** Whether the window redraws at the full-speed rates (and the narration keeps quiet). */
    boolean fullSpeed() {
        return fullSpeed;
    }
}
