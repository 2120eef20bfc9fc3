package lsmviz.app.predict;

import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.ProbePoint;

/**
 * Which question to ask about a paused thread, each kind in its own class with the judge that
 * checks it against the engine's next events. A point's own question comes first; where a point
 * has none, the thread may still hold a lock others wait for ({@link LockQuestion}).
 */
final class Questions {
    private Questions() {}

    /**
     * The question of the point {@code pause} stopped at, or null. {@code op}: the operation the
     * thread runs (null when it runs none that the window saw start); {@code firstProbe}: whether
     * this is a get's first probe.
     */
    static Question at(EngineEvent.StepReached pause, VisualState s, EngineEvent.OperationStarted op,
            boolean firstProbe) {
        ProbePoint p;
        try {
            p = ProbePoint.valueOf(pause.point());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        String thread = pause.thread();
        return switch (p) {
            case PUT_MAKE_ROOM -> PutQuestion.at(thread, op == null ? EngineEvent.Op.PUT : op.op(), s);
            case FREEZE_RECHECK -> FreezeQuestion.at(thread, s);
            case FLUSH_SELECT_OLDEST -> s.immutables().size() >= 2 ? FlushQuestion.at(thread, s) : null;
            case GET_PROBE_MEMTABLE -> firstProbe && op != null && op.op() == EngineEvent.Op.GET && op.key() != null
                    ? GetQuestion.at(thread, op.key(), s) : null;
            case COMPACT_INSTALL -> InstallQuestion.at(thread, s);
            default -> null;
        };
    }

    /** The question about who gets a lock {@code pause}'s thread holds, when others wait for it; or null. */
    static Question aboutLocks(EngineEvent.StepReached pause, VisualState s) {
        return LockQuestion.at(pause.thread(), s);
    }
}
