package lsmviz.app.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;

/** At a flush's step 1, with two or more memtables queued: which one will it write? */
final class FlushQuestion {
    private FlushQuestion() {}

    static Question at(String thread, VisualState s) {
        List<Long> ids = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        for (VisualState.MemtableVis m : s.immutables()) { // newest first
            ids.add(m.id());
            choices.add("memtable #" + m.id());
        }
        return new Question(thread, "Which memtable will this flush write into an SSTable?", choices, e -> {
            if (e instanceof EngineEvent.FlushStarted f && f.thread().equals(thread)) {
                int right = ids.indexOf(f.memtableId());
                return Optional.of(new Question.Verdict(right, "the flush took memtable #" + f.memtableId()
                        + ", the oldest: a flush always writes the oldest immutable memtable first, so that L0's"
                        + " tables stay newest to oldest and a get meets the newest value first"));
            }
            return Optional.empty();
        });
    }
}
