package lsmviz.app.predict;

import java.util.List;
import java.util.Optional;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;

/**
 * At the freeze's re-check, holding the freeze lock: will this thread freeze the memtable, or
 * find there is nothing left to do (another thread froze it while it waited for the lock)?
 */
final class FreezeQuestion {
    private FreezeQuestion() {}

    static Question at(String thread, VisualState s) {
        long active = s.active().id();
        List<String> choices = List.of("yes: it freezes memtable #" + active,
                "no: it finds nothing to do (another thread froze it first, or it is empty)");
        return new Question(thread, "Holding the freeze lock, will " + thread + " freeze memtable #" + active + "?",
                choices, e -> {
                    if (!e.thread().equals(thread)) {
                        return Optional.empty();
                    }
                    if (e instanceof EngineEvent.MemtableFrozen
                            || e instanceof EngineEvent.StepReached r && r.point().equals("FREEZE_SWAP")) {
                        return Optional.of(new Question.Verdict(0, "memtable #" + active + " was still the active one"
                                + " and still needed freezing, so it swaps in a fresh memtable under the state write lock"));
                    }
                    if (e instanceof EngineEvent.OperationFinished || e instanceof EngineEvent.StepReached) {
                        return Optional.of(new Question.Verdict(1, "the re-check under the freeze lock found nothing"
                                + " to freeze: that re-check is why two writers never freeze the same memtable twice"));
                    }
                    return Optional.empty();
                });
    }
}
