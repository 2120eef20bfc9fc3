package lsmviz.engine;

import static lsmviz.engine.CompactionTestSupport.fillL0;
import static lsmviz.engine.CompactionTestSupport.manualCompaction;
import static lsmviz.engine.CompactionTestSupport.sstFiles;
import static lsmviz.engine.CompactionTestSupport.tableFiles;
import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lsmviz.engine.CompactionTestSupport.Call;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers pin the version they read: a scan or a get started before an install reads the old
 * tables to its end, and their files go only when the last such reader lets go.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompactionPinningTest {
    @TempDir
    Path dir;

    private static Map<Long, Path> tablesNow(LsmEngine e) {
        return e.snapshot().sstables().stream().collect(Collectors.toMap(SSTableSummary::id, t -> Path.of(t.path())));
    }

    private static List<Long> deletedIds(Recorder rec) {
        return rec.of(EngineEvent.TableDeleted.class).stream().map(EngineEvent.TableDeleted::sstableId).toList();
    }

    @Test
    void aScanOpenedBeforeTwoInstallsReadsItsOldTablesToTheEndAndTheirFilesGoWhenItEnds() throws Exception {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            TreeMap<String, String> before = fillL0(e, "k", 3, 120);
            Map<Long, Path> old = tablesNow(e);
            ScanIterator it = e.scanInto(null, null);
            List<String> read = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                KeyValue kv = it.next();
                read.add(s(kv.key()) + "=" + s(kv.value()));
            }

            // writes after the scan opened, and two compactions replacing every table it reads
            TreeMap<String, String> after = new TreeMap<>(before);
            for (int i = 0; i < 120; i += 3) {
                String k = "k" + String.format("%04d", i);
                e.delete(b(k));
                after.remove(k);
            }
            e.flushAll();
            assertThat(e.compactOnce()).isTrue();
            e.compact();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::id).doesNotContainAnyElementsOf(old.keySet());
            assertThat(rec.of(EngineEvent.TableObsolete.class)).extracting(EngineEvent.TableObsolete::sstableId)
                    .containsAll(old.keySet());
            assertThat(rec.of(EngineEvent.TableObsolete.class)).filteredOn(t -> old.containsKey(t.sstableId()))
                    .allSatisfy(t -> assertThat(t.readers()).as("table %d's readers", t.sstableId()).isPositive());
            assertThat(deletedIds(rec)).as("files the open scan still reads").doesNotContainAnyElementsOf(old.keySet());
            old.values().forEach(p -> assertThat(Files.exists(p)).as("%s while the scan is open", p).isTrue());
            assertThat(sstFiles(dir)).containsAll(tableFiles(e.snapshot()));

            while (true) {
                old.values().forEach(p -> assertThat(Files.exists(p)).as("%s while the scan reads", p).isTrue());
                if (!it.hasNext()) {
                    break;
                }
                KeyValue kv = it.next();
                read.add(s(kv.key()) + "=" + s(kv.value()));
            }
            assertThat(read).as("the scan reads the data as it was when it opened").isEqualTo(
                    before.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).toList());

            assertThat(deletedIds(rec)).as("the scan ended: its tables are deleted").containsAll(old.keySet());
            old.values().forEach(p -> assertThat(Files.exists(p)).as("%s after the scan", p).isFalse());
            assertThat(sstFiles(dir)).isEqualTo(tableFiles(e.snapshot()));
            long obsoleteSeq = rec.of(EngineEvent.TableObsolete.class).stream()
                    .filter(t -> old.containsKey(t.sstableId())).mapToLong(EngineEvent::seq).max().orElseThrow();
            assertThat(rec.of(EngineEvent.TableDeleted.class)).filteredOn(d -> old.containsKey(d.sstableId()))
                    .allSatisfy(d -> assertThat(d.seq()).isGreaterThan(obsoleteSeq));
            it.close(); // idempotent
            after.forEach((k, v) -> assertThat(s(e.get(b(k)))).isEqualTo(v));
            assertThat(e.scan(null, null)).hasSize(after.size());
        }
    }

    @Test
    void aScanClosedHalfWayLetsItsObsoleteTablesGo() throws Exception {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            fillL0(e, "k", 3, 120);
            Map<Long, Path> old = tablesNow(e);
            try (ScanIterator it = e.scanInto(null, null)) {
                it.next();
                e.compact();
                assertThat(deletedIds(rec)).doesNotContainAnyElementsOf(old.keySet());
                old.values().forEach(p -> assertThat(Files.exists(p)).isTrue());
                assertThat(it.next()).isNotNull();
            }
            assertThat(deletedIds(rec)).containsAll(old.keySet());
            assertThat(sstFiles(dir)).isEqualTo(tableFiles(e.snapshot()));
        }
    }

    @Test
    void twoScansPinTheSameVersionAndTheFilesGoOnlyAfterTheLastOne() throws Exception {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            fillL0(e, "k", 3, 120);
            Map<Long, Path> old = tablesNow(e);
            ScanIterator first = e.scanInto(null, null);
            ScanIterator second = e.scanInto(b("k0050"), b("k0060"));
            e.compact();
            first.close();
            assertThat(deletedIds(rec)).as("one scan still reads them").doesNotContainAnyElementsOf(old.keySet());
            assertThat(EngineTestSupport.keysOf(EngineTestSupport.toList(second))).hasSize(10);
            assertThat(deletedIds(rec)).containsAll(old.keySet());
            old.values().forEach(p -> assertThat(Files.exists(p)).isFalse());
        }
    }

    /** A get paused at an SSTable probe holds its version: the install goes on, the get reads the old table. */
    @Test
    void aGetPausedInAnOldTableReadsItAndItsFileGoesAfterTheGet() throws Exception {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            TreeMap<String, String> model = fillL0(e, "k", 3, 120);
            Map<Long, Path> old = tablesNow(e);
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.GET_PROBE_SSTABLE));
            e.stepGate().setMode(StepMode.STEP);
            Call<String> get = new Call<>("reader", () -> s(e.get(b("k0042"))));
            assertThat(e.stepGate().awaitPaused(ProbePoint.GET_PROBE_SSTABLE, 10, TimeUnit.SECONDS)).isTrue();
            e.stepGate().setBreakpoints(EnumSet.noneOf(ProbePoint.class)); // the compactor must not stop there
            assertThat(e.compactOnce()).isTrue();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::id).doesNotContainAnyElementsOf(old.keySet());
            assertThat(deletedIds(rec)).as("the paused get pins them").doesNotContainAnyElementsOf(old.keySet());

            e.stepGate().setMode(StepMode.RUN);
            e.stepGate().continueAll();
            assertThat(get.join20()).isEqualTo(model.get("k0042"));
            assertThat(deletedIds(rec)).containsAll(old.keySet());
            old.values().forEach(p -> assertThat(Files.exists(p)).isFalse());
        }
    }

    /** An open scan at close: the engine still closes; the obsolete files it pinned go at the next open. */
    @Test
    void obsoleteFilesAScanStillPinnedAtCloseAreRemovedAtTheNextOpen() throws Exception {
        Map<Long, Path> old;
        TreeMap<String, String> model;
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            model = fillL0(e, "k", 3, 120);
            old = tablesNow(e);
            ScanIterator it = e.scanInto(null, null);
            it.next();
            e.compact();
            e.closeWithoutFlush();
            old.values().forEach(p -> assertThat(Files.exists(p)).isTrue());
        }
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction(), rec)) {
            assertThat(rec.of(EngineEvent.FileRemoved.class)).extracting(EngineEvent.FileRemoved::reason)
                    .hasSize(old.size())
                    .containsOnly("an SSTable a compaction replaced (its file was not yet deleted)");
            assertThat(sstFiles(dir)).isEqualTo(tableFiles(e.snapshot()));
            model.forEach((k, v) -> assertThat(s(e.get(b(k)))).isEqualTo(v));
        }
    }
}
