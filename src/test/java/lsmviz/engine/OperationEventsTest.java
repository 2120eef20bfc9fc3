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
import lsmviz.engine.event.EventListener;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A put's and a get's events at full detail: the same events in the order they happened, each
 * handed to the listeners with no engine lock held except the lock's own events.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OperationEventsTest {
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    /**
     * Keeps every event, and notes each operation event that reached it while the state lock was
     * held by the thread it was called on.
     */
    static final class BatchRecorder implements EventListener {
        final ConcurrentLinkedQueue<EngineEvent> events = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<EngineEvent> underStateLock = new ConcurrentLinkedQueue<>();
        volatile LsmEngine engine;

        @Override
        public void onEvent(EngineEvent event) {
            LsmEngine e = engine;
            boolean operation = event instanceof OperationStarted || event instanceof OperationFinished
                    || event instanceof MemtableWritten || event instanceof GetPath;
            if (operation && e != null && e.lockTable().view(LsmEngine.STATE_LOCK)
                    .isHeldBy(Thread.currentThread().getName(), LockMode.READ)) {
                underStateLock.add(event);
            }
            events.add(event);
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
    void aPutReportsItsFiveEventsInTheOrderTheyHappenedAndNoneUnderTheStateLock() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            rec.engine = e;
            rec.events.clear();
            long before = System.nanoTime();
            e.put(b("apple"), b("red"));
            long after = System.nanoTime();

            List<EngineEvent> put = rec.all();
            assertThat(kinds(put)).containsExactly("OperationStarted", "LockAcquired", "LockReleased",
                    "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(put);
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
            assertThat(released.lock()).isEqualTo(LsmEngine.STATE_LOCK);
            assertThat(released.heldNanos()).isEqualTo(released.nanos() - acquired.nanos());
            assertThat(written).extracting(MemtableWritten::key, MemtableWritten::tombstone,
                    MemtableWritten::memtableEntries).containsExactly("apple", false, 1L);
            assertThat(written.memtableId()).isEqualTo(e.snapshot().active().id());
            assertThat(written.memtableBytes()).isEqualTo(e.snapshot().active().sizeBytes());
            assertThat(finished).extracting(OperationFinished::op, OperationFinished::key, OperationFinished::outcome)
                    .containsExactly(EngineEvent.Op.PUT, "apple", "stored");
            assertThat(finished.durationNanos()).isEqualTo(finished.nanos() - started.nanos());
            assertThat(put).extracting(EngineEvent::nanos).isSorted().allSatisfy(t -> assertThat(t).isBetween(before, after));
            assertThat(rec.underStateLock).as("reported after the state lock is let go").isEmpty();

            rec.events.clear();
            e.delete(b("apple"));
            List<EngineEvent> delete = rec.all();
            assertThat(((MemtableWritten) delete.get(3)).tombstone()).isTrue();
            assertThat(((OperationFinished) delete.get(4)).outcome()).isEqualTo("deleted");
            assertThat(delete.get(0).seq()).isGreaterThan(put.get(4).seq());
        }
    }

    @Test
    void aGetReportsItsPathAfterLettingGoOfTheStateLock() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            rec.engine = e;
            e.put(b("apple"), b("red"));
            e.freeze();
            e.flushOldest();
            long table = e.snapshot().sstables().get(0).id();
            long active = e.snapshot().active().id();
            rec.events.clear();

            long before = System.nanoTime();
            assertThat(e.get(b("apple"))).isEqualTo(b("red"));
            long after = System.nanoTime();

            List<EngineEvent> get = rec.all();
            assertThat(kinds(get)).containsExactly("OperationStarted", "LockAcquired", "LockReleased", "GetPath",
                    "OperationFinished");
            assertIncreasingSeqs(get);
            GetPath path = (GetPath) get.get(3);
            assertThat(path.key()).isEqualTo("apple");
            assertThat(path.probes()).extracting(GetPath.Probe::memtable, GetPath.Probe::id, GetPath.Probe::verdict)
                    .containsExactly(tuple(true, active, "not found"), tuple(false, table, "found"));
            OperationFinished finished = (OperationFinished) get.get(4);
            assertThat(finished.outcome()).isEqualTo("found");
            assertThat(finished.durationNanos()).isEqualTo(finished.nanos() - get.get(0).nanos());
            assertThat(get).extracting(EngineEvent::nanos).isSorted().allSatisfy(t -> assertThat(t).isBetween(before, after));
            assertThat(rec.underStateLock).isEmpty();

            rec.events.clear();
            assertThat(e.get(b("pear"))).isNull();
            assertThat(((OperationFinished) rec.all().get(4)).outcome()).isEqualTo("not found");
        }
    }

    @Test
    void eachOperationNamesItsOwnKey() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        String longKey = "a-key-longer-than-thirty-two-bytes-" + "x".repeat(40);
        List<String> keys = List.of("apple", "fig", longKey, "kiwi", "a", longKey + "-even-longer", "b");
        try (LsmEngine e = LsmEngine.open(dir, fast(), rec)) {
            for (String k : keys) {
                e.put(b(k), b("v"));
                e.get(b(k));
                e.delete(b(k));
            }
        }
        List<String> expected = keys.stream().flatMap(k -> Stream.of(k, k, k)).toList();
        assertThat(rec.all().stream().filter(x -> x instanceof OperationStarted)
                .map(x -> ((OperationStarted) x).key()).toList()).isEqualTo(expected);
        assertThat(rec.all().stream().filter(x -> x instanceof OperationFinished f && f.op() != EngineEvent.Op.FLUSH
                && f.op() != EngineEvent.Op.FREEZE).map(x -> ((OperationFinished) x).key()).toList()).isEqualTo(expected);
    }

    @Test
    void withALogSyncAPutReportsTheSameEvents() throws IOException {
        BatchRecorder rec = new BatchRecorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG).withSyncMode(SyncMode.GROUP), rec)) {
            rec.events.clear();
            e.put(b("apple"), b("red"));
            List<EngineEvent> put = rec.all().stream().filter(x -> !(x instanceof EngineEvent.WalSynced)).toList();
            assertThat(kinds(put)).containsExactly("OperationStarted", "LockAcquired", "LockReleased",
                    "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(rec.all());
            assertThat(((OperationFinished) put.get(4)).durationNanos())
                    .isEqualTo(put.get(4).nanos() - put.get(0).nanos());
        }
    }

    @Test
    void aThreadPausedMidPutHasShownHowItGotThere() throws Exception {
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
            // it passed the point where a write makes room (no breakpoint there), then stopped
            assertThat(kinds(soFar)).containsExactly("OperationStarted", "StepReached", "LockAcquired", "StepReached");
            assertIncreasingSeqs(soFar);
            assertThat(((EngineEvent.StepReached) soFar.get(1)).point()).isEqualTo("PUT_MAKE_ROOM");
            assertThat(((EngineEvent.StepReached) soFar.get(1)).paused()).isFalse();
            assertThat(((EngineEvent.StepReached) soFar.get(3)).paused()).isTrue();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders())
                    .extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple("writer", LockMode.READ));

            e.stepGate().continueAll();
            joinOrFail(writer);
            List<EngineEvent> all = rec.of("writer");
            assertThat(kinds(all)).containsExactly("OperationStarted", "StepReached", "LockAcquired", "StepReached",
                    "StepResumed", "LockReleased", "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(all);
            LockAcquired acquired = (LockAcquired) all.get(2);
            LockReleased released = (LockReleased) all.get(5);
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
            assertThat(kinds(rec.of("writer"))).containsExactly("OperationStarted", "StepReached", "LockRequested");

            e.stepGate().continueAll();
            joinOrFail(freezer);
            joinOrFail(writer);
            List<EngineEvent> put = rec.of("writer");
            assertThat(kinds(put)).containsExactly("OperationStarted", "StepReached", "LockRequested", "LockAcquired",
                    "StepReached", "LockReleased", "MemtableWritten", "OperationFinished");
            assertIncreasingSeqs(put);
            assertThat(((LockRequested) put.get(2)).mode()).isEqualTo("read");
            LockAcquired acquired = (LockAcquired) put.get(3);
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
