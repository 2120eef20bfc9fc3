package lsmviz.app.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * The order the disk view shows the live tables in, the order a get searches them: L0 newest
 * first, then L1, L2 ... each by key. Each change makes a new immutable list, so a snapshot of
 * the picture shares it and costs nothing.
 */
final class Shelving {
    private static final Comparator<SSTableVis> SEARCH_ORDER = Comparator.comparingInt(SSTableVis::level)
            .thenComparing((a, b) -> a.level() == 0 ? Long.compare(b.id(), a.id()) : compareKeys(a, b));

    private Shelving() {}

    /** A flush put {@code table} in L0, in front of every other table. */
    static List<SSTableVis> flushed(List<SSTableVis> tables, SSTableVis table) {
        List<SSTableVis> next = new ArrayList<>(tables.size() + 1);
        next.add(table);
        next.addAll(tables);
        return List.copyOf(next);
    }

    /**
     * A compaction was installed: the tables {@code removed} left, the tables {@code added} joined
     * {@code outputLevel}. An added table is one of {@code written} (the compaction's outputs) or,
     * in a trivial move, a table already shown, which changes level.
     */
    static List<SSTableVis> installed(List<SSTableVis> tables, List<Long> removed, List<Long> added, int outputLevel,
            List<SSTableVis> written) {
        Map<Long, SSTableVis> known = tables.stream().collect(Collectors.toMap(SSTableVis::id, Function.identity()));
        written.forEach(t -> known.put(t.id(), t));
        Set<Long> gone = new HashSet<>(removed);
        List<SSTableVis> next = new ArrayList<>();
        for (SSTableVis t : tables) {
            if (!gone.contains(t.id()) && !added.contains(t.id())) {
                next.add(t);
            }
        }
        for (long id : added) {
            SSTableVis t = known.get(id);
            if (t != null) {
                next.add(t.atLevel(outputLevel));
            }
        }
        next.sort(SEARCH_ORDER);
        return List.copyOf(next);
    }

    private static int compareKeys(SSTableVis a, SSTableVis b) {
        String x = a.minKey() == null ? "" : a.minKey();
        String y = b.minKey() == null ? "" : b.minKey();
        return x.compareTo(y);
    }
}
