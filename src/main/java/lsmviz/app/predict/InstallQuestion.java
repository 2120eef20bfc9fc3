package lsmviz.app.predict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.engine.event.EngineEvent;

/**
 * At a compaction's install ({@code COMPACT_INSTALL}, the compactor holding the freeze lock): which
 * tables will leave the levels? The inputs were named when the compaction was picked; the choices
 * are drawn from the picture now (a flush may have added an L0 table meanwhile, which the merge
 * never read). The install's own event lists what really left.
 */
final class InstallQuestion {
    static final String NONE = "none yet: a table stays while a get or scan reads it";

    private InstallQuestion() {}

    /** The question for the compactor {@code thread}, or null when the picture shows no compaction of its. */
    static Question at(String thread, VisualState s) {
        CompactionVis c = s.compactions().stream().filter(x -> x.thread().equals(thread) && !x.installed())
                .findFirst().orElse(null);
        if (c == null || c.inputs().isEmpty()) {
            return null;
        }
        List<EngineEvent.LevelTables> byLevel = new ArrayList<>(c.inputs());
        byLevel.sort(Comparator.comparingInt(EngineEvent.LevelTables::level));
        List<Long> inputs = byLevel.stream().flatMap(l -> l.tableIds().stream()).toList();
        EngineEvent.LevelTables upper = byLevel.get(0);
        Set<Integer> levels = new TreeSet<>(byLevel.stream().map(EngineEvent.LevelTables::level).toList());
        levels.add(c.outputLevel());
        List<Long> inThoseLevels = s.sstables().stream().filter(t -> levels.contains(t.level()))
                .map(VisualState.SSTableVis::id).toList();
        List<Long> onDisk = s.sstables().stream().map(VisualState.SSTableVis::id).toList();

        // each choice is a set of tables; two that name the same set are one choice (the first wins)
        Map<Set<Long>, String> candidates = new LinkedHashMap<>();
        candidates.put(set(inputs), "exactly its inputs: " + ids(inputs));
        candidates.putIfAbsent(set(upper.tableIds()), "only its L" + upper.level() + " inputs: " + ids(upper.tableIds()));
        candidates.putIfAbsent(set(inThoseLevels), "every table in " + levelNames(levels) + " now: " + ids(inThoseLevels));
        candidates.putIfAbsent(set(onDisk), "every table on disk: " + ids(onDisk));
        long oldest = Collections.min(upper.tableIds());
        candidates.putIfAbsent(Set.of(oldest), "only its oldest input, #" + oldest);
        List<Set<Long>> sets = new ArrayList<>(candidates.keySet().stream().limit(3).toList()); // at most three
        sets.add(Set.of()); // and "none yet"
        Collections.shuffle(sets, new Random(c.id())); // the same order for the same compaction, not always first
        List<String> choices = sets.stream().map(k -> k.isEmpty() ? NONE : candidates.get(k)).toList();

        return new Question(thread, "Which tables will the install of compaction #" + c.id() + " take out of the levels?",
                choices, e -> {
                    if (e instanceof EngineEvent.CompactionInstalled i && i.compactionId() == c.id()) {
                        return Optional.of(new Question.Verdict(sets.indexOf(set(i.removed())),
                                why(c, i, inThoseLevels)));
                    }
                    if (e instanceof EngineEvent.CompactionFailed f && f.compactionId() == c.id()) {
                        return Optional.of(new Question.Verdict(sets.indexOf(Set.of()),
                                "the compaction failed, so nothing left the levels: " + f.message()));
                    }
                    return Optional.empty();
                });
    }

    private static String why(CompactionVis c, EngineEvent.CompactionInstalled i, List<Long> inThoseLevels) {
        if (c.trivialMove()) {
            return "a trivial move: " + ids(i.removed()) + " left its level and joined L" + i.outputLevel()
                    + " without being read";
        }
        List<Long> inputs = c.inputs().stream().flatMap(l -> l.tableIds().stream()).toList();
        String why = "the install took out " + ids(i.removed())
                + (set(i.removed()).equals(set(inputs)) ? " (what the merge read)" : "")
                + " and put " + (i.added().isEmpty() ? "nothing" : ids(i.added())) + " in L" + i.outputLevel();
        List<Long> unread = inThoseLevels.stream().filter(id -> !i.removed().contains(id) && !inputs.contains(id))
                .toList();
        if (!unread.isEmpty()) {
            why += "; " + ids(unread) + (unread.size() == 1 ? " stays: the merge never read it"
                    : " stay: the merge never read them");
        }
        List<Long> kept = inputs.stream().filter(id -> !i.removed().contains(id)).toList();
        if (!kept.isEmpty()) {
            why += "; its input " + ids(kept) + " stayed in the levels";
        }
        return why + "; a file goes once no get or scan reads it";
    }

    private static Set<Long> set(List<Long> ids) {
        return Set.copyOf(ids);
    }

    /** "#3, #4 and #7" */
    static String ids(List<Long> ids) {
        List<String> names = ids.stream().map(id -> "#" + id).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** "L0 and L1", "L0" */
    private static String levelNames(Set<Integer> levels) {
        List<String> names = levels.stream().map(l -> "L" + l).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
