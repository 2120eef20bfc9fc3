package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;

/** Test tables and levels, built from plain words: {@code table(7, 100, "a", "m")}. */
final class Tables {
    private Tables() {}

    /** Table {@code id} of {@code bytes} bytes (one entry per byte) holding keys {@code from}..{@code to}. */
    static TableMeta table(long id, long bytes, String from, String to) {
        return new TableMeta(id, bytes, bytes, Key.of(from), Key.of(to));
    }

    static Edit.Placed at(int level, TableMeta table) {
        return new Edit.Placed(level, table);
    }

    /** Levels L0..L{@code maxLevels} holding {@code placed}. */
    static Levels levels(int maxLevels, Edit.Placed... placed) {
        return Levels.empty(maxLevels).apply(new Edit(List.of(placed), List.of(), Map.of()));
    }

    /** The ids of {@code tables}, in their order. */
    static List<Long> ids(List<TableMeta> tables) {
        return tables.stream().map(TableMeta::id).toList();
    }

    /** The levels after {@code task}, with its outputs made as one table {@code id} covering all its keys. */
    static Levels merged(CompactionPolicy policy, Levels levels, Task task, long id) {
        List<TableMeta> outputs = new ArrayList<>();
        if (task.trivialMove()) {
            outputs.add(task.inputTables().get(0));
        } else {
            outputs.add(new TableMeta(id, task.inputBytes(), task.inputBytes(), task.smallest(), task.largest()));
        }
        return policy.apply(levels, task, outputs).levels();
    }
}
