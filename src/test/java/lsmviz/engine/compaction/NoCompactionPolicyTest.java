package lsmviz.engine.compaction;

import static lsmviz.engine.compaction.Tables.at;
import static lsmviz.engine.compaction.Tables.ids;
import static lsmviz.engine.compaction.Tables.levels;
import static lsmviz.engine.compaction.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.engine.state.Levels;
import lsmviz.engine.types.CompactionOptions;
import org.junit.jupiter.api.Test;

class NoCompactionPolicyTest {
    private final CompactionPolicy policy =
            CompactionPolicies.of(CompactionOptions.defaults().withStyle(CompactionOptions.Style.NONE), 1000);

    @Test
    void neverPicksHoweverManyTablesPileUpInL0() {
        Levels l = Levels.empty(3);
        for (long id = 1; id <= 100; id++) {
            l = l.withFlushed(table(id, 1000, "a", "z"));
        }
        assertThat(policy).isInstanceOf(NoCompactionPolicy.class);
        assertThat(policy.pick(l)).isEmpty();
        assertThat(policy.score(l, 0).score()).isZero();
        assertThat(policy.score(l, 0).targetBytes()).isEqualTo(-1);
    }

    @Test
    void aFullCompactionMergesEverythingIntoL1() {
        Levels l = levels(3, at(0, table(7, 10, "a", "k")), at(0, table(8, 10, "c", "z")), at(2, table(3, 10, "b", "d")));
        Task task = policy.full(l).orElseThrow();
        assertThat(task.outputLevel()).isEqualTo(1);
        assertThat(task.bottommost()).isTrue();
        assertThat(task.trivialMove()).isFalse();
        assertThat(ids(task.inputTables())).containsExactly(8L, 7L, 3L);
        Levels after = Tables.merged(policy, l, task, 20);
        assertThat(after.level(0)).isEmpty();
        assertThat(after.level(2)).isEmpty();
        assertThat(ids(after.level(1))).containsExactly(20L);
    }

    @Test
    void aFullCompactionOfNothingIsNothing() {
        assertThat(policy.full(Levels.empty(3))).isEmpty();
    }
}
