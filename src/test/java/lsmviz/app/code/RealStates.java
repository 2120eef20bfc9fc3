package lsmviz.app.code;

import lsmviz.app.model.Projector;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.step.ProbePoint;

/** Pictures folded from a few events, as the window would fold them. */
final class RealStates {
    private RealStates() {}

    static Projector opened() {
        Projector p = new Projector();
        p.apply(new EngineEvent.EngineOpened(1, 0, "main", "/tmp/x", new MemtableSummary(1, 0, 0, null, null),
                java.util.List.of(), java.util.List.of(), 4096, 4));
        return p;
    }

    static VisualState pausedAt(String thread, ProbePoint point) {
        Projector p = opened();
        p.apply(new EngineEvent.StepReached(2, 1, thread, point.name(), point.narration(), true));
        return p.snapshot();
    }

    static VisualState nobodyPaused() {
        return opened().snapshot();
    }
}
