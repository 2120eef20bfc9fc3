package lsmviz.engine.compaction;

import java.util.List;
import java.util.Optional;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;

/**
 * A compaction style as a pure policy, the way mini-lsm separates them: it looks at the levels and
 * says what to compact, and how the levels look once that is done. Plain Java, no files, no
 * threads: the engine, recovery and the simulator run the same code.
 */
public interface CompactionPolicy {

    /** The compaction to run next, or empty when every level is within its limits. */
    Optional<Task> pick(Levels levels);

    /** A compaction of everything (a user asked: {@code compact}), or empty when there are no tables. */
    Optional<Task> full(Levels levels);

    /** How full level {@code n} is: its score (1.0 = compaction is due) and target (-1: none). */
    LevelScore score(Levels levels, int n);

    /**
     * How the levels look after {@code task} wrote {@code outputs}. {@code levels} is the state
     * now, which may hold tables flushed to L0 while the task ran: only the task's inputs leave.
     */
    default Applied apply(Levels levels, Task task, List<TableMeta> outputs) {
        Edit edit = task.edit(outputs);
        Levels next = levels.apply(edit);
        List<TableMeta> obsolete = task.trivialMove() ? List.of() : task.inputTables();
        return new Applied(next, obsolete, edit);
    }

    /** A level's fullness: {@code score} 1.0 means compaction is due; {@code targetBytes} -1: no target. */
    record LevelScore(double score, long targetBytes) {}

    /**
     * The result of a compaction.
     *
     * @param levels   the levels after it
     * @param obsolete tables no longer in any level, whose files can go once no reader uses them
     * @param edit     the change, as the manifest records it
     */
    record Applied(Levels levels, List<TableMeta> obsolete, Edit edit) {}
}
