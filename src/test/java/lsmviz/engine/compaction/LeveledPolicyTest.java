package lsmviz.engine.compaction;

import static lsmviz.engine.compaction.Tables.at;
import static lsmviz.engine.compaction.Tables.ids;
import static lsmviz.engine.compaction.Tables.levels;
import static lsmviz.engine.compaction.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.CompactionOptions;
import org.junit.jupiter.api.Test;

class LeveledPolicyTest {
    /** L0 trigger 4, L1 100 bytes, each level 10x, L1..L4. */
    private final LeveledPolicy policy = new LeveledPolicy(CompactionOptions.defaults().withLevels(100, 10, 4), 1000);

    @Test
    void nothingIsPickedWhileL0IsBelowItsTrigger() {
        Levels l = levels(4, at(0, table(1, 10, "a", "z")), at(0, table(2, 10, "a", "z")), at(0, table(3, 10, "a", "z")));
        assertThat(policy.score(l, 0).score()).isEqualTo(0.75);
        assertThat(policy.pick(l)).isEmpty();
    }

    @Test
    void l0AtItsTriggerMergesAllOfL0WithTheL1TablesItOverlaps() {
        Levels l = levels(4, at(0, table(11, 10, "c", "e")), at(0, table(12, 10, "d", "h")), at(0, table(13, 10, "f", "g")),
                at(0, table(14, 10, "c", "d")), at(1, table(1, 10, "a", "b")), at(1, table(2, 10, "d", "e")),
                at(1, table(3, 10, "g", "i")), at(1, table(4, 10, "x", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("L0 has 4 tables (trigger 4)");
        assertThat(task.score()).isEqualTo(1.0);
        assertThat(task.inputs()).extracting(Task.Input::level).containsExactly(0, 1);
        assertThat(ids(task.inputs().get(0).tables())).containsExactly(14L, 13L, 12L, 11L);
        assertThat(ids(task.inputs().get(1).tables())).containsExactly(2L, 3L);
        assertThat(task.outputLevel()).isEqualTo(1);
        assertThat(task.trivialMove()).isFalse();
    }

    @Test
    void levelTargetsAreTheBaseTimesTheMultiplierPerLevelAndTheLastLevelHasNone() {
        assertThat(policy.target(1, 4)).isEqualTo(100);
        assertThat(policy.target(2, 4)).isEqualTo(1_000);
        assertThat(policy.target(3, 4)).isEqualTo(10_000);
        assertThat(policy.target(4, 4)).isEqualTo(-1);
        assertThat(policy.target(0, 4)).isEqualTo(-1);
        LeveledPolicy byMemtable = new LeveledPolicy(CompactionOptions.defaults().withLevels(0, 5, 4), 1000);
        assertThat(byMemtable.target(1, 4)).as("the default base: ten memtables").isEqualTo(10_000);
        assertThat(byMemtable.target(3, 4)).isEqualTo(250_000);
        LeveledPolicy huge = new LeveledPolicy(CompactionOptions.defaults().withLevels(1L << 40, 100, 16), 1000);
        assertThat(huge.target(15, 16)).as("no overflow").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aLevelScoresItsBytesOverItsTarget() {
        Levels l = levels(4, at(1, table(1, 150, "a", "b")), at(2, table(2, 500, "a", "b")), at(4, table(3, 99_999, "a", "b")));
        assertThat(policy.score(l, 1)).isEqualTo(new CompactionPolicy.LevelScore(1.5, 100));
        assertThat(policy.score(l, 2)).isEqualTo(new CompactionPolicy.LevelScore(0.5, 1_000));
        assertThat(policy.score(l, 4)).isEqualTo(new CompactionPolicy.LevelScore(0, -1));
    }

    @Test
    void theLevelWithTheHighestScoreCompactsFirst() {
        Levels l = levels(4, at(0, table(20, 1, "a", "b")), at(0, table(21, 1, "a", "b")), at(0, table(22, 1, "a", "b")),
                at(0, table(23, 1, "a", "b")), at(0, table(24, 1, "a", "b")), // L0 1.25
                at(1, table(1, 150, "c", "d")), // L1 1.5
                at(2, table(2, 1_200, "e", "f")), at(3, table(3, 10, "a", "z"))); // L2 1.2
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.inputs().get(0).level()).isEqualTo(1);
        assertThat(task.score()).isEqualTo(1.5);
        assertThat(task.reason()).isEqualTo("L1 holds 150 B, over its target of 100 B");
        Levels l0First = levels(4, at(0, table(20, 1, "a", "b")), at(0, table(21, 1, "a", "b")),
                at(0, table(22, 1, "a", "b")), at(0, table(23, 1, "a", "b")), at(0, table(24, 1, "a", "b")),
                at(1, table(1, 110, "c", "d")));
        assertThat(policy.pick(l0First).orElseThrow().inputs().get(0).level()).isEqualTo(0);
    }

    @Test
    void aLevelExactlyAtItsTargetIsDueAndTiesGoToTheShallowerLevel() {
        Levels l = levels(4, at(1, table(1, 100, "a", "b")), at(2, table(2, 1_000, "c", "d")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.inputs().get(0).level()).isEqualTo(1);
        assertThat(task.score()).isEqualTo(1.0);
    }

    @Test
    void successivePicksOfALevelGoRoundRobinByItsCompactPointer() {
        LeveledPolicy tiny = new LeveledPolicy(CompactionOptions.defaults().withLevels(10, 10, 3), 1000);
        Levels l = levels(3, at(1, table(1, 40, "a", "c")), at(1, table(2, 40, "d", "f")), at(1, table(3, 40, "g", "i")),
                at(2, table(4, 40, "a", "z")));
        List<Long> picked = new ArrayList<>();
        long next = 100;
        for (int i = 0; i < 3; i++) {
            Task task = tiny.pick(l).orElseThrow();
            TableMeta upper = task.inputs().get(0).tables().get(0);
            picked.add(upper.id());
            assertThat(task.pointers()).containsEntry(1, upper.largest());
            l = Tables.merged(tiny, l, task, next++);
            assertThat(l.pointer(1)).contains(upper.largest());
            l = l.apply(new Edit(List.of(at(1, table(upper.id() + 10, 40, upper.smallest().toString(),
                    upper.largest().toString()))), List.of(), java.util.Map.of())); // the key range is written again
        }
        assertThat(picked).containsExactly(1L, 2L, 3L);
        Task wrapped = tiny.pick(l).orElseThrow();
        assertThat(ids(wrapped.inputs().get(0).tables())).as("past the last table: the first").containsExactly(11L);
    }

    @Test
    void aTableThatOverlapsNothingBelowMovesDownAsItIs() {
        Levels l = levels(4, at(1, table(1, 150, "a", "c")), at(2, table(2, 10, "d", "z")), at(3, table(3, 10, "a", "b")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.trivialMove()).isTrue();
        assertThat(task.outputLevel()).isEqualTo(2);
        assertThat(task.inputs()).hasSize(1);
        CompactionPolicy.Applied applied = policy.apply(l, task, List.of(task.inputTables().get(0)));
        assertThat(applied.obsolete()).as("the file stays: it only changes level").isEmpty();
        assertThat(applied.levels().level(1)).isEmpty();
        assertThat(ids(applied.levels().level(2))).containsExactly(1L, 2L);
    }

    @Test
    void aTableThatOverlapsBelowMergesAndItsInputsBecomeObsolete() {
        Levels l = levels(4, at(1, table(1, 150, "c", "f")), at(2, table(2, 10, "a", "c")), at(2, table(3, 10, "d", "e")),
                at(2, table(4, 10, "g", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.trivialMove()).isFalse();
        assertThat(ids(task.inputs().get(1).tables())).containsExactly(2L, 3L);
        CompactionPolicy.Applied applied = policy.apply(l, task, List.of(table(9, 170, "a", "f")));
        assertThat(ids(applied.obsolete())).containsExactly(1L, 2L, 3L);
        assertThat(ids(applied.levels().level(2))).containsExactly(9L, 4L);
    }

    @Test
    void tablesFlushedWhileACompactionRanStayInL0() {
        Levels l = levels(4, at(0, table(1, 10, "a", "b")), at(0, table(2, 10, "a", "b")), at(0, table(3, 10, "a", "b")),
                at(0, table(4, 10, "a", "b")));
        Task task = policy.pick(l).orElseThrow();
        Levels now = l.withFlushed(table(5, 10, "a", "b"));
        Levels after = policy.apply(now, task, List.of(table(6, 40, "a", "b"))).levels();
        assertThat(ids(after.level(0))).containsExactly(5L);
        assertThat(ids(after.level(1))).containsExactly(6L);
    }

    @Test
    void tombstonesMayGoOnlyWhenNothingDeeperHoldsTheKeys() {
        Levels below = levels(4, at(1, table(1, 150, "c", "f")), at(2, table(2, 10, "a", "d")), at(4, table(3, 10, "e", "e")));
        assertThat(policy.pick(below).orElseThrow().bottommost()).isFalse();
        Levels elsewhere = levels(4, at(1, table(1, 150, "c", "f")), at(2, table(2, 10, "a", "d")),
                at(4, table(3, 10, "g", "z")));
        assertThat(policy.pick(elsewhere).orElseThrow().bottommost()).isTrue();
        Levels widened = levels(4, at(1, table(1, 150, "c", "f")), at(2, table(2, 10, "a", "d")),
                at(3, table(3, 10, "a", "b")));
        assertThat(policy.pick(widened).orElseThrow().bottommost())
                .as("the L2 table it merges with widens the range to a..f").isFalse();
    }

    @Test
    void aFullCompactionGoesToTheShallowestLevelThatHoldsEverything() {
        Levels l = levels(4, at(0, table(7, 300, "a", "k")), at(1, table(1, 50, "a", "b")), at(3, table(2, 200, "c", "d")));
        Task task = policy.full(l).orElseThrow();
        assertThat(task.outputLevel()).as("550 bytes: over L1's 100, within L2's 1000").isEqualTo(2);
        assertThat(task.bottommost()).isTrue();
        assertThat(ids(task.inputTables())).containsExactly(7L, 1L, 2L);
        Levels all = levels(4, at(0, table(7, 20_000, "a", "k")));
        assertThat(policy.full(all).orElseThrow().outputLevel()).isEqualTo(4);
        assertThat(policy.full(Levels.empty(4))).isEmpty();
    }
}
