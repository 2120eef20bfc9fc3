package lsmviz.engine;

import static lsmviz.engine.CompactionTestSupport.fillL0;
import static lsmviz.engine.CompactionTestSupport.manualCompaction;
import static lsmviz.engine.CompactionTestSupport.sstFiles;
import static lsmviz.engine.CompactionTestSupport.tableFiles;
import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.CompactionTestSupport.Call;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.io.FaultyFileIO;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A compaction that fails, or that the engine's close interrupts: nothing half-done stays. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompactionFailureTest {
    @TempDir
    Path dir;

    private static void assertModel(LsmEngine e, TreeMap<String, String> model) {
        model.forEach((k, v) -> assertThat(s(e.get(b(k)))).as("get %s", k).isEqualTo(v));
        assertThat(e.scan(null, null)).hasSize(model.size());
    }

    @Test
    void aCompactionThatCannotWriteLeavesNoOutputKeepsTheReadsAndStopsTheWrites() throws Exception {
        FaultyFileIO io = new FaultyFileIO();
        Recorder rec = new Recorder();
        TreeMap<String, String> model;
        TreeSet<String> before;
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec, io)) {
            model = fillL0(e, "k", 3, 150);
            before = tableFiles(e.snapshot());
            io.diskFullAfter(5000); // the first output table fits, the second does not
            assertThatThrownBy(e::compactOnce).hasMessageContaining("compaction #1 failed");
            // nothing the compaction wrote survives, and writes stop at once, with the reason
            assertThat(rec.of(EngineEvent.CompactionFailed.class)).extracting(EngineEvent.CompactionFailed::message)
                    .singleElement().asString().contains("No space left on device");
            assertThatThrownBy(() -> e.put(b("after"), b("1"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("background compaction failed");
            io.diskHasRoom();
            assertThat(sstFiles(dir)).isEqualTo(before).isEqualTo(tableFiles(e.snapshot()));
            assertThat(rec.of(EngineEvent.CompactionInstalled.class)).isEmpty();
            assertModel(e, model);
            assertThat(e.awaitCompactions(1000)).as("nothing runs after a failure").isTrue();
            assertThatThrownBy(e::compactOnce).hasMessageContaining("background compaction failed");
        }
        Recorder reopened = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), reopened)) {
            assertThat(reopened.of(EngineEvent.FileRemoved.class)).isEmpty();
            assertModel(e, model);
            assertThat(e.compactOnce()).as("with room on the disk, it compacts").isTrue();
            assertModel(e, model);
        }
    }

    /** Closing abandons a merge under way: its outputs are deleted, the inputs stay, the next open finds nothing to clean. */
    @Test
    void closingDuringAMergeAbandonsItAndLeavesNoOutput() throws Exception {
        Recorder rec = new Recorder();
        TreeMap<String, String> model;
        TreeSet<String> inputs;
        Call<Boolean> compaction;
        LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec);
        try {
            model = fillL0(e, "k", 3, 150);
            inputs = tableFiles(e.snapshot());
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_SEAL_OUTPUT));
            e.stepGate().setMode(StepMode.STEP);
            compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_SEAL_OUTPUT, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(sstFiles(dir)).as("an output is written").hasSizeGreaterThan(inputs.size());
        } finally {
            e.close(); // releases the gate; the merge stops at its next record
        }
        compaction.join(20_000);
        assertThat(compaction.isAlive()).isFalse();
        assertThat(compaction.failure.get()).as("the caller hears the engine closed")
                .hasMessageContaining("the engine is closed");
        assertThat(rec.of(EngineEvent.CompactionInstalled.class)).isEmpty();
        assertThat(rec.of(EngineEvent.CompactionFailed.class)).as("abandoned, not failed").isEmpty();
        assertThat(sstFiles(dir)).isEqualTo(inputs);
        Recorder reopened = new Recorder();
        try (LsmEngine again = LsmEngine.open(dir, manualCompaction(), reopened)) {
            assertThat(reopened.of(EngineEvent.FileRemoved.class)).isEmpty();
            assertThat(tableFiles(again.snapshot())).isEqualTo(inputs);
            assertModel(again, model);
        }
    }

    /** Closing while the compactor waits at the install lets the install finish: it is all or nothing. */
    @Test
    void closingDuringTheInstallLetsItFinish() throws Exception {
        Recorder rec = new Recorder();
        TreeMap<String, String> model;
        TreeSet<String> after;
        Call<Boolean> compaction;
        LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec);
        try {
            model = fillL0(e, "k", 3, 150);
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_INSTALL));
            e.stepGate().setMode(StepMode.STEP);
            compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 10, TimeUnit.SECONDS)).isTrue();
        } finally {
            e.close();
        }
        assertThat(compaction.join20()).isTrue();
        assertThat(rec.of(EngineEvent.CompactionInstalled.class)).hasSize(1);
        after = sstFiles(dir);
        Recorder reopened = new Recorder();
        try (LsmEngine again = LsmEngine.open(dir, manualCompaction(), reopened)) {
            assertThat(reopened.of(EngineEvent.FileRemoved.class)).isEmpty();
            assertThat(tableFiles(again.snapshot())).isEqualTo(after);
            assertThat(again.snapshot().sstables()).extracting(t -> t.level()).doesNotContain(0);
            assertModel(again, model);
        }
    }

    /**
     * The caller of a compaction that failed hears of it only once the engine has stopped taking
     * writes: a write right after it fails, every time.
     */
    @Test
    void aWriteRightAfterACompactionFailedIsRefused() throws Exception {
        for (int round = 0; round < 40; round++) {
            Path d = dir.resolve("round-" + round);
            FaultyFileIO io = new FaultyFileIO();
            try (LsmEngine e = LsmEngine.open(d, manualCompaction(), null, io)) {
                fillL0(e, "k", 2, 20);
                io.diskFullAfter(0);
                Throwable failed = null;
                try {
                    e.compactOnce();
                } catch (RuntimeException ex) {
                    failed = ex;
                }
                Throwable refused = null;
                try {
                    e.delete(b("k0001"));
                } catch (RuntimeException ex) {
                    refused = ex;
                }
                io.diskHasRoom();
                assertThat(failed).as("round %d: the compaction failed", round).isNotNull();
                assertThat(refused).as("round %d: the write right after it", round).isNotNull()
                        .hasMessageContaining("background compaction failed");
            }
        }
    }

    @Test
    void deletingEveryKeyThenCompactingLeavesNoTable() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            fillL0(e, "k", 3, 150);
            e.compact();
            for (int i = 0; i < 150; i++) {
                e.delete(b("k" + String.format("%04d", i)));
            }
            e.compact();
            assertThat(e.snapshot().sstables()).isEmpty();
            assertThat(sstFiles(dir)).isEmpty();
            assertThat(e.scan(null, null)).isEmpty();
            assertThat(e.get(b("k0001"))).isNull();
        }
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            assertThat(e.snapshot().sstables()).isEmpty();
            assertThat(e.scan(null, null)).isEmpty();
        }
    }
}
