package lsmviz.app.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.ProbePoint;

/**
 * The questions the window can ask at a probe point, built from the point and the picture, each
 * with the judge that checks it against the engine's next events. A point with no question here
 * asks nothing.
 */
final class Questions {
    static final String ACTIVE = "the active memtable";
    static final String IMMUTABLE = "an immutable memtable";
    static final String LEVEL0 = "a table in L0";
    static final String DEEPER = "a table in L1 or below";
    static final String NOWHERE = "nowhere: the key is not stored";

    private Questions() {}

    /**
     * The question for {@code pause}, or null. {@code getKey}: the key of the get the thread runs
     * (null when it runs none); {@code firstProbe}: whether this is the get's first probe.
     */
    static Question at(EngineEvent.StepReached pause, VisualState s, String getKey, boolean firstProbe) {
        ProbePoint p;
        try {
            p = ProbePoint.valueOf(pause.point());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
        if (p == ProbePoint.FLUSH_SELECT_OLDEST && s.immutables().size() >= 2) {
            return whichMemtableIsFlushed(pause.thread(), s);
        }
        if (p == ProbePoint.GET_PROBE_MEMTABLE && firstProbe && getKey != null) {
            return whereIsTheKey(pause.thread(), getKey, s);
        }
        if (p == ProbePoint.FREEZE_RECHECK) {
            return willItFreeze(pause.thread(), s);
        }
        return null;
    }

    /** At the flush's step 1, with two or more memtables queued: which one goes? */
    private static Question whichMemtableIsFlushed(String thread, VisualState s) {
        List<Long> ids = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        List<VisualState.MemtableVis> queue = s.immutables(); // newest first
        for (int i = 0; i < queue.size(); i++) {
            long id = queue.get(i).id();
            ids.add(id);
            choices.add("memtable #" + id);
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

    /**
     * At the freeze's re-check, holding the freeze lock: will this thread freeze the memtable, or
     * find there is nothing left to do (another thread froze it while it waited for the lock)?
     */
    private static Question willItFreeze(String thread, VisualState s) {
        long active = s.active().id();
        List<String> choices = List.of("yes: it freezes memtable #" + active,
                "no: it finds nothing to do (another thread froze it first, or it is empty)");
        return new Question(thread, "Holding the freeze lock, will " + thread + " freeze memtable #" + active + "?",
                choices, e -> {
                    if (!e.thread().equals(thread)) {
                        return Optional.empty();
                    }
                    if (e instanceof EngineEvent.MemtableFrozen f
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

    /** At a get's first probe: where will it find the key? */
    private static Question whereIsTheKey(String thread, String key, VisualState s) {
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
