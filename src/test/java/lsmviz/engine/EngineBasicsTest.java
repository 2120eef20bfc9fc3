package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.keysOf;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineBasicsTest {
    /** Large enough that nothing freezes unless asked. */
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    private static String key(int i) {
        return String.format("key-%04d", i);
    }

    @Test
    void putThenGetReturnsTheValueAndMissingKeysAreNull() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("a"), b("1"));
            e.put(b("b"), b("2"));
            e.put(b("a"), b("3"));
            assertThat(s(e.get(b("a")))).isEqualTo("3");
            assertThat(s(e.get(b("b")))).isEqualTo("2");
            assertThat(e.get(b("c"))).isNull();
        }
    }

    @Test
    void putGetDeleteAcrossActiveImmutablesAndSSTables() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(1024))) {
            for (int i = 0; i < 300; i++) {
                e.put(b(key(i)), b("v" + i));
            }
            e.flushOldest();
            e.flushOldest();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.sstables()).hasSize(2);
            assertThat(snap.immutables()).isNotEmpty();
            assertThat(snap.active().entries()).isPositive();

            for (int i = 0; i < 300; i += 3) {
                e.delete(b(key(i)));
            }
            for (int i = 0; i < 300; i++) {
                assertThat(s(e.get(b(key(i))))).as(key(i)).isEqualTo(i % 3 == 0 ? null : "v" + i);
            }
            assertThat(e.scan(null, null)).hasSize(200);
        }
    }

    @Test
    void manualModeFreezesFullMemtablesUntilTheQueueIsFullThenLetsTheActiveGrow() throws IOException {
        Options o = manual(1024).withMaxImmutableMemtables(2);
        try (LsmEngine e = LsmEngine.open(dir, o)) {
            for (int i = 0; i < 200; i++) {
                e.put(b(key(i)), b("value-" + i));
            }
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).hasSize(2);
            assertThat(snap.immutables()).allSatisfy(m -> assertThat(m.sizeBytes()).isGreaterThanOrEqualTo(1024));
            assertThat(snap.active().sizeBytes()).as("never stalls: grows past its limit").isGreaterThan(1024);
            assertThat(snap.sstables()).isEmpty();
        }
    }

    @Test
    void freezeReturnsFalseOnEmptyActiveAndPutsTheActiveAtTheFrontOfTheQueue() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.freeze()).isFalse();
            assertThat(e.snapshot().immutables()).isEmpty();

            e.put(b("a"), b("1"));
            long first = e.snapshot().active().id();
            assertThat(e.freeze()).isTrue();
            assertThat(e.freeze()).as("the new active memtable is empty").isFalse();

            e.put(b("b"), b("2"));
            long second = e.snapshot().active().id();
            assertThat(e.freeze()).isTrue();

            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).extracting(MemtableSummary::id).containsExactly(second, first);
            assertThat(e.snapshot().immutables()).extracting(MemtableSummary::id).containsExactly(second, first);
            assertThat(snap.active().id()).isNotIn(first, second);
            assertThat(snap.active().entries()).isZero();
        }
    }

    @Test
    void flushOldestReturnsFalseWithEmptyQueueAndFlushesTheOldestMemtableFirst() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.flushOldest()).isFalse();

            e.put(b("old-1"), b("x"));
            e.put(b("old-2"), b("x"));
            e.freeze();
            e.put(b("new-1"), b("y"));
            e.freeze();
            List<MemtableSummary> queue = e.snapshot().immutables();
            MemtableSummary oldest = queue.get(1);

            assertThat(e.flushOldest()).isTrue();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).extracting(MemtableSummary::id).containsExactly(queue.get(0).id());
            assertThat(snap.sstables()).hasSize(1);
            SSTableSummary t = snap.sstables().get(0);
            assertThat(t.entries()).isEqualTo(oldest.entries()).isEqualTo(2);
            assertThat(t.minKey()).isEqualTo("old-1");
            assertThat(t.maxKey()).isEqualTo("old-2");

            assertThat(e.flushOldest()).isTrue();
            assertThat(e.flushOldest()).isFalse();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::minKey).containsExactly("new-1", "old-1");
        }
    }

    @Test
    void flushAllFreezesTheActiveMemtableAndEmptiesTheQueue() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(1024))) {
            for (int i = 0; i < 80; i++) {
                e.put(b(key(i)), b("v" + i));
            }
            int before = e.snapshot().immutables().size();
            assertThat(before).isPositive();
            e.flushAll();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).isEmpty();
            assertThat(snap.active().entries()).isZero();
            assertThat(snap.sstables()).hasSize(before + 1);
            assertThat(e.scan(null, null)).hasSize(80);
        }
    }

    /**
     * Builds: sst1 (oldest) a..e, sst2 a..d, immutable imm1 a..c, immutable imm2 a..b, active a.
     * Each level overwrites the keys of the levels below it.
     */
    private static void buildLayers(LsmEngine e) {
        for (String k : List.of("a", "b", "c", "d", "e")) {
            e.put(b(k), b("sst1"));
        }
        e.freeze();
        e.flushOldest();
        for (String k : List.of("a", "b", "c", "d")) {
            e.put(b(k), b("sst2"));
        }
        e.freeze();
        e.flushOldest();
        for (String k : List.of("a", "b", "c")) {
            e.put(b(k), b("imm1"));
        }
        e.freeze();
        for (String k : List.of("a", "b")) {
            e.put(b(k), b("imm2"));
        }
        e.freeze();
        e.put(b("a"), b("active"));
    }

    @Test
    void getLooksInActiveThenImmutablesNewestFirstThenSSTablesNewestFirst() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            buildLayers(e);
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).hasSize(2);
            assertThat(snap.sstables()).hasSize(2);

            assertThat(s(e.get(b("a")))).isEqualTo("active");
            assertThat(s(e.get(b("b")))).isEqualTo("imm2");
            assertThat(s(e.get(b("c")))).isEqualTo("imm1");
            assertThat(s(e.get(b("d")))).isEqualTo("sst2");
            assertThat(s(e.get(b("e")))).isEqualTo("sst1");
            assertThat(e.get(b("f"))).isNull();

            e.addListener(rec);
            e.get(b("e"));
            List<EngineEvent.GetPath> paths = rec.of(EngineEvent.GetPath.class);
            assertThat(paths).hasSize(1);
            List<EngineEvent.GetPath.Probe> probes = paths.get(0).probes();
            assertThat(probes).extracting(EngineEvent.GetPath.Probe::memtable, EngineEvent.GetPath.Probe::id)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(true, snap.active().id()),
                            org.assertj.core.groups.Tuple.tuple(true, snap.immutables().get(0).id()),
                            org.assertj.core.groups.Tuple.tuple(true, snap.immutables().get(1).id()),
                            org.assertj.core.groups.Tuple.tuple(false, snap.sstables().get(0).id()),
                            org.assertj.core.groups.Tuple.tuple(false, snap.sstables().get(1).id()));
            assertThat(probes.subList(3, 5)).extracting(EngineEvent.GetPath.Probe::verdict)
                    .as("the newer table's bloom filter may say no or maybe; the older one has the key")
                    .satisfies(v -> assertThat(v.get(0)).isIn("bloom: no", "bloom: maybe, not found",
                            "bloom: maybe, out of key range"))
                    .satisfies(v -> assertThat(v.get(1)).isEqualTo("found"));

            rec.clear();
            e.get(b("a"));
            assertThat(rec.of(EngineEvent.GetPath.class)).singleElement()
                    .satisfies(p -> assertThat(p.probes()).as("found in the active memtable").hasSize(1));
        }
    }

    @Test
    void tombstoneAtEachLevelHidesOlderValues() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("x"), b("old"));
            e.put(b("y"), b("keep"));
            e.freeze();
            e.flushOldest();

            e.delete(b("x"));
            assertThat(e.get(b("x"))).as("tombstone in the active memtable").isNull();
            e.freeze();
            assertThat(e.get(b("x"))).as("tombstone in an immutable memtable").isNull();
            e.flushOldest();
            assertThat(e.snapshot().sstables()).hasSize(2);
            assertThat(e.get(b("x"))).as("tombstone in the newer SSTable").isNull();
            assertThat(keysOf(e.scan(null, null))).containsExactly("y");

            e.put(b("x"), b("back"));
            assertThat(s(e.get(b("x")))).isEqualTo("back");
            e.freeze();
            e.flushOldest();
            assertThat(s(e.get(b("x")))).isEqualTo("back");
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(e.get(b("x")))).isEqualTo("back");
            e.delete(b("x"));
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.get(b("x"))).as("a tombstone survives close and reopen").isNull();
            assertThat(s(e.get(b("y")))).isEqualTo("keep");
        }
    }

    @Test
    void scanWithBoundsReturnsNewestLiveValuesInKeyOrder() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            buildLayers(e);
            e.delete(b("c")); // hides imm1's c
            e.put(b("bb"), b("new"));

            assertThat(render(e.scan(null, null)))
                    .containsExactly("a=active", "b=imm2", "bb=new", "d=sst2", "e=sst1");
            assertThat(render(e.scan(b("b"), b("d")))).containsExactly("b=imm2", "bb=new");
            assertThat(render(e.scan(b("bb"), null))).containsExactly("bb=new", "d=sst2", "e=sst1");
            assertThat(render(e.scan(null, b("b")))).containsExactly("a=active");
            assertThat(e.scan(b("d"), b("d"))).isEmpty();
            assertThat(e.scan(b("e"), b("a"))).isEmpty();
            assertThat(render(e.scan(b("c"), b("d")))).as("deleted key hidden").isEmpty();
            assertThat(render(EngineTestSupport.toList(e.scanInto(b("b"), b("d"))))).containsExactly("b=imm2", "bb=new");
        }
    }

    @Test
    void scanOrdersKeysAsUnsignedBytesAcrossMemtablesAndSSTables() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(new byte[] {(byte) 0x80}, b("high"));
            e.freeze();
            e.flushOldest();
            e.put(new byte[] {0x7f}, b("low"));
            e.freeze();
            e.put(new byte[] {(byte) 0xff, 0}, b("top"));
            e.put(new byte[] {0x01}, b("bottom"));
            List<KeyValue> all = e.scan(null, null);
            assertThat(all).extracting(kv -> s(kv.value())).containsExactly("bottom", "low", "high", "top");
            assertThat(e.scan(new byte[] {(byte) 0x80}, null)).extracting(kv -> s(kv.value()))
                    .containsExactly("high", "top");
            assertThat(s(e.get(new byte[] {(byte) 0x80}))).isEqualTo("high");
        }
    }

    @Test
    void emptyValueIsStoredAndIsNotADelete() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("empty"), new byte[0]);
            assertThat(e.get(b("empty"))).isNotNull().isEmpty();
            e.freeze();
            e.flushOldest();
            assertThat(e.get(b("empty"))).isNotNull().isEmpty();
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.get(b("empty"))).isNotNull().isEmpty();
            assertThat(keysOf(e.scan(null, null))).containsExactly("empty");
        }
    }

    @Test
    void largestKeyAndALargeValueRoundTripThroughAFlushAndReopen() throws IOException {
        byte[] bigKey = new byte[Options.MAX_KEY_BYTES];
        Arrays.fill(bigKey, (byte) 'k');
        byte[] bigValue = new byte[100_000];
        for (int i = 0; i < bigValue.length; i++) {
            bigValue[i] = (byte) i;
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(bigKey, bigValue);
            e.put(b("small"), b("v"));
            e.freeze();
            e.flushOldest();
            assertThat(e.get(bigKey)).isEqualTo(bigValue);
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.get(bigKey)).isEqualTo(bigValue);
            assertThat(s(e.get(b("small")))).isEqualTo("v");
        }
    }

    @Test
    void closeFlushesEveryMemtableAndReopenRestoresTheSSTables() throws IOException {
        List<SSTableSummary> before;
        int expectedTables;
        try (LsmEngine e = LsmEngine.open(dir, manual(1024))) {
            for (int i = 0; i < 120; i++) {
                e.put(b(key(i)), b("v" + i));
            }
            e.flushOldest();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).isNotEmpty();
            assertThat(snap.active().entries()).isPositive();
            before = snap.sstables();
            expectedTables = snap.sstables().size() + snap.immutables().size() + 1;
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(1024))) {
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).isEmpty();
            assertThat(snap.active().entries()).isZero();
            assertThat(snap.sstables()).hasSize(expectedTables);
            assertThat(snap.sstables()).containsAll(before);
            assertThat(snap.sstables()).allSatisfy(t -> assertThat(t.entries()).as("no empty tables").isPositive());
            assertThat(snap.sstables().stream().mapToLong(SSTableSummary::entries).sum()).isEqualTo(120);
            for (int i = 0; i < 120; i++) {
                assertThat(s(e.get(b(key(i))))).isEqualTo("v" + i);
            }
            assertThat(e.snapshot().active().id()).as("fresh ids do not reuse table ids")
                    .isNotIn(snap.sstables().stream().map(SSTableSummary::id).toList());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".sst")).count()).isEqualTo(expectedTables);
        }
    }

    @Test
    void newTablesAfterReopenGetFreshIdsAndFiles() throws IOException {
        List<Long> firstIds;
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("a"), b("1"));
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            firstIds = e.snapshot().sstables().stream().map(SSTableSummary::id).toList();
            e.put(b("a"), b("2"));
            e.freeze();
            e.flushOldest();
            assertThat(e.snapshot().sstables()).hasSize(2);
            assertThat(e.snapshot().sstables().get(0).id()).isNotIn(firstIds);
            assertThat(s(e.get(b("a")))).isEqualTo("2");
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(e.get(b("a")))).isEqualTo("2");
        }
    }

    @Test
    void keyAndValueValidationMessagesNameTheLimits() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThatThrownBy(() -> e.put(new byte[0], b("v"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key is empty").hasMessageContaining("1..16384");
            assertThatThrownBy(() -> e.put(null, b("v"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key is empty");
            assertThatThrownBy(() -> e.put(new byte[Options.MAX_KEY_BYTES + 1], b("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key is 16385 bytes").hasMessageContaining("1..16384");
            assertThatThrownBy(() -> e.put(b("k"), null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("value is null").hasMessageContaining("delete");
            assertThatThrownBy(() -> e.put(b("k"), new byte[Options.MAX_VALUE_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("value is " + (Options.MAX_VALUE_BYTES + 1) + " bytes")
                    .hasMessageContaining("0.." + Options.MAX_VALUE_BYTES);
            assertThatThrownBy(() -> e.delete(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key is empty");
            assertThatThrownBy(() -> e.get(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key is empty");
            // nothing was written by the rejected calls
            assertThat(e.snapshot().active().entries()).isZero();
            assertThat(e.get(b("k"))).isNull();
        }
    }

    @Test
    void operationsAfterCloseThrowAndCloseIsIdempotent() throws IOException {
        LsmEngine e = LsmEngine.open(dir, manual(BIG));
        e.put(b("a"), b("1"));
        e.close();
        assertThat(e.isClosed()).isTrue();
        e.close();
        assertThatThrownBy(() -> e.put(b("a"), b("2"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> e.get(b("a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> e.delete(b("a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> e.scan(null, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(e::freeze).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(e::flushOldest).isInstanceOf(IllegalStateException.class);
        try (LsmEngine again = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(again.get(b("a")))).isEqualTo("1");
        }
    }

    @Test
    void operationEventsReportOutcomes() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG), rec)) {
            e.put(b("a"), b("1"));
            e.get(b("a"));
            e.get(b("zz"));
            e.delete(b("a"));
            e.get(b("a"));
            e.scan(null, null);
            e.freeze();
            e.freeze();
            e.flushOldest();
            e.flushOldest();
        }
        List<String> outcomes = new ArrayList<>();
        for (EngineEvent.OperationFinished f : rec.of(EngineEvent.OperationFinished.class)) {
            outcomes.add(f.op() + " " + f.outcome());
        }
        assertThat(outcomes).startsWith("PUT stored", "GET found", "GET not found", "DELETE deleted", "GET deleted",
                "SCAN 0 entries", "FREEZE frozen", "FREEZE nothing to do", "FLUSH flushed", "FLUSH nothing to do");
        assertThat(rec.all().stream().filter(ev -> !isLockEvent(ev)).findFirst()).get()
                .isInstanceOf(EngineEvent.EngineOpened.class);
        assertThat(rec.all().get(rec.all().size() - 1)).isInstanceOf(EngineEvent.EngineClosed.class);
        assertThat(rec.all()).extracting(EngineEvent::seq).isSorted().doesNotHaveDuplicates();
        assertThat(rec.of(EngineEvent.MemtableWritten.class)).extracting(EngineEvent.MemtableWritten::key,
                EngineEvent.MemtableWritten::tombstone).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", false), org.assertj.core.groups.Tuple.tuple("a", true));
    }

    @Test
    void snapshotSummariesDescribeTheStructure() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("m"), b("1"));
            e.put(b("c"), b("2"));
            e.freeze();
            e.flushOldest();
            e.put(b("q"), b("3"));
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.active().minKey()).isEqualTo("q");
            assertThat(snap.active().entries()).isEqualTo(1);
            SSTableSummary t = snap.sstables().get(0);
            assertThat(t.minKey()).isEqualTo("c");
            assertThat(t.maxKey()).isEqualTo("m");
            assertThat(t.path()).endsWith(DbDirectory.sstableFileName(t.id()));
            assertThat(Files.size(Path.of(t.path()))).isEqualTo(t.fileSize());
            assertThat(snap.sstableBytes()).isEqualTo(t.fileSize());
            assertThat(snap.summaryLine()).contains("1 active").contains("sstables: 1 (2 entries");
            assertThat(e.inspector().memtableEntries(snap.active().id(), 10)).extracting(kv -> s(kv.key())).containsExactly("q");
            assertThat(e.inspector().sstableInfo(t.id()).entryCount()).isEqualTo(2);
            assertThat(e.inspector().sstableBlock(t.id(), 0)).extracting(kv -> s(kv.key())).containsExactly("c", "m");
            assertThatThrownBy(() -> e.inspector().sstableInfo(999_999)).isInstanceOf(java.util.NoSuchElementException.class);
            assertThatThrownBy(() -> e.inspector().memtableEntries(999_999, 1)).isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    private static boolean isLockEvent(EngineEvent ev) {
        return ev instanceof EngineEvent.LockRequested || ev instanceof EngineEvent.LockAcquired
                || ev instanceof EngineEvent.LockReleased;
    }

    private static List<String> render(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> s(kv.key()) + "=" + s(kv.value())).toList();
    }
}
