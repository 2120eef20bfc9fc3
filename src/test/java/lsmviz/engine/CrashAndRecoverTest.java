package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.background;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash a live engine (simulated, in this process) and open its directory again, checked against
 * a model of what was acknowledged: a put counts once it returned. A process crash and a power cut
 * with {@code sync} or {@code group} lose nothing acknowledged; a power cut with {@code sync none}
 * may lose the latest writes, but never invents or mixes up a value.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashAndRecoverTest {
    @TempDir
    Path dir;

    /** Writers that record each put that returned; they stop at the first failure (the crash). */
    private static final class Writers {
        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        final Map<String, String> attempted = new ConcurrentHashMap<>();
        final AtomicLong acks = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();

        Writers(LsmEngine e, int count) {
            for (int w = 0; w < count; w++) {
                int id = w;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            String k = String.format("w%d-%06d", id, i);
                            String v = "value-" + id + "-" + i;
                            attempted.put(k, v);
                            e.put(b(k), b(v));
                            acknowledged.put(k, v);
                            acks.incrementAndGet();
                        }
                    } catch (RuntimeException stopped) {
                        // the crash: this put was not acknowledged
                    }
                }, "writer-" + w));
            }
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join(30_000);
                assertThat(t.isAlive()).as(t.getName() + " ended after the crash").isFalse();
            }
        }
    }

    private static Options options(SyncMode mode) {
        return background(4096).withSyncMode(mode).withCompaction(CompactionOptions.defaults().withStyle(CompactionOptions.Style.LEVELED).withL0(2, 8, 12).withLevels(16 << 10, 4, 4));
    }

    @ParameterizedTest(name = "{0} with sync {1}")
    @CsvSource({"PROCESS, NONE", "PROCESS, SYNC", "PROCESS, GROUP", "POWER, SYNC", "POWER, GROUP", "POWER, NONE"})
    void aCrashWithWritersFlushesAndCompactionsRunningLosesOnlyWhatItsSyncModeAllows(CrashKind kind, SyncMode mode)
            throws Exception {
        Options options = options(mode);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        Writers w = new Writers(e, 3);
        within(60).until(() -> w.acks.get() >= 3000 && e.levels(false).levels().stream().anyMatch(l -> l.level() > 0
                && l.tables() > 0));
        CrashReport report = e.crash(kind);
        w.join();
        assertThat(report.kind()).isEqualTo(kind);
        assertThatThrownBy(() -> e.put(b("after"), b("crash"))).hasMessageContaining("dead");
        e.close(); // a no-op on a dead engine

        try (LsmEngine again = LsmEngine.open(dir, options)) {
            long lost = 0;
            for (Map.Entry<String, String> ack : w.acknowledged.entrySet()) {
                byte[] got = again.get(b(ack.getKey()));
                if (got == null) {
                    lost++;
                } else {
                    assertThat(new String(got)).isEqualTo(ack.getValue());
                }
            }
            boolean mayLose = kind == CrashKind.POWER && mode == SyncMode.NONE;
            if (!mayLose) {
                assertThat(lost).as("acknowledged writes lost by a %s with sync %s", kind, mode).isZero();
            }
            // nothing invented: every key found was written with that value
            for (var kv : again.scan(null, null)) {
                String k = new String(kv.key());
                assertThat(w.attempted).containsEntry(k, new String(kv.value()));
            }
        }
    }

    /** The new log's name (and the new manifest's) is fsynced into the directory before a write in it is acknowledged. */
    @ParameterizedTest
    @CsvSource({"SYNC", "GROUP"})
    void aPowerCutRightAfterTheFirstSyncedWriteKeepsIt(SyncMode mode) throws Exception {
        Options options = Options.defaults().withSyncMode(mode);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        e.put(b("apple"), b("red"));
        e.crash(CrashKind.POWER);
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            assertThat(again.get(b("apple"))).isEqualTo(b("red"));
        }
        LsmEngine third = LsmEngine.openCrashable(dir, options, null);
        third.freeze(); // a new log, created after the last directory fsync of the open
        third.put(b("banana"), b("yellow"));
        third.crash(CrashKind.POWER);
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            assertThat(again.get(b("banana"))).isEqualTo(b("yellow"));
        }
    }

    @Test
    void aPowerCutWithSyncNoneLosesTheLatestAcknowledgedWritesAndSaysHowManyBytes() throws Exception {
        Options options = Options.defaults().withMemtableSizeBytes(1 << 20).withSyncMode(SyncMode.NONE);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        for (int i = 0; i < 100; i++) {
            e.put(b(String.format("k%03d", i)), b("v" + i));
        }
        CrashReport report = e.crash(CrashKind.POWER);
        assertThat(report.bytesLost()).isPositive();
        assertThat(report.describe()).isNotEmpty();
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            assertThat(again.get(b("k099"))).as("never synced, so lost").isNull();
        }
    }

    @Test
    void aProcessCrashMidFlushLeavesAHalfWrittenTableThatRecoveryRemovesAndTheMemtableComesBackFromItsLog()
            throws Exception {
        Options options = background(1024).withSyncMode(SyncMode.SYNC);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_WRITE_RECORD));
        e.stepGate().setMode(StepMode.STEP);
        Writers w = new Writers(e, 1);
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_WRITE_RECORD, 30, TimeUnit.SECONDS)).isTrue();
        // the flusher holds the freeze lock at step 3; let it write a few records into the table
        for (int i = 0; i < 5; i++) {
            e.stepGate().step(LsmEngine.FLUSHER_THREAD);
            assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_WRITE_RECORD, 30, TimeUnit.SECONDS)).isTrue();
        }
        long tablesBefore = sstFiles();
        CrashReport report = e.crash(CrashKind.PROCESS);
        w.join();
        assertThat(report.bytesLost()).isZero();
        assertThat(sstFiles()).as("the half-written table is still there, as after kill -9").isEqualTo(tablesBefore)
                .isPositive();

        Recorder rec = new Recorder();
        try (LsmEngine again = LsmEngine.open(dir, options, rec)) {
            assertThat(rec.of(EngineEvent.FileRemoved.class)).extracting(EngineEvent.FileRemoved::reason)
                    .anyMatch(r -> r.contains("never completed"));
            assertThat(rec.of(EngineEvent.WalRecovered.class)).hasSizeGreaterThanOrEqualTo(2);
            w.acknowledged.forEach((k, v) -> assertThat(again.get(b(k))).as(k).isEqualTo(b(v)));
        }
    }

    @Test
    void aPowerCutMidCompactionLosesNoAcknowledgedWrite() throws Exception {
        Options options = options(SyncMode.GROUP);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_MERGE_RECORD));
        e.stepGate().setMode(StepMode.STEP);
        Writers w = new Writers(e, 2);
        assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_MERGE_RECORD, 60, TimeUnit.SECONDS)).isTrue();
        e.crash(CrashKind.POWER);
        w.join();
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            w.acknowledged.forEach((k, v) -> assertThat(again.get(b(k))).as(k).isEqualTo(b(v)));
        }
    }

    @Test
    void recoveryStopsAtTheStepGateBeforeTheManifestEachLeftoverAndEachLog() throws Exception {
        Options options = background(1024).withSyncMode(SyncMode.SYNC);
        LsmEngine e = LsmEngine.openCrashable(dir, options, null);
        for (int i = 0; i < 40; i++) {
            e.put(b(String.format("k%03d", i)), b("v" + i));
        }
        e.crash(CrashKind.PROCESS);
        lsmviz.engine.step.StepGate gate = new lsmviz.engine.step.StepGate();
        gate.setBreakpoints(EnumSet.of(ProbePoint.RECOVER_MANIFEST, ProbePoint.RECOVER_REPLAY_LOG));
        gate.setMode(StepMode.STEP);
        Recorder rec = new Recorder();
        java.util.concurrent.CompletableFuture<LsmEngine> opening = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return LsmEngine.openCrashable(dir, options, rec, gate);
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
        assertThat(gate.awaitPaused(ProbePoint.RECOVER_MANIFEST, 30, TimeUnit.SECONDS)).isTrue();
        assertThat(rec.of(EngineEvent.RecoveryStarted.class)).hasSize(1);
        assertThat(rec.of(EngineEvent.ManifestReplayed.class)).as("not before the step").isEmpty();
        String opener = gate.paused().get(0).thread();
        gate.step(opener);
        int logs = 0;
        while (!opening.isDone()) {
            if (gate.awaitPaused(ProbePoint.RECOVER_REPLAY_LOG, 1, TimeUnit.SECONDS)) {
                logs++;
                assertThat(rec.of(EngineEvent.WalRecovered.class)).hasSize(logs - 1);
                gate.step(opener);
            }
        }
        try (LsmEngine again = opening.get(30, TimeUnit.SECONDS)) {
            assertThat(logs).isEqualTo(rec.of(EngineEvent.WalRecovered.class).size()).isPositive();
            assertThat(rec.of(EngineEvent.ManifestReplayed.class)).hasSize(1);
            assertThat(again.get(b("k039"))).isEqualTo(b("v39"));
        }
    }

    @Test
    void anEngineOpenedWithoutTheCrashableLayerRefusesToCrash() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, Options.defaults())) {
            assertThatThrownBy(() -> e.crash(CrashKind.PROCESS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("openCrashable");
            e.put(b("still"), b("alive"));
        }
    }

    private long sstFiles() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).count();
        }
    }
}
