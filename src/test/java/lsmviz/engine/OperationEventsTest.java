package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.GetPath;
import lsmviz.engine.event.EngineEvent.LockAcquired;
import lsmviz.engine.event.EngineEvent.LockReleased;
import lsmviz.engine.event.EngineEvent.LockRequested;
import lsmviz.engine.event.EngineEvent.MemtableWritten;
import lsmviz.engine.event.EngineEvent.OperationFinished;
import lsmviz.engine.event.EngineEvent.OperationStarted;
import lsmviz.engine.event.EventBatch;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put's and a get's events at full detail: handed over as one batch on the fast path, one by one
 * off it, always the same events in the order they happened.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OperationEventsTest {
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    /** Keeps what it is handed: single events, and each batch's events built during the call. */
    static final class BatchRecorder implements EventListener {
        final ConcurrentLinkedQueue<EngineEvent> events = new ConcurrentLinkedQueue<>();
        /** Per batch: its events, as built during the call. */
        final ConcurrentLinkedQueue<List<EngineEvent>> batches = new ConcurrentLinkedQueue<>();
        /** Per batch: a copy, read only after the call. */
        final ConcurrentLinkedQueue<EventBatch> copies = new ConcurrentLinkedQueue<>();

        @Override
        public void onEvent(EngineEvent event) {
            events.add(event);
        }

        @Override
        public void onEvents(EventBatch batch) {
            List<EngineEvent> built = batch.events();
            assertThat(built).hasSize(batch.size());
            assertThat(built.get(0).seq()).isEqualTo(batch.firstSeq());
            batches.add(built);
            copies.add(batch.copy());
            events.addAll(built);
        }

        List<EngineEvent> all() {
            return List.copyOf(events);
        }

        List<EngineEvent> of(String thread) {
            return events.stream().filter(e -> e.thread().equals(thread)).toList();
        }
    }

    private static Options fast() {
        return manual(BIG).withSyncMode(SyncMode.NONE);
    }

    /** Events compared by what they say (a GetPath's arrays by content). */
    private static String describe(EngineEvent e) {
        return e instanceof GetPath p ? "GetPath[" + p.seq() + "," + p.nanos() + "," + p.thread() + "," + p.key() + ","
                + p.probes() + "]" : e.toString();
    }

    private static List<String> kinds(List<EngineEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static void assertIncreasingSeqs(List<EngineEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).seq()).as("seq of %s after %s", events.get(i), events.get(i - 1))
                    .isGreaterThan(events.get(i - 1).seq());
        }
    }

    @Test
    void aPutOnTheFastPathHandsOverItsFiveEventsInOneBatch() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            rec.events.clear();
            long before = System.nanoTime();
            e.put(b("apple"), b("red"));
            long after = System.nanoTime();

            assertThat(rec.batches).hasSize(1);
            List<EngineEvent> put = rec.batches.peek();
            assertThat(rec.all()).as("nothing came on its own").isEqualTo(put);
            assertThat(kinds(put)).containsExactly("OperationStarted", "LockAcquired", "LockReleased",
                    "MemtableWritten", "OperationFinished");
            assertThat(put).extracting(EngineEvent::seq).containsExactly(put.get(0).seq(), put.get(0).seq() + 1,
                    put.get(0).seq() + 2, put.get(0).seq() + 3, put.get(0).seq() + 4);
            assertThat(put).extracting(EngineEvent::thread).containsOnly(Thread.currentThread().getName());
            OperationStarted started = (OperationStarted) put.get(0);
            LockAcquired acquired = (LockAcquired) put.get(1);
            LockReleased released = (LockReleased) put.get(2);
            MemtableWritten written = (MemtableWritten) put.get(3);
            OperationFinished finished = (OperationFinished) put.get(4);
            assertThat(started.op()).isEqualTo(EngineEvent.Op.PUT);
            assertThat(started.key()).isEqualTo("apple");
            assertThat(acquired).extracting(LockAcquired::lock, LockAcquired::mode, LockAcquired::waitedNanos)
                    .containsExactly(LsmEngine.STATE_LOCK, "read", 0L);
            assertThat(acquired.nanos()).as("one clock read: start and acquisition").isEqualTo(started.nanos());
            assertThat(released.lock()).isEqualTo(LsmEngine.STATE_LOCK);
            assertThat(released.nanos()).isGreaterThanOrEqualTo(acquired.nanos());
            assertThat(released.heldNanos()).isEqualTo(released.nanos() - acquired.nanos());
            assertThat(written).extracting(MemtableWritten::key, MemtableWritten::tombstone,
                    MemtableWritten::memtableEntries).containsExactly("apple", false, 1L);
            assertThat(written.memtableId()).isEqualTo(e.snapshot().active().id());
            assertThat(written.memtableBytes()).isEqualTo(e.snapshot().active().sizeBytes());
            assertThat(written.nanos()).isEqualTo(released.nanos());
            assertThat(finished).extracting(OperationFinished::op, OperationFinished::key, OperationFinished::outcome)
                    .containsExactly(EngineEvent.Op.PUT, "apple", "stored");
            assertThat(finished.nanos()).isEqualTo(released.nanos());
            assertThat(finished.durationNanos()).isEqualTo(finished.nanos() - started.nanos());
            // the end is timed when the listener first looks, during the call inside the put
            assertThat(started.nanos()).isBetween(before, finished.nanos());
            assertThat(finished.nanos()).isBetween(started.nanos(), after);

            e.delete(b("apple"));
            List<EngineEvent> delete = new ArrayList<>(rec.batches).get(1);
            assertThat(((MemtableWritten) delete.get(3)).tombstone()).isTrue();
            assertThat(((OperationFinished) delete.get(4)).outcome()).isEqualTo("deleted");
            assertThat(delete.get(0).seq()).isGreaterThan(put.get(4).seq());
        }
    }

    @Test
    void aGetOnTheFastPathHandsOverItsPathInOneBatch() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            e.put(b("apple"), b("red"));
            e.freeze();
            e.flushOldest();
            long table = e.snapshot().sstables().get(0).id();
            long active = e.snapshot().active().id();
            rec.events.clear();
            rec.batches.clear();

            long before = System.nanoTime();
            assertThat(e.get(b("apple"))).isEqualTo(b("red"));
            long after = System.nanoTime();

            assertThat(rec.batches).hasSize(1);
            List<EngineEvent> get = rec.batches.peek();
            assertThat(rec.all()).isEqualTo(get);
            assertThat(kinds(get)).containsExactly("OperationStarted", "LockAcquired", "LockReleased", "GetPath",
                    "OperationFinished");
            assertIncreasingSeqs(get);
            GetPath path = (GetPath) get.get(3);
            assertThat(path.key()).isEqualTo("apple");
            assertThat(path.probes()).extracting(GetPath.Probe::memtable, GetPath.Probe::id, GetPath.Probe::verdict)
                    .containsExactly(tuple(true, active, "not found"), tuple(false, table, "found"));
            OperationFinished finished = (OperationFinished) get.get(4);
            assertThat(finished.outcome()).isEqualTo("found");
            assertThat(path.nanos()).isEqualTo(finished.nanos());
            assertThat(get.get(2).nanos()).isBetween(get.get(1).nanos(), finished.nanos());
            assertThat(finished.durationNanos()).isEqualTo(finished.nanos() - get.get(0).nanos());
            assertThat(get.get(0).nanos()).isGreaterThanOrEqualTo(before);
            assertThat(finished.nanos()).isLessThanOrEqualTo(after);

            rec.batches.clear();
            assertThat(e.get(b("pear"))).isNull();
            assertThat(((OperationFinished) rec.batches.peek().get(4)).outcome()).isEqualTo("not found");
        }
    }

    @Test
    void aListenerOfSingleEventsSeesWhatABatchListenerSeesAndACopyKeepsIt() throws IOException {
        BatchRecorder batches = new BatchRecorder();
        Recorder singles = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), batches)) {
            e.addListener(singles);
            e.put(b("apple"), b("red"));
            e.put(b("pear"), b("green"));
            e.get(b("apple"));
            e.delete(b("apple"));
            e.get(b("apple"));
            e.get(b("plum"));
        }
        long from = singles.all().get(0).seq(); // the second listener came after the engine opened
        List<String> bySingles = singles.all().stream().map(OperationEventsTest::describe).toList();
        List<String> byBatches = batches.all().stream().filter(x -> x.seq() >= from)
                .map(OperationEventsTest::describe).toList();
        assertThat(bySingles).isEqualTo(byBatches);
        assertThat(batches.batches).hasSize(6);
        // the copies, read after everything, still say what the batches said during their calls
        List<String> copied = batches.copies.stream().flatMap(c -> c.events().stream())
                .map(OperationEventsTest::describe).toList();
        List<String> built = batches.batches.stream().flatMap(List::stream).map(OperationEventsTest::describe).toList();
        assertThat(copied).isEqualTo(built);
        assertThat(batches.copies.peek().copy()).as("a copy is its own copy").isSameAs(batches.copies.peek());
    }

    @Test
    void eachOperationNamesItsOwnKeyThoughTheThreadReusesItsTrace() throws IOException {
        BatchRecorder batches = new BatchRecorder();
        String longKey = "a-key-longer-than-thirty-two-bytes-" + "x".repeat(40);
        List<String> keys = List.of("apple", "fig", longKey, "kiwi", "a", longKey + "-even-longer", "b");
        try (LsmEngine e = LsmEngine.open(dir, fast(), batches)) {
            for (String k : keys) {
                e.put(b(k), b("v"));
                e.get(b(k));
                e.delete(b(k));
            }
        }
        List<String> named = batches.all().stream().filter(x -> x instanceof OperationStarted)
                .map(x -> ((OperationStarted) x).key()).toList();
        List<String> expected = keys.stream().flatMap(k -> Stream.of(k, k, k)).toList();
        assertThat(named).isEqualTo(expected);
        List<String> copied = batches.copies.stream().map(c -> ((OperationStarted) c.get(0)).key()).toList();
        assertThat(copied).as("copies read after everything").isEqualTo(expected);
        assertThat(batches.copies.stream().map(c -> ((OperationFinished) c.get(4)).key()).toList()).isEqualTo(expected);
    }

    @Test
    void aBatchKeptPastItsCallFailsClearlyWhenReadAfterItsOperation() throws IOException {
        AtomicReference<EventBatch> kept = new AtomicReference<>();
        try (LsmEngine e = LsmEngine.open(dir, fast(), new EventListener() {
            @Override
            public void onEvent(EngineEvent event) {
            }

            @Override
            public void onEvents(EventBatch batch) {
                kept.set(batch); // against the contract: neither built nor copied
            }
        })) {
            e.put(b("apple"), b("red"));
            assertThatThrownBy(() -> kept.get().get(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("copy()");
        }
    }

    @Test
    void withALogSyncAPutReportsTheSameEventsOneByOne() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG).withSyncMode(SyncMode.GROUP), rec)) {
            rec.events.clear();
            e.put(b("apple"), b("red"));
            assertThat(rec.batches).isEmpty();
            List<EngineEvent> put = rec.all().stream().filter(x -> !(x instanceof EngineEvent.WalSynced)).toList();
            assertThat(kinds(put)).containsExactly("OperationStarted", "LockAcquired", "LockReleased",
                    "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(rec.all());
            assertThat(((OperationFinished) put.get(4)).durationNanos())
                    .isEqualTo(put.get(4).nanos() - put.get(0).nanos());
        }
    }

    @Test
    void aThreadPausedMidPutHasShownHowItGotThereAndGoesOnOneEventAtATime() throws Exception {
        BatchRecorder rec = new BatchRecorder();
        LsmEngine e = LsmEngine.open(dir, fast(), rec);
        Thread writer = null;
        try {
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE));
            e.stepGate().setMode(StepMode.STEP);
            writer = new Thread(() -> e.put(b("apple"), b("red")), "writer");
            writer.start();
            assertThat(e.stepGate().awaitPaused(ProbePoint.PUT_WRITE_MEMTABLE, 10, TimeUnit.SECONDS)).isTrue();
            // the gate counts the thread as paused a moment before it reports the step
            within(10).until(() -> rec.of("writer").stream().anyMatch(EngineEvent.StepReached.class::isInstance));

            List<EngineEvent> soFar = rec.of("writer");
            assertThat(kinds(soFar)).containsExactly("OperationStarted", "LockAcquired", "StepReached");
            assertIncreasingSeqs(soFar);
            assertThat(((EngineEvent.StepReached) soFar.get(2)).paused()).isTrue();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders())
                    .extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple("writer", LockMode.READ));

            e.stepGate().continueAll();
            joinOrFail(writer);
            List<EngineEvent> all = rec.of("writer");
            assertThat(kinds(all)).containsExactly("OperationStarted", "LockAcquired", "StepReached",
                    "StepResumed", "LockReleased", "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(all);
            assertThat(rec.batches).as("off the fast path: no batch").isEmpty();
            LockAcquired acquired = (LockAcquired) all.get(1);
            LockReleased released = (LockReleased) all.get(4);
            assertThat(released.heldNanos()).isEqualTo(released.nanos() - acquired.nanos());
        } finally {
            e.close();
            if (writer != null) {
                joinOrFail(writer);
            }
        }
    }

    @Test
    void aPutQueuedBehindAFreezeReportsItsStartBeforeItsWaitAndTakesTheLockAfterTheFreezeLetsGo()
            throws Exception {
        BatchRecorder rec = new BatchRecorder();
        LsmEngine e = LsmEngine.open(dir, fast(), rec);
        Thread freezer = null;
        Thread writer = null;
        try {
            e.put(b("apple"), b("red"));
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.FREEZE_SWAP));
            e.stepGate().setMode(StepMode.STEP);
            freezer = new Thread(e::freeze, "freezer");
            freezer.start();
            assertThat(e.stepGate().awaitPaused(ProbePoint.FREEZE_SWAP, 10, TimeUnit.SECONDS)).isTrue();
            writer = new Thread(() -> e.put(b("pear"), b("green")), "writer");
            writer.start();
            within(10).until(() -> e.lockTable().view(LsmEngine.STATE_LOCK).isAwaitedBy("writer", LockMode.READ));
            assertThat(kinds(rec.of("writer"))).containsExactly("OperationStarted", "LockRequested");

            e.stepGate().continueAll();
            joinOrFail(freezer);
            joinOrFail(writer);
            List<EngineEvent> put = rec.of("writer");
            assertThat(kinds(put)).containsExactly("OperationStarted", "LockRequested", "LockAcquired",
                    "StepReached", "LockReleased", "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(put);
            assertThat(((LockRequested) put.get(1)).mode()).isEqualTo("read");
            LockAcquired acquired = (LockAcquired) put.get(2);
            assertThat(acquired.waitedNanos()).isPositive();
            LockReleased freezeLetGo = rec.of("freezer").stream().filter(LockReleased.class::isInstance)
                    .map(LockReleased.class::cast).filter(r -> r.lock().equals(LsmEngine.STATE_LOCK))
                    .findFirst().orElseThrow();
            assertThat(freezeLetGo.mode()).isEqualTo("write");
            assertThat(acquired.seq()).isGreaterThan(freezeLetGo.seq());
        } finally {
            e.close();
            if (freezer != null) {
                joinOrFail(freezer);
            }
            if (writer != null) {
                joinOrFail(writer);
            }
        }
    }

    @Test
    void aGetThatFailsStillReportsItsLockRelease() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            for (int i = 0; i < 200; i++) {
                e.put(b(String.format("key%04d", i)), b("value-" + i));
            }
            e.freeze();
            e.flushOldest();
            Path table;
            try (Stream<Path> files = Files.list(dir)) {
                table = files.filter(f -> f.toString().endsWith(".sst")).findFirst().orElseThrow();
            }
            try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
                f.seek(20); // inside the first data block
                int x = f.read();
                f.seek(20);
                f.write(x ^ 0xFF);
            }
            rec.events.clear();
            rec.batches.clear();

            assertThatThrownBy(() -> e.get(b("key0000"))).isInstanceOf(CorruptionException.class);

            List<EngineEvent> get = rec.all();
            assertThat(kinds(get)).containsExactly("OperationStarted", "LockAcquired", "LockReleased");
            assertIncreasingSeqs(get);
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();
        }
    }

    /**
     * Writers, readers, a freezer and the flusher at once, at full detail: replaying every event in
     * sequence order, the state lock never has a reader and a writer together, every hold ends, and
     * each thread's events are in its own order.
     */
    @Test
    void inSequenceOrderTheStateLockNeverHasAReaderAndAWriterTogether() throws Exception {
        BatchRecorder rec = new BatchRecorder();
        Options opts = Options.defaults().withMemtableSizeBytes(16 * 1024).withBlockSizeBytes(512)
                .withSyncMode(SyncMode.NONE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger running = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        try (LsmEngine e = LsmEngine.open(dir, opts, rec)) {
            for (int t = 0; t < 2; t++) {
                int id = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 3000; i++) {
                            e.put(b("w" + id + "-" + i), b("value-" + i));
                            e.get(b("w" + id + "-" + (i / 2)));
                        }
                    } catch (Throwable x) {
                        failure.compareAndSet(null, x);
                    } finally {
                        running.decrementAndGet();
                    }
                }, "writer-" + t));
            }
            threads.add(new Thread(() -> {
                try {
                    while (running.get() > 0) {
                        e.get(b("w0-" + 7));
                    }
                } catch (Throwable x) {
                    failure.compareAndSet(null, x);
                }
            }, "reader"));
            threads.add(new Thread(() -> {
                try {
                    while (running.get() > 0) {
                        e.freeze();
                        Thread.sleep(2);
                    }
                } catch (Throwable x) {
                    failure.compareAndSet(null, x);
                }
            }, "freezer"));
            running.set(2);
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                joinOrFail(t);
            }
            assertThat(failure.get()).isNull();
            e.awaitFlushes(20_000);
        }
        List<EngineEvent> all = new ArrayList<>(rec.all());
        assertThat(rec.batches).as("most operations took the fast path").hasSizeGreaterThan(1000);
        Map<String, List<EngineEvent>> byThread = new HashMap<>();
        for (EngineEvent x : all) {
            byThread.computeIfAbsent(x.thread(), k -> new ArrayList<>()).add(x);
        }
        byThread.values().forEach(OperationEventsTest::assertIncreasingSeqs);
        all.sort(Comparator.comparingLong(EngineEvent::seq));
        assertThat(all.stream().map(EngineEvent::seq).distinct().count()).isEqualTo(all.size());
        Map<String, Integer> readers = new HashMap<>();
        String writer = null;
        int writes = 0;
        for (EngineEvent x : all) {
            if (x instanceof LockAcquired a && a.lock().equals(LsmEngine.STATE_LOCK)) {
                if (a.mode().equals("write")) {
                    assertThat(readers).as("readers when %s took the write side", a).isEmpty();
                    assertThat(writer).isNull();
                    writer = a.thread();
                    writes++;
                } else {
                    assertThat(writer).as("the writer when %s took the read side", a).isNull();
                    readers.merge(a.thread(), 1, Integer::sum);
                }
            } else if (x instanceof LockReleased r && r.lock().equals(LsmEngine.STATE_LOCK)) {
                if (r.mode().equals("write")) {
                    assertThat(writer).isEqualTo(r.thread());
                    writer = null;
                } else {
                    assertThat(readers).containsKey(r.thread());
                    readers.computeIfPresent(r.thread(), (k, n) -> n == 1 ? null : n - 1);
                }
            }
        }
        assertThat(readers).as("every read hold ended").isEmpty();
        assertThat(writer).isNull();
        assertThat(writes).as("freezes and flushes took the write side").isGreaterThan(10);
    }
}
