package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lsmviz.engine.state.Levels;
import lsmviz.engine.types.CompactionOptions.Style;

/**
 * No compaction: every flush adds an L0 table and it stays, however many pile up. Only a user's
 * request ({@code compact}) merges them, all into L1.
 */
public final class NoCompactionPolicy implements CompactionPolicy {
    @Override
    public Optional<Task> pick(Levels levels) {
        return Optional.empty();
    }

    @Override
    public Optional<Task> full(Levels levels) {
        if (levels.tableCount() == 0) {
            return Optional.empty();
        }
        List<Task.Input> inputs = new ArrayList<>();
        for (int n = 0; n <= levels.maxLevel(); n++) {
            if (!levels.level(n).isEmpty()) {
                inputs.add(new Task.Input(n, levels.level(n)));
            }
        }
        return Optional.of(new Task(Style.NONE, "a full compaction was asked for", 0, inputs, 1, false, true,
                Map.of()));
    }

    @Override
    public LevelScore score(Levels levels, int n) {
        return new LevelScore(0, -1);
    }
}
