package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CompactionOptions.Style;

/**
 * Tiered compaction, as RocksDB's universal compaction does it, with its checks in mini-lsm's
 * order. It sees the levels as sorted runs, newest first: each L0 table on its own, then each
 * non-empty level L1..Lmax as one run (a shallower level is newer). A read looks in every run, so
 * the policy keeps their number down; it merges runs only when there are {@code runTrigger} of
 * them, and then picks the first of:
 * <ol>
 *   <li><b>space amplification</b>: the runs newer than the oldest hold more than
 *       {@code maxSpaceAmpPercent} % of its bytes (they may be mostly overwrites of it): all runs
 *       merge into Lmax;</li>
 *   <li><b>size ratio</b>: from the newest run, each next run joins while it is at most
 *       (100 + {@code sizeRatioPercent}) % of the runs taken so far; if two or more are taken
 *       (RocksDB's min_merge_width), they merge;</li>
 *   <li><b>run count</b>: the newest (runs - {@code runTrigger} + 2) runs merge, which leaves
 *       {@code runTrigger} - 1 runs.</li>
 * </ol>
 *
 * <p>A merge always takes the newest runs, so every run it leaves is older than its output,
 * except tables flushed to L0 while it ran: they are newer, and L0 is read first. The output is
 * one sorted run in a level above every older run left:
 * <ul>
 *   <li>the level of the oldest input run, if that is a level (it is empty once the inputs go);</li>
 *   <li>when only L0 tables merge: the deepest level above the shallowest non-empty one (Lmax
 *       when every level is empty). When L1 holds a run, there is no such level: L1 joins the
 *       merge and the output goes to L1.</li>
 * </ul>
 * One exception to "the newest runs": a merge that would leave older L0 tables behind takes the
 * rest of L0 too. Its output goes to a level, and reads look in every L0 table before any level,
 * so an older L0 table left behind would hide the newer values merged below it.
 */
public final class TieredPolicy implements CompactionPolicy {
    /** The fewest runs a size-ratio merge takes (RocksDB's min_merge_width). */
    static final int MIN_MERGE_WIDTH = 2;

    private final CompactionOptions options;

    public TieredPolicy(CompactionOptions options) {
        this.options = options;
    }

    /** One sorted run: an L0 table alone, or all the tables of one level below L0. */
    record Run(int level, List<TableMeta> tables) {
        long bytes() {
            return tables.stream().mapToLong(TableMeta::bytes).sum();
        }
    }

    /** The sorted runs, newest first: each L0 table (newest first), then each non-empty level, L1 first. */
    static List<Run> runs(Levels levels) {
        List<Run> runs = new ArrayList<>();
        for (TableMeta t : levels.level(0)) {
            runs.add(new Run(0, List.of(t)));
        }
        for (int n = 1; n <= levels.maxLevel(); n++) {
            if (!levels.level(n).isEmpty()) {
                runs.add(new Run(n, levels.level(n)));
            }
        }
        return runs;
    }

    @Override
    public Optional<Task> pick(Levels levels) {
        List<Run> runs = runs(levels);
        if (runs.size() < options.runTrigger()) {
            return Optional.empty(); // few enough runs: reads stay cheap
        }
        double runScore = (double) runs.size() / options.runTrigger();
        // 1. Space amplification: the newer runs, against the oldest.
        long oldest = runs.get(runs.size() - 1).bytes();
        long newer = levels.totalBytes() - oldest;
        if (newer * 100 > (long) options.maxSpaceAmpPercent() * oldest) {
            long percent = newer * 100 / Math.max(1, oldest);
            String reason = "space amplification " + percent + "% > " + options.maxSpaceAmpPercent() + "%";
            return Optional.of(everything(levels, reason, (double) percent / options.maxSpaceAmpPercent()));
        }
        // 2. Size ratio: the newest runs while each next one is not much larger than them together.
        int taken = 1;
        long sum = runs.get(0).bytes();
        while (taken < runs.size() && runs.get(taken).bytes() * 100 <= sum * (100 + options.sizeRatioPercent())) {
            sum += runs.get(taken).bytes();
            taken++;
        }
        if (taken >= MIN_MERGE_WIDTH) {
            return Optional.of(newest(levels, runs, taken, "size ratio: " + taken + " runs", runScore));
        }
        // 3. Run count: merge the newest runs, leaving runTrigger - 1.
        int count = runs.size() - options.runTrigger() + 2;
        String reason = runs.size() + " sorted runs (trigger " + options.runTrigger() + ")";
        return Optional.of(newest(levels, runs, count, reason, runScore));
    }

    /** A merge of the newest {@code count} runs (with the rest of L0, and L1 if need be; see the class comment). */
    private Task newest(Levels levels, List<Run> runs, int count, String reason, double score) {
        int l0 = levels.level(0).size();
        if (count < l0) {
            count = l0; // an older L0 table left behind would hide the output
            reason += ", with the rest of L0";
        }
        int output;
        if (runs.get(count - 1).level() > 0) {
            output = runs.get(count - 1).level(); // the oldest input's level: empty once it goes
        } else {
            int shallowest = count < runs.size() ? runs.get(count).level() : levels.maxLevel() + 1;
            output = shallowest - 1; // the deepest level above every older run
            if (output == 0) {
                count++; // L1 holds a run: it joins, and the output goes to L1
                output = 1;
                reason += ", with L1 (no empty level above it)";
            }
        }
        List<TableMeta> l0Tables = levels.level(0); // all of L0, newest first
        List<Task.Input> inputs = new ArrayList<>();
        if (!l0Tables.isEmpty()) {
            inputs.add(new Task.Input(0, l0Tables));
        }
        for (Run r : runs.subList(l0, count)) {
            inputs.add(new Task.Input(r.level(), r.tables()));
        }
        return task(levels, reason, score, inputs, output);
    }

    /** Every table into Lmax. */
    private Task everything(Levels levels, String reason, double score) {
        List<Task.Input> inputs = new ArrayList<>();
        for (int n = 0; n <= levels.maxLevel(); n++) {
            if (!levels.level(n).isEmpty()) {
                inputs.add(new Task.Input(n, levels.level(n)));
            }
        }
        return task(levels, reason, score, inputs, levels.maxLevel());
    }

    /** Tombstones can go only when no run left below the output holds any of the inputs' keys. */
    private static Task task(Levels levels, String reason, double score, List<Task.Input> inputs, int output) {
        List<TableMeta> tables = inputs.stream().flatMap(in -> in.tables().stream()).toList();
        Key from = tables.stream().map(TableMeta::smallest).reduce(Key::min).orElseThrow();
        Key to = tables.stream().map(TableMeta::largest).reduce(Key::max).orElseThrow();
        boolean bottommost = !levels.anyBelow(output, from, to);
        return new Task(Style.TIERED, reason, score, inputs, output, false, bottommost, Map.of());
    }

    /** Every table into Lmax (a user asked: {@code compact}). */
    @Override
    public Optional<Task> full(Levels levels) {
        if (levels.tableCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(everything(levels, "a full compaction was asked for", 0));
    }

    /**
     * Tiered has no level targets (-1 for every level). The scores say how close each trigger is
     * (1.0 = at it): L0's is the number of sorted runs over {@code runTrigger} (nothing merges
     * below 1.0); the level holding the oldest run has its space amplification over
     * {@code maxSpaceAmpPercent} (it merges above 1.0, once L0's score is 1.0 too); the other
     * levels have 0.
     */
    @Override
    public LevelScore score(Levels levels, int n) {
        List<Run> runs = runs(levels);
        if (n == 0) {
            return new LevelScore((double) runs.size() / options.runTrigger(), -1);
        }
        Run oldest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (oldest == null || oldest.level() != n) {
            return new LevelScore(0, -1);
        }
        long newer = levels.totalBytes() - oldest.bytes();
        double percent = 100.0 * newer / Math.max(1, oldest.bytes());
        return new LevelScore(percent / options.maxSpaceAmpPercent(), -1);
    }
}
