package lsmviz.engine.compaction;

import static lsmviz.engine.compaction.Tables.at;
import static lsmviz.engine.compaction.Tables.ids;
import static lsmviz.engine.compaction.Tables.levels;
import static lsmviz.engine.compaction.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import lsmviz.engine.state.Levels;
import lsmviz.engine.types.CompactionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TieredPolicyTest {
    /** Run trigger 4, space amplification 200 %, size ratio 1 %, L1..L7. */
    private final CompactionPolicy policy =
            CompactionPolicies.of(CompactionOptions.defaults().withStyle(CompactionOptions.Style.TIERED), 1000);

    @Test
    void nothingIsPickedWithFewerRunsThanTheTrigger() {
        Levels l = levels(7, at(0, table(3, 1000, "a", "z")), at(0, table(2, 1000, "a", "z")), at(7, table(1, 1, "a", "z")));
        assertThat(policy).isInstanceOf(TieredPolicy.class);
        assertThat(policy.pick(l)).as("3 runs, though space amplification is 200000%").isEmpty();
        assertThat(policy.score(l, 0).score()).isEqualTo(0.75);
    }

    @Test
    void spaceAmplificationMergesEveryRunIntoTheLastLevel() {
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(0, table(12, 100, "a", "z")), at(5, table(1, 40, "a", "k")), at(5, table(2, 60, "l", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("space amplification 300% > 200%");
        assertThat(task.score()).isEqualTo(1.5);
        assertThat(task.outputLevel()).isEqualTo(7);
        assertThat(task.bottommost()).isTrue();
        assertThat(ids(task.inputTables())).containsExactly(14L, 13L, 12L, 1L, 2L);
        Levels after = Tables.merged(policy, l, task, 20);
        assertThat(after.sortedRuns()).isEqualTo(1);
        assertThat(ids(after.level(7))).containsExactly(20L);
    }

    @Test
    void spaceAmplificationExactlyAtItsLimitDoesNotTrigger() {
        // newer runs: 100 + 100 + 100 = 300 bytes, the oldest 150: exactly 200 %
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(6, table(1, 100, "a", "z")), at(7, table(2, 150, "a", "z")));
        assertThat(policy.pick(l).orElseThrow().reason()).isEqualTo("size ratio: 4 runs");
    }

    @Test
    void sizeRatioMergesTheNewestRunsWhileEachNextIsNotMuchLarger() {
        // 100, 100 (<= 101), 200 (<= 202), then 1000 (> 404): three runs
        Levels l = levels(7, at(0, table(14, 100, "a", "m")), at(0, table(13, 100, "c", "z")),
                at(6, table(1, 200, "b", "y")), at(7, table(2, 1000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).as("not the run count's 2 runs").isEqualTo("size ratio: 3 runs");
        assertThat(task.score()).isEqualTo(1.0);
        assertThat(task.inputs()).extracting(Task.Input::level).containsExactly(0, 6);
        assertThat(task.outputLevel()).as("the oldest input's level").isEqualTo(6);
        assertThat(task.bottommost()).as("L7 holds the same keys").isFalse();
    }

    @Test
    void aRunJustOverTheRatioStopsTheSizeRatioMerge() {
        // 100, 100 (<= 101), then 203 (> 202): two runs
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(6, table(1, 203, "a", "z")), at(7, table(2, 1000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("size ratio: 2 runs");
        assertThat(task.inputs()).extracting(Task.Input::level).containsExactly(0);
        assertThat(task.outputLevel()).as("the deepest level above L6").isEqualTo(5);
    }

    @Test
    void withNoSizeRatioMergeTheNewestRunsMergeToBringTheCountDown() {
        // 10, then 1000 (> 10.1): one run, too few; four runs: the newest 4 - 4 + 2 = 2 merge
        Levels l = levels(7, at(0, table(14, 10, "a", "z")), at(5, table(1, 1000, "a", "z")),
                at(6, table(2, 1000, "a", "z")), at(7, table(3, 10_000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("4 sorted runs (trigger 4)");
        assertThat(ids(task.inputTables())).containsExactly(14L, 1L);
        assertThat(task.outputLevel()).isEqualTo(5);
        assertThat(Tables.merged(policy, l, task, 20).sortedRuns()).isEqualTo(3);
    }

    @Test
    void theRunCountMergeTakesEnoughRunsToLeaveOneFewerThanTheTrigger() {
        Levels l = levels(7, at(0, table(14, 10, "a", "z")), at(3, table(1, 1000, "a", "z")),
                at(4, table(2, 100_000, "a", "z")), at(5, table(3, 10_000, "a", "z")), at(6, table(4, 10_000, "a", "z")),
                at(7, table(5, 1_000_000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("6 sorted runs (trigger 4)");
        assertThat(task.inputs()).extracting(Task.Input::level).containsExactly(0, 3, 4, 5);
        assertThat(task.outputLevel()).isEqualTo(5);
        assertThat(Tables.merged(policy, l, task, 20).sortedRuns()).isEqualTo(3);
    }

    @Test
    void mergedL0TablesGoToTheDeepestLevelAboveEveryOlderRun() {
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(0, table(12, 100, "a", "z")), at(7, table(1, 1000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("size ratio: 3 runs");
        assertThat(task.outputLevel()).isEqualTo(6);
        Levels first = levels(7, at(0, table(4, 1, "a", "z")), at(0, table(3, 1, "a", "z")),
                at(0, table(2, 1, "a", "z")), at(0, table(1, 1, "a", "z")));
        assertThat(policy.pick(first).orElseThrow().outputLevel()).as("no level run: the last level").isEqualTo(7);
    }

    @Test
    void withL1HoldingARunL1JoinsTheMergeOfL0Tables() {
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(1, table(1, 1000, "a", "z")), at(2, table(2, 5000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("size ratio: 2 runs, with L1 (no empty level above it)");
        assertThat(task.inputs()).extracting(Task.Input::level).containsExactly(0, 1);
        assertThat(task.outputLevel()).isEqualTo(1);
    }

    @Test
    void aMergeThatWouldLeaveOlderL0TablesBehindTakesTheRestOfL0() {
        // run count: the newest 2 (14, 13); 12 is older and L0 is read before L6: it would hide them
        Levels l = levels(7, at(0, table(14, 10, "a", "z")), at(0, table(13, 1000, "a", "z")),
                at(0, table(12, 1000, "a", "z")), at(7, table(1, 10_000, "a", "z")));
        Task task = policy.pick(l).orElseThrow();
        assertThat(task.reason()).isEqualTo("4 sorted runs (trigger 4), with the rest of L0");
        assertThat(ids(task.inputTables())).containsExactly(14L, 13L, 12L);
        assertThat(task.outputLevel()).isEqualTo(6);
    }

    @Test
    void tombstonesMayGoOnlyWhenNoOlderRunBelowHoldsTheKeys() {
        Levels overlapping = levels(7, at(0, table(14, 100, "c", "f")), at(0, table(13, 100, "c", "f")),
                at(0, table(12, 100, "c", "f")), at(7, table(1, 1000, "a", "d")));
        assertThat(policy.pick(overlapping).orElseThrow().bottommost()).isFalse();
        Levels disjoint = levels(7, at(0, table(14, 100, "c", "f")), at(0, table(13, 100, "c", "f")),
                at(0, table(12, 100, "c", "f")), at(7, table(1, 1000, "g", "z")));
        assertThat(policy.pick(disjoint).orElseThrow().bottommost()).isTrue();
    }

    @Test
    void aFullCompactionMergesEverythingIntoTheLastLevel() {
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(3, table(1, 1000, "a", "z")));
        Task task = policy.full(l).orElseThrow();
        assertThat(task.outputLevel()).isEqualTo(7);
        assertThat(task.bottommost()).isTrue();
        assertThat(ids(task.inputTables())).containsExactly(14L, 1L);
        assertThat(policy.full(Levels.empty(7))).isEmpty();
    }

    @Test
    void scoresAreTheRunsOverTheTriggerAndTheOldestRunsSpaceAmplificationWithNoTargets() {
        Levels l = levels(7, at(0, table(14, 100, "a", "z")), at(0, table(13, 100, "a", "z")),
                at(3, table(1, 200, "a", "z")), at(6, table(2, 400, "a", "z")));
        assertThat(policy.score(l, 0)).isEqualTo(new CompactionPolicy.LevelScore(1.0, -1));
        assertThat(policy.score(l, 6)).as("400 over 400 bytes: 100% of 200%")
                .isEqualTo(new CompactionPolicy.LevelScore(0.5, -1));
        assertThat(policy.score(l, 3)).isEqualTo(new CompactionPolicy.LevelScore(0, -1));
        assertThat(policy.score(l, 7)).isEqualTo(new CompactionPolicy.LevelScore(0, -1));
    }

    /**
     * Flushes of random sizes, each merged as the policy says until it picks nothing: the runs
     * stay below the trigger, and every run holds only data newer than every run after it (which
     * is what makes a read that stops at the first run holding a key right).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void runsStayBoundedAndNewestFirstAcrossManyFlushes(int maxLevels) {
        CompactionPolicy tiered = new TieredPolicy(CompactionOptions.defaults()
                .withStyle(CompactionOptions.Style.TIERED).withLevels(0, 10, maxLevels));
        Random random = new Random(maxLevels);
        Map<Long, long[]> flushes = new HashMap<>(); // table id -> its oldest and newest flush
        TreeSet<String> reasons = new TreeSet<>();
        Levels l = Levels.empty(maxLevels);
        long nextId = 1;
        for (long flush = 1; flush <= 400; flush++) {
            long id = nextId++;
            flushes.put(id, new long[] {flush, flush});
            l = l.withFlushed(table(id, 1 + random.nextInt(random.nextBoolean() ? 10 : 2000), "a", "z"));
            for (Optional<Task> task = tiered.pick(l); task.isPresent(); task = tiered.pick(l)) {
                long out = nextId++;
                long oldest = task.get().inputTables().stream().mapToLong(t -> flushes.get(t.id())[0]).min().orElseThrow();
                long newest = task.get().inputTables().stream().mapToLong(t -> flushes.get(t.id())[1]).max().orElseThrow();
                flushes.put(out, new long[] {oldest, newest});
                reasons.add(task.get().reason().replaceAll("[0-9]+", "N"));
                l = Tables.merged(tiered, l, task.get(), out);
            }
            assertThat(l.sortedRuns()).isLessThan(4);
            List<TieredPolicy.Run> runs = TieredPolicy.runs(l);
            for (int i = 1; i < runs.size(); i++) {
                long newerRunsOldest = runs.get(i - 1).tables().stream().mapToLong(t -> flushes.get(t.id())[0]).min()
                        .orElseThrow();
                long olderRunsNewest = runs.get(i).tables().stream().mapToLong(t -> flushes.get(t.id())[1]).max()
                        .orElseThrow();
                assertThat(newerRunsOldest).as("after flush %d: %s", flush, l).isGreaterThan(olderRunsNewest);
            }
        }
        assertThat(reasons).as("all three triggers fired").anyMatch(r -> r.startsWith("space amplification"))
                .anyMatch(r -> r.startsWith("size ratio")).anyMatch(r -> r.startsWith("N sorted runs"));
    }
}
