package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.CompactionOptions.Style;

/**
 * One compaction, as a policy picked it: which tables go in, from which levels, and where the
 * result goes. Plain facts; the engine (or the simulator) does the work.
 *
 * @param style       the policy that picked it
 * @param reason      why, in words: "L0 has 4 tables (trigger 4)"
 * @param score       how far over its limit the picked level is (1.0 = at the limit)
 * @param inputs      the input tables, level by level, shallowest first
 * @param outputLevel the level the outputs go to
 * @param trivialMove the one input table moves to the output level as it is: no merge
 * @param bottommost  no older data for these keys lies below the output level, so tombstones
 *                    can be dropped
 * @param pointers    compact pointers the task moves (leveled round-robin), empty otherwise
 */
public record Task(Style style, String reason, double score, List<Input> inputs, int outputLevel,
        boolean trivialMove, boolean bottommost, Map<Integer, Key> pointers) {

    /** The input tables of one level. */
    public record Input(int level, List<TableMeta> tables) {
        public Input {
            tables = List.copyOf(tables);
        }
    }

    public Task {
        inputs = List.copyOf(inputs);
        pointers = Map.copyOf(pointers);
        int tables = inputs.stream().mapToInt(in -> in.tables().size()).sum();
        if (trivialMove && tables != 1) {
            throw new IllegalArgumentException("a trivial move moves one table, not " + tables);
        }
    }

    /** Every input table, newest first: level by level, shallowest first, L0 newest first. */
    public List<TableMeta> inputTables() {
        List<TableMeta> all = new ArrayList<>();
        for (Input in : inputs) {
            all.addAll(in.tables());
        }
        return all;
    }

    public long inputBytes() {
        return inputTables().stream().mapToLong(TableMeta::bytes).sum();
    }

    /** The smallest key of any input. */
    public Key smallest() {
        return inputTables().stream().map(TableMeta::smallest).reduce(Key::min).orElseThrow();
    }

    /** The largest key of any input. */
    public Key largest() {
        return inputTables().stream().map(TableMeta::largest).reduce(Key::max).orElseThrow();
    }

    /**
     * The edit that installs this task's {@code outputs} (for a trivial move, the input table
     * itself): the inputs leave their levels, the outputs join the output level.
     */
    public Edit edit(List<TableMeta> outputs) {
        List<Long> removed = inputTables().stream().map(TableMeta::id).toList();
        List<Edit.Placed> added = outputs.stream().map(t -> new Edit.Placed(outputLevel, t)).toList();
        return new Edit(added, removed, pointers);
    }
}
