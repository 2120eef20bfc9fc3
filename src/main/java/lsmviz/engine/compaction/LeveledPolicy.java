package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CompactionOptions.Style;

/**
 * Leveled compaction, as LevelDB and RocksDB do it. Every level has a score: L0 its table count
 * over {@code l0Trigger}, each deeper level its bytes over its target (L1's is the level base,
 * each next one {@code levelMultiplier} times larger; the last level has none). The level with the
 * highest score of at least 1 compacts:
 * <ul>
 *   <li>L0: all its tables (they may overlap, so they go together) with the L1 tables they
 *       overlap, into L1;</li>
 *   <li>Ln: one table, round-robin by key (the first after the level's compact pointer), with the
 *       Ln+1 tables it overlaps, into Ln+1. A table that overlaps nothing below moves down as it
 *       is (a trivial move).</li>
 * </ul>
 */
public final class LeveledPolicy implements CompactionPolicy {
    private final CompactionOptions options;
    private final long levelBase;

    /** Leveled compaction for memtables of {@code memtableBytes} (the default level base is ten of them). */
    public LeveledPolicy(CompactionOptions options, long memtableBytes) {
        this.options = options;
        this.levelBase = options.levelBase(memtableBytes);
    }

    /** Level {@code n}'s target in bytes (n from 1 to Lmax - 1); the last level has none (-1). */
    public long target(int n, int maxLevel) {
        if (n < 1 || n >= maxLevel) {
            return -1;
        }
        long t = levelBase;
        for (int i = 1; i < n; i++) {
            t = t > Long.MAX_VALUE / options.levelMultiplier() ? Long.MAX_VALUE : t * options.levelMultiplier();
        }
        return t;
    }

    @Override
    public LevelScore score(Levels levels, int n) {
        if (n == 0) {
            return new LevelScore((double) levels.level(0).size() / options.l0Trigger(), -1);
        }
        long target = target(n, levels.maxLevel());
        return new LevelScore(target < 0 ? 0 : (double) levels.bytes(n) / target, target);
    }

    @Override
    public Optional<Task> pick(Levels levels) {
        int best = -1;
        double bestScore = 1.0;
        for (int n = 0; n < levels.maxLevel(); n++) {
            double s = score(levels, n).score();
            if (s >= bestScore && (best < 0 || s > bestScore)) {
                best = n;
                bestScore = s;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        return Optional.of(best == 0 ? fromL0(levels, bestScore) : fromLevel(levels, best, bestScore));
    }

    private Task fromL0(Levels levels, double score) {
        List<TableMeta> l0 = levels.level(0);
        Key from = l0.stream().map(TableMeta::smallest).reduce(Key::min).orElseThrow();
        Key to = l0.stream().map(TableMeta::largest).reduce(Key::max).orElseThrow();
        String reason = "L0 has " + l0.size() + " tables (trigger " + options.l0Trigger() + ")";
        return task(levels, reason, score, 0, l0, from, to, Map.of());
    }

    private Task fromLevel(Levels levels, int n, double score) {
        TableMeta picked = nextRoundRobin(levels, n);
        String reason = "L" + n + " holds " + Bytes.size(levels.bytes(n)) + ", over its target of "
                + Bytes.size(target(n, levels.maxLevel()));
        return task(levels, reason, score, n, List.of(picked), picked.smallest(), picked.largest(),
                Map.of(n, picked.largest()));
    }

    /**
     * The first table of level {@code n} that ends after its compact pointer (LevelDB's rule: a
     * table spanning the pointer is next); past the last one, the first.
     */
    private static TableMeta nextRoundRobin(Levels levels, int n) {
        List<TableMeta> level = levels.level(n);
        Optional<Key> pointer = levels.pointer(n);
        if (pointer.isPresent()) {
            for (TableMeta t : level) {
                if (t.largest().compareTo(pointer.get()) > 0) {
                    return t;
                }
            }
        }
        return level.get(0);
    }

    private static Task task(Levels levels, String reason, double score, int n, List<TableMeta> upper, Key from,
            Key to, Map<Integer, Key> pointers) {
        List<TableMeta> lower = levels.overlapping(n + 1, from, to);
        List<Task.Input> inputs = new ArrayList<>();
        inputs.add(new Task.Input(n, upper));
        if (!lower.isEmpty()) {
            inputs.add(new Task.Input(n + 1, lower));
        }
        boolean trivial = upper.size() == 1 && lower.isEmpty();
        Key lo = lower.isEmpty() ? from : Key.min(from, lower.get(0).smallest());
        Key hi = lower.isEmpty() ? to : Key.max(to, lower.get(lower.size() - 1).largest());
        boolean bottommost = !levels.anyBelow(n + 1, lo, hi);
        return new Task(Style.LEVELED, reason, score, inputs, n + 1, trivial, bottommost, pointers);
    }

    /**
     * Everything into one level: the shallowest whose target holds all the bytes there are (the
     * last level when none does), so that no level is over its target afterwards.
     */
    @Override
    public Optional<Task> full(Levels levels) {
        if (levels.tableCount() == 0) {
            return Optional.empty();
        }
        long total = levels.totalBytes();
        int out = 1;
        while (out < levels.maxLevel() && target(out, levels.maxLevel()) < total) {
            out++;
        }
        List<Task.Input> inputs = new ArrayList<>();
        for (int n = 0; n <= levels.maxLevel(); n++) {
            if (!levels.level(n).isEmpty()) {
                inputs.add(new Task.Input(n, levels.level(n)));
            }
        }
        return Optional.of(new Task(Style.LEVELED, "a full compaction was asked for", 0, inputs, out, false, true,
                Map.of()));
    }
}
