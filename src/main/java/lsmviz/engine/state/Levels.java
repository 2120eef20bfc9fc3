package lsmviz.engine.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SSTables of an LSM tree by level, as plain facts. Level 0 holds what flushes wrote, newest
 * first, and its tables may overlap; each level L1..Lmax is sorted by key and no two of its tables
 * overlap. Immutable: a flush or a compaction makes a new one ({@link #apply}), which checks those
 * rules and throws {@link IllegalStateException} when an edit would break them.
 */
public final class Levels {
    private static final Comparator<TableMeta> NEWEST_FIRST = Comparator.comparingLong(TableMeta::id).reversed();
    private static final Comparator<TableMeta> BY_KEY = Comparator.comparing(TableMeta::smallest);

    /** levels.get(0) is L0 (newest first); levels.get(n) is Ln (by key). */
    private final List<List<TableMeta>> levels;
    /** Where the next round-robin compaction of a level starts: after this key. */
    private final Map<Integer, Key> pointers;

    private Levels(List<List<TableMeta>> levels, Map<Integer, Key> pointers) {
        this.levels = levels;
        this.pointers = Map.copyOf(pointers);
    }

    /** No tables, levels L0 to L{@code maxLevels}. */
    public static Levels empty(int maxLevels) {
        if (maxLevels < 1) {
            throw new IllegalArgumentException("maxLevels = " + maxLevels + ": at least 1");
        }
        List<List<TableMeta>> all = new ArrayList<>();
        for (int n = 0; n <= maxLevels; n++) {
            all.add(List.of());
        }
        return new Levels(List.copyOf(all), Map.of());
    }

    /** The deepest level, Lmax. */
    public int maxLevel() {
        return levels.size() - 1;
    }

    /** The tables of level {@code n}: L0 newest first, deeper levels in key order. */
    public List<TableMeta> level(int n) {
        return levels.get(n);
    }

    public long bytes(int n) {
        return levels.get(n).stream().mapToLong(TableMeta::bytes).sum();
    }

    public long totalBytes() {
        long sum = 0;
        for (int n = 0; n <= maxLevel(); n++) {
            sum += bytes(n);
        }
        return sum;
    }

    public int tableCount() {
        return levels.stream().mapToInt(List::size).sum();
    }

    /** Every table: L0 newest first, then each level in key order. */
    public List<TableMeta> all() {
        List<TableMeta> out = new ArrayList<>();
        levels.forEach(out::addAll);
        return out;
    }

    /** The level that holds table {@code id}, or -1. */
    public int levelOf(long id) {
        for (int n = 0; n <= maxLevel(); n++) {
            for (TableMeta t : levels.get(n)) {
                if (t.id() == id) {
                    return n;
                }
            }
        }
        return -1;
    }

    /** Sorted runs a read may have to look in: each L0 table, then each non-empty deeper level. */
    public int sortedRuns() {
        return levels.get(0).size() + nonEmptyLevelsBelowL0();
    }

    public int nonEmptyLevelsBelowL0() {
        int n = 0;
        for (int i = 1; i <= maxLevel(); i++) {
            if (!levels.get(i).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The tables of level {@code n} that hold any key in [{@code from}, {@code to}]. */
    public List<TableMeta> overlapping(int n, Key from, Key to) {
        return levels.get(n).stream().filter(t -> t.overlaps(from, to)).toList();
    }

    /** Whether any level deeper than {@code n} holds a key in [{@code from}, {@code to}]. */
    public boolean anyBelow(int n, Key from, Key to) {
        for (int i = n + 1; i <= maxLevel(); i++) {
            if (!overlapping(i, from, to).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Level {@code n}'s compact pointer: round-robin compaction starts after this key. */
    public Optional<Key> pointer(int n) {
        return Optional.ofNullable(pointers.get(n));
    }

    public Map<Integer, Key> pointers() {
        return pointers;
    }

    /** A flush wrote {@code table}: it joins L0 as the newest table. */
    public Levels withFlushed(TableMeta table) {
        return apply(Edit.flushed(table));
    }

    /**
     * The levels after {@code edit}: its removed tables leave (each must be here), its added ones
     * join their level, its pointers move.
     *
     * @throws IllegalStateException when a removed table is not here, an added one already is, a
     *                               level is out of range, or two tables of a sorted level overlap
     */
    public Levels apply(Edit edit) {
        List<List<TableMeta>> next = new ArrayList<>();
        Set<Long> removed = new HashSet<>(edit.removed());
        Set<Long> found = new HashSet<>();
        for (List<TableMeta> level : levels) {
            List<TableMeta> kept = new ArrayList<>();
            for (TableMeta t : level) {
                if (removed.contains(t.id())) {
                    found.add(t.id());
                } else {
                    kept.add(t);
                }
            }
            next.add(kept);
        }
        if (!found.equals(removed)) {
            removed.removeAll(found);
            throw new IllegalStateException("tables " + removed + " are not in any level");
        }
        for (Edit.Placed p : edit.added()) {
            if (p.level() < 0 || p.level() > maxLevel()) {
                throw new IllegalStateException("table " + p.table().id() + " goes to L" + p.level()
                        + ", but the levels are L0 to L" + maxLevel());
            }
            if (next.stream().flatMap(List::stream).anyMatch(t -> t.id() == p.table().id())) {
                throw new IllegalStateException("table " + p.table().id() + " is already in a level");
            }
            next.get(p.level()).add(p.table());
        }
        for (int n = 0; n < next.size(); n++) {
            List<TableMeta> level = next.get(n);
            level.sort(n == 0 ? NEWEST_FIRST : BY_KEY);
            if (n > 0) {
                requireDisjoint(n, level);
            }
            next.set(n, List.copyOf(level));
        }
        Map<Integer, Key> moved = new HashMap<>(pointers);
        moved.putAll(edit.pointers());
        return new Levels(List.copyOf(next), moved);
    }

    private static void requireDisjoint(int n, List<TableMeta> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            TableMeta a = sorted.get(i - 1);
            TableMeta b = sorted.get(i);
            if (a.largest().compareTo(b.smallest()) >= 0) {
                throw new IllegalStateException("L" + n + ": tables " + a.id() + " [" + a.smallest() + ".."
                        + a.largest() + "] and " + b.id() + " [" + b.smallest() + ".." + b.largest() + "] overlap");
            }
        }
    }

    /** "L0: 3 tables, 212 bytes; L1: 1 table, 2.0 KB": the non-empty levels (or "no tables"). */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int n = 0; n <= maxLevel(); n++) {
            int count = levels.get(n).size();
            if (count > 0) {
                parts.add("L" + n + ": " + count + (count == 1 ? " table, " : " tables, ") + bytes(n) + " bytes");
            }
        }
        return parts.isEmpty() ? "no tables" : String.join("; ", parts);
    }
}
