package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.background;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.BlockSealed;
import lsmviz.engine.event.EngineEvent.FlushFinished;
import lsmviz.engine.event.EngineEvent.FlushRecordWritten;
import lsmviz.engine.event.EngineEvent.FlushStarted;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineEvent.SSTableWritten;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlushTest {
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    private static List<String> shuffledKeys(int n, long seed) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(String.format("key-%04d", i));
        }
        Collections.shuffle(keys, new Random(seed));
        return keys;
    }

    @Test
    void flushWritesRecordsInKeyOrder() throws IOException {
        Recorder rec = new Recorder();
        List<String> keys = shuffledKeys(150, 42);
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            for (String k : keys) {
                e.put(b(k), b("v-" + k));
            }
            e.put(new byte[] {(byte) 0x80}, b("high")); // unsigned: after every ASCII key
            e.put(new byte[] {0x7f}, b("low"));
            e.freeze();
            e.addListener(rec);
            slowMotionWithoutDelay(e); // per-record events come in slow motion and step mode
            assertThat(e.flushOldest()).isTrue();

            List<FlushRecordWritten> written = rec.of(FlushRecordWritten.class);
            List<String> expected = new ArrayList<>(keys);
            Collections.sort(expected);
            expected.add("\u007f");
            expected.add("0x80");
            assertThat(written).extracting(FlushRecordWritten::key).containsExactlyElementsOf(expected);
            assertThat(written).extracting(FlushRecordWritten::index)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, expected.size()).boxed().toList());

            // and the file holds them in unsigned byte order, block after block
            long id = e.snapshot().sstables().get(0).id();
            SSTableInfo info = e.inspector().sstableInfo(id);
            assertThat(info.blocks().size()).as("small blocks: several of them").isGreaterThan(3);
            List<KeyValue> onDisk = new ArrayList<>();
            for (int blk = 0; blk < info.blocks().size(); blk++) {
                onDisk.addAll(e.inspector().sstableBlock(id, blk));
            }
            assertThat(onDisk).hasSize(expected.size());
            assertThat(onDisk).extracting(KeyValue::key).isSortedAccordingTo(Bytes.ORDER);
            assertThat(s(onDisk.get(onDisk.size() - 1).value())).isEqualTo("high");
        }
    }

    @Test
    void flushEmitsStartedThenRecordsAndSealedBlocksThenWrittenThenFinished() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            for (String k : shuffledKeys(60, 7)) {
                e.put(b(k), b("value-of-" + k));
            }
            e.delete(b("key-0003"));
            e.freeze();
            MemtableSummary frozen = e.snapshot().immutables().get(0);
            e.addListener(rec);
            slowMotionWithoutDelay(e); // per-record events come in slow motion and step mode
            e.flushOldest();
            e.removeListener(rec);

            List<EngineEvent> flush = rec.all().stream()
                    .filter(ev -> ev instanceof FlushStarted || ev instanceof FlushRecordWritten
                            || ev instanceof BlockSealed || ev instanceof SSTableWritten || ev instanceof FlushFinished)
                    .toList();
            assertThat(flush.get(0)).isInstanceOf(FlushStarted.class);
            FlushStarted started = (FlushStarted) flush.get(0);
            assertThat(started.memtableId()).isEqualTo(frozen.id());
            assertThat(started.entries()).isEqualTo(60);
            assertThat(started.sizeBytes()).isEqualTo(frozen.sizeBytes());
            long sstableId = started.sstableId();

            assertThat(flush.get(flush.size() - 2)).isInstanceOf(SSTableWritten.class);
            assertThat(flush.get(flush.size() - 1)).isInstanceOf(FlushFinished.class);
            SSTableSummary written = ((SSTableWritten) flush.get(flush.size() - 2)).sstable();
            FlushFinished finished = (FlushFinished) flush.get(flush.size() - 1);
            assertThat(written.id()).isEqualTo(sstableId);
            assertThat(written.entries()).isEqualTo(60);
            assertThat(finished.memtableId()).isEqualTo(frozen.id());
            assertThat(finished.sstableId()).isEqualTo(sstableId);

            // in between: records, each block sealed right after its last record
            List<EngineEvent> middle = flush.subList(1, flush.size() - 2);
            int recordsSoFar = 0;
            int sealedEntries = 0;
            int blockNo = 0;
            String lastRecordKey = null;
            for (EngineEvent ev : middle) {
                if (ev instanceof FlushRecordWritten r) {
                    assertThat(r.sstableId()).isEqualTo(sstableId);
                    assertThat(r.memtableId()).isEqualTo(frozen.id());
                    assertThat(r.index()).isEqualTo(recordsSoFar);
                    recordsSoFar++;
                    lastRecordKey = r.key();
                } else {
                    assertThat(ev).isInstanceOf(BlockSealed.class);
                    BlockSealed bs = (BlockSealed) ev;
                    assertThat(bs.sstableId()).isEqualTo(sstableId);
                    assertThat(bs.blockNo()).isEqualTo(blockNo++);
                    sealedEntries += bs.entries();
                    assertThat(sealedEntries).as("a block is sealed once all its records are written")
                            .isEqualTo(recordsSoFar);
                    assertThat(bs.lastKey()).isEqualTo(lastRecordKey);
                }
            }
            assertThat(recordsSoFar).isEqualTo(60);
            assertThat(blockNo).isEqualTo(written.blocks()).isGreaterThan(1);
            assertThat(middle.get(middle.size() - 1)).isInstanceOf(BlockSealed.class);

            // the operation brackets the whole flush
            List<EngineEvent.OperationFinished> ops = rec.of(EngineEvent.OperationFinished.class);
            assertThat(ops).extracting(EngineEvent.OperationFinished::op).containsExactly(EngineEvent.Op.FLUSH);
            assertThat(ops.get(0).seq()).isGreaterThan(finished.seq());
        }
    }

    @Test
    void flushedMemtableLeavesTheQueueAndItsSSTableBecomesLiveOnDisk() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("a"), b("1"));
            e.freeze();
            long memtableId = e.snapshot().immutables().get(0).id();
            e.flushOldest();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).extracting(MemtableSummary::id).doesNotContain(memtableId);
            long tableId = snap.sstables().get(0).id();
            assertThat(dir.resolve(DbDirectory.sstableFileName(tableId))).isRegularFile();
            assertThat(Manifest.read(dir).liveSSTablesOldestFirst()).containsExactly(tableId);
            assertThat(s(e.get(b("a")))).isEqualTo("1");
        }
    }

    @Test
    void readersNeverSeeAMemtableAndItsSSTableBothMissingOrBothPresent() throws Exception {
        // Steps 4 and 5 are one swap: every snapshot holds each frozen memtable's data exactly once.
        int memtables = 12;
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            for (int m = 0; m < memtables; m++) {
                for (int i = 0; i < 20; i++) {
                    e.put(b("m" + m + "-" + i), b("v"));
                }
                e.freeze();
            }
            AtomicBoolean done = new AtomicBoolean();
            List<String> violations = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger observed = new java.util.concurrent.atomic.AtomicInteger();
            Thread observer = new Thread(() -> {
                while (!done.get()) {
                    EngineSnapshot s = e.snapshot();
                    int total = s.immutables().size() + s.sstables().size();
                    long entries = s.immutables().stream().mapToLong(MemtableSummary::entries).sum()
                            + s.sstables().stream().mapToLong(SSTableSummary::entries).sum();
                    if (total != memtables || entries != memtables * 20L) {
                        violations.add(s.immutables().size() + " immutables + " + s.sstables().size() + " tables, "
                                + entries + " entries");
                    }
                    observed.incrementAndGet();
                }
            }, "observer");
            observer.setDaemon(true);
            observer.start();
            within(10).until(() -> observed.get() > 0);
            Thread flusher = new Thread(() -> {
                while (e.flushOldest()) {
                    // all of them
                }
            }, "flush-caller");
            flusher.start();
            joinOrFail(flusher);
            done.set(true);
            joinOrFail(observer);
            assertThat(violations).isEmpty();
            assertThat(observed.get()).isPositive();
            assertThat(e.snapshot().sstables()).hasSize(memtables);
        }
    }

    @Test
    void betweenAddingTheSSTableAndRemovingTheMemtableReadersWait() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("k"), b("v"));
            e.freeze();
            long memtableId = e.snapshot().immutables().get(0).id();
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_REMOVE_MEMTABLE));
            e.stepGate().setMode(StepMode.STEP);

            Thread flusher = new Thread(e::flushOldest, "flush-caller");
            flusher.start();
            assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_REMOVE_MEMTABLE, 10, TimeUnit.SECONDS)).isTrue();

            EngineSnapshot[] seen = new EngineSnapshot[1];
            Thread reader = new Thread(() -> seen[0] = e.snapshot(), "reader");
            reader.start();
            within(10).until(() -> e.lockTable().view(LsmEngine.STATE_LOCK).isAwaitedBy("reader", LockMode.READ));
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).isHeldBy("flush-caller", LockMode.WRITE)).isTrue();
            assertThat(reader.isAlive()).isTrue();

            e.stepGate().continueAll();
            joinOrFail(flusher);
            joinOrFail(reader);
            assertThat(seen[0].immutables()).extracting(MemtableSummary::id).doesNotContain(memtableId);
            assertThat(seen[0].sstables()).hasSize(1);
        }
    }

    @Test
    void backgroundFlusherFlushesFrozenMemtablesByItself() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, background(1024), rec)) {
            for (int i = 0; i < 100; i++) {
                e.put(b(String.format("k%03d", i)), b("value-" + i));
            }
            within(10).until(() -> e.snapshot().immutables().isEmpty() && e.snapshot().sstables().size() >= 3);
            assertThat(rec.of(FlushFinished.class)).extracting(EngineEvent::thread).containsOnly(LsmEngine.FLUSHER_THREAD);
            Set<Long> flushed = new HashSet<>();
            for (FlushFinished f : rec.of(FlushFinished.class)) {
                assertThat(flushed.add(f.memtableId())).as("each memtable flushed once").isTrue();
            }
            for (int i = 0; i < 100; i++) {
                assertThat(s(e.get(b(String.format("k%03d", i))))).isEqualTo("value-" + i);
            }
        }
    }

    @Test
    void orphanTableFromAnUnfinishedFlushIsRemovedAtOpen() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("a"), b("1"));
        }
        long liveId = Manifest.read(dir).liveSSTablesOldestFirst().get(0);
        Path orphan = dir.resolve(DbDirectory.sstableFileName(liveId + 10));
        Files.copy(dir.resolve(DbDirectory.sstableFileName(liveId)), orphan);
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG), rec)) {
            assertThat(orphan).doesNotExist();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::id).containsExactly(liveId);
            assertThat(rec.of(EngineEvent.FileRemoved.class)).extracting(EngineEvent.FileRemoved::file)
                    .contains(orphan.getFileName().toString());
            e.put(b("b"), b("2"));
            e.freeze();
            e.flushOldest();
            assertThat(e.snapshot().sstables().get(0).id()).as("ids continue past the orphan's")
                    .isGreaterThan(liveId + 10);
        }
    }
    /** A listener that, once, puts a file where the flush that just started will write its table. */
    private EventListenerOnce blockFirstFlush() {
        return new EventListenerOnce(dir);
    }

    private static final class EventListenerOnce implements lsmviz.engine.event.EventListener {
        private final Path dir;
        private final AtomicBoolean fired = new AtomicBoolean();

        EventListenerOnce(Path dir) {
            this.dir = dir;
        }

        @Override
        public void onEvent(EngineEvent ev) {
            if (ev instanceof FlushStarted f && fired.compareAndSet(false, true)) {
                try {
                    Files.writeString(dir.resolve(DbDirectory.sstableFileName(f.sstableId())), "in the way");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    @Test
    void failedManualFlushKeepsTheMemtableQueuedAndARetrySucceeds() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG), rec)) {
            e.put(b("a"), b("1"));
            e.freeze();
            long memtableId = e.snapshot().immutables().get(0).id();
            e.addListener(blockFirstFlush());

            org.assertj.core.api.Assertions.assertThatThrownBy(e::flushOldest)
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("memtable #" + memtableId);
            assertThat(rec.of(EngineEvent.FlushFailed.class)).extracting(EngineEvent.FlushFailed::memtableId)
                    .containsExactly(memtableId);
            EngineSnapshot after = e.snapshot();
            assertThat(after.immutables()).extracting(MemtableSummary::id).containsExactly(memtableId);
            assertThat(after.sstables()).isEmpty();
            assertThat(s(e.get(b("a")))).isEqualTo("1");

            assertThat(e.flushOldest()).isTrue();
            assertThat(e.snapshot().immutables()).isEmpty();
            assertThat(e.snapshot().sstables()).hasSize(1);
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(e.get(b("a")))).isEqualTo("1");
        }
    }

    @Test
    void failedBackgroundFlushStopsWritesWithTheCauseAndCloseStillReturns() throws IOException {
        LsmEngine e = LsmEngine.open(dir, background(1024));
        java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
        try {
            e.addListener(blockFirstFlush());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    e.put(b(String.format("k%05d", i)), b("value-" + i));
                    acked.incrementAndGet();
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("background flush failed")
                    .hasRootCauseInstanceOf(java.nio.file.FileAlreadyExistsException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.put(b("x"), b("y")))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            e.close();
        }
        assertThat(e.isClosed()).isTrue();
        // the write-ahead logs kept every acknowledged write: reopening brings them all back
        try (LsmEngine again = LsmEngine.open(dir, background(1024))) {
            assertThat(acked.get()).isPositive();
            for (int i = 0; i < acked.get(); i++) {
                assertThat(s(again.get(b(String.format("k%05d", i))))).isEqualTo("value-" + i);
            }
        }
    }

    /** Per-record flush events are published when someone can follow them: slow motion, no delay. */
    private static void slowMotionWithoutDelay(LsmEngine e) {
        e.stepGate().setSlowDelayMillis(0);
        e.stepGate().setMode(lsmviz.engine.step.StepMode.SLOW);
    }
}
