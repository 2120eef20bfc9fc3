package lsmviz.app.predict;

import java.util.List;
import java.util.Optional;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;

/** At a get's first probe: where will it find the key? */
final class GetQuestion {
    static final String ACTIVE = "the active memtable";
    static final String IMMUTABLE = "an immutable memtable";
    static final String LEVEL0 = "a table in L0";
    static final String DEEPER = "a table in L1 or below";
    static final String NOWHERE = "nowhere: the key is not stored";

    private GetQuestion() {}

    static Question at(String thread, String key, VisualState s) {
        List<String> choices = List.of(ACTIVE, IMMUTABLE, LEVEL0, DEEPER, NOWHERE);
        long active = s.active().id();
        return new Question(thread, "Where will this get find '" + key + "'?", choices, e -> {
            if (!(e instanceof EngineEvent.GetPath g) || !g.thread().equals(thread) || !g.key().equals(key)) {
                return Optional.empty();
            }
            List<EngineEvent.GetPath.Probe> probes = g.probes();
            EngineEvent.GetPath.Probe hit = probes.stream()
                    .filter(pr -> pr.verdict().equals("found") || pr.verdict().equals("tombstone")).findFirst()
                    .orElse(null);
            String answer;
            if (hit == null) {
                answer = NOWHERE;
            } else if (hit.memtable()) {
                answer = hit.id() == active ? ACTIVE : IMMUTABLE;
            } else {
                VisualState.SSTableVis t = s.table(hit.id());
                answer = t != null && t.level() > 0 ? DEEPER : LEVEL0;
            }
            String where = hit == null ? "it asked " + probes.size() + " places and none had it"
                    : "it asked " + (probes.indexOf(hit) + 1) + " of them, newest first, and "
                            + (hit.memtable() ? "memtable #" : "SSTable #") + hit.id() + " answered"
                            + (hit.verdict().equals("tombstone") ? " with a tombstone (deleted)" : "");
            long skipped = probes.stream().filter(pr -> pr.verdict().startsWith("bloom: no")).count();
            return Optional.of(new Question.Verdict(choices.indexOf(answer), where
                    + (skipped > 0 ? "; " + skipped + " table(s) were skipped by their bloom filter" : "")));
        });
    }
}
