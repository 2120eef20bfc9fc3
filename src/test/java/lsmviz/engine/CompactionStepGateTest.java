package lsmviz.engine;

import static lsmviz.engine.CompactionTestSupport.fillL0;
import static lsmviz.engine.CompactionTestSupport.manualCompaction;
import static lsmviz.engine.CompactionTestSupport.table;
import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.CompactionTestSupport.Call;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The compactor paused at its probe points: what other threads can do meanwhile, and what they wait for. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompactionStepGateTest {
    @TempDir
    Path dir;

    private static void pauseAt(StepGate gate, ProbePoint point) {
        gate.setBreakpoints(EnumSet.of(point));
        gate.setMode(StepMode.STEP);
    }

    private static void release(StepGate gate) {
        gate.setBreakpoints(EnumSet.noneOf(ProbePoint.class));
        gate.setMode(StepMode.RUN);
        gate.continueAll();
    }

    /**
     * Paused before the install (picking, merging, sealing an output: no engine lock held), a
     * freeze and a flush go through; the install that follows keeps the new L0 table, whose keys
     * (and its newer version of an old key) stay readable, then and after a reopen.
     */
    @ParameterizedTest
    @EnumSource(value = ProbePoint.class, names = {"COMPACT_PICK", "COMPACT_MERGE_RECORD", "COMPACT_SEAL_OUTPUT"})
    void aFlushFinishingDuringACompactionKeepsItsTable(ProbePoint point) throws Exception {
        Recorder rec = new Recorder();
        TreeMap<String, String> model;
        long flushed;
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            model = fillL0(e, "a", 3, 100);
            List<Long> inputs = e.snapshot().sstables().stream().map(SSTableSummary::id).toList();
            StepGate gate = e.stepGate();
            pauseAt(gate, point);
            Call<Boolean> compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(gate.awaitPaused(point, 10, TimeUnit.SECONDS)).as("the compactor reached " + point).isTrue();
            assertThat(gate.paused()).extracting(PausedThread::thread).containsExactly(LsmEngine.COMPACTOR_THREAD);
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).holders()).isEmpty();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();

            for (int i = 0; i < 50; i++) {
                String k = "b" + String.format("%04d", i);
                e.put(b(k), b("flushed-during-" + point));
                model.put(k, "flushed-during-" + point);
            }
            e.put(b("a0007"), b("newer"));
            model.put("a0007", "newer");
            assertThat(e.freeze()).isTrue();
            assertThat(e.flushOldest()).as("a flush while the compactor is paused at " + point).isTrue();
            flushed = rec.of(EngineEvent.FlushFinished.class).get(3).sstableId();
            assertThat(compaction.isAlive()).isTrue();

            release(gate);
            assertThat(compaction.join20()).isTrue();
            EngineEvent.CompactionInstalled installed = rec.of(EngineEvent.CompactionInstalled.class).get(0);
            assertThat(installed.removed()).as("only the picked tables leave").containsExactlyInAnyOrderElementsOf(inputs);
            SSTableSummary kept = table(e, flushed);
            assertThat(kept).as("table %d flushed during the compaction is still in the levels", flushed).isNotNull();
            assertThat(kept.level()).isZero();
            assertThat(Files.exists(Path.of(kept.path()))).isTrue();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::id).doesNotContainAnyElementsOf(inputs);
            CompactionEngineTest.checkLevels(e.snapshot(), "after the install");
            assertModel(e, model);
        }
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            assertThat(table(e, flushed)).as("reopened: table %d", flushed).isNotNull();
            assertModel(e, model);
        }
    }

    private static void assertModel(LsmEngine e, TreeMap<String, String> model) {
        model.forEach((k, v) -> assertThat(s(e.get(b(k)))).as("get %s", k).isEqualTo(v));
        assertThat(e.scan(null, null)).extracting(kv -> s(kv.key()), kv -> s(kv.value()))
                .containsExactlyElementsOf(model.entrySet().stream().map(en -> tuple(en.getKey(), en.getValue())).toList());
    }

    /**
     * Paused at the install, the compactor holds the freeze lock (and no state lock): a freeze
     * queues behind it, seen in the lock table and as a lock request, while gets go on; once
     * released, the install finishes first and the freeze after it.
     */
    @org.junit.jupiter.api.Test
    void aCompactorPausedAtTheInstallBlocksAFreezeButNotAReader() throws Exception {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            TreeMap<String, String> model = fillL0(e, "a", 3, 100);
            StepGate gate = e.stepGate();
            pauseAt(gate, ProbePoint.COMPACT_INSTALL);
            Call<Boolean> compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(gate.awaitPaused(ProbePoint.COMPACT_INSTALL, 10, TimeUnit.SECONDS)).isTrue();
            LockView freezeLock = e.lockTable().view(LsmEngine.FREEZE_LOCK);
            assertThat(freezeLock.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple(LsmEngine.COMPACTOR_THREAD, LockMode.EXCLUSIVE));
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();

            e.put(b("z"), b("in the memtable the freezer wants"));
            Call<Boolean> freezer = new Call<>("freezer", e::freeze);
            within(10).until(() -> e.lockTable().view(LsmEngine.FREEZE_LOCK).isAwaitedBy("freezer", LockMode.EXCLUSIVE)
                    && freezer.getState() == Thread.State.WAITING);
            LockView queued = e.lockTable().view(LsmEngine.FREEZE_LOCK);
            assertThat(queued.holders()).extracting(LockView.Holder::thread).containsExactly(LsmEngine.COMPACTOR_THREAD);
            assertThat(queued.waiters()).extracting(LockView.Waiter::thread, LockView.Waiter::mode)
                    .containsExactly(tuple("freezer", LockMode.EXCLUSIVE));
            assertThat(rec.of(EngineEvent.LockRequested.class)).filteredOn(r -> r.thread().equals("freezer"))
                    .extracting(EngineEvent.LockRequested::lock).containsExactly(LsmEngine.FREEZE_LOCK);

            Call<String> reader = new Call<>("reader", () -> s(e.get(b("a0001"))));
            assertThat(reader.join20()).as("a get needs no freeze lock").isEqualTo(model.get("a0001"));
            assertThat(compaction.isAlive() && freezer.isAlive()).isTrue();
            assertThat(rec.of(EngineEvent.CompactionInstalled.class)).isEmpty();

            release(gate);
            assertThat(compaction.join20()).isTrue();
            assertThat(freezer.join20()).as("the queued freeze ran after the install").isTrue();
            long installedAt = rec.of(EngineEvent.CompactionInstalled.class).get(0).seq();
            EngineEvent.MemtableFrozen frozen = rec.of(EngineEvent.MemtableFrozen.class).stream()
                    .filter(f -> f.thread().equals("freezer")).findFirst().orElseThrow();
            assertThat(frozen.seq()).isGreaterThan(installedAt);
            EngineEvent.LockAcquired got = rec.of(EngineEvent.LockAcquired.class).stream()
                    .filter(a -> a.thread().equals("freezer") && a.lock().equals(LsmEngine.FREEZE_LOCK)).findFirst()
                    .orElseThrow();
            assertThat(got.waitedNanos()).isPositive();
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).holders()).isEmpty();
            model.put("z", "in the memtable the freezer wants");
            assertModel(e, model);
        }
    }

    /** After the install, deleting the obsolete files holds no lock: a freeze and a flush go through. */
    @org.junit.jupiter.api.Test
    void aCompactorPausedBeforeDeletingObsoleteTablesHoldsNoLock() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            TreeMap<String, String> model = fillL0(e, "a", 3, 100);
            StepGate gate = e.stepGate();
            pauseAt(gate, ProbePoint.COMPACT_DELETE_OBSOLETE);
            Call<Boolean> compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(gate.awaitPaused(ProbePoint.COMPACT_DELETE_OBSOLETE, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).holders()).isEmpty();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::level).doesNotContain(0);
            e.put(b("z"), b("1"));
            model.put("z", "1");
            assertThat(e.freeze()).isTrue();
            assertThat(e.flushOldest()).isTrue();
            release(gate);
            assertThat(compaction.join20()).isTrue();
            assertModel(e, model);
        }
    }
}
