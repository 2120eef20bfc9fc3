package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.background;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.FlushFinished;
import lsmviz.engine.event.EngineEvent.MemtableFrozen;
import lsmviz.engine.event.EngineEvent.WriteStallBegan;
import lsmviz.engine.event.EngineEvent.WriteStallEnded;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real threads: writers, readers and the background flusher on one engine with tiny memtables. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineConcurrencyTest {
    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    /** A thread whose failure (assertion or exception) is recorded, not lost. */
    private Thread worker(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(Thread.currentThread().getName() + ": " + e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static void startAll(List<Thread> ts) {
        ts.forEach(Thread::start);
    }

    private static void joinAll(List<Thread> ts) throws InterruptedException {
        for (Thread t : ts) {
            joinOrFail(t);
        }
    }

    @Test
    void writersReadersAndFlusherTogetherLoseNoAcknowledgedWrite() throws Exception {
        int writers = 3;
        int opsPerWriter = 700;
        Recorder rec = new Recorder();
        Options options = background(1024).withMaxImmutableMemtables(2);
        List<Map<String, String>> expected = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readerRounds = new AtomicInteger();

        try (LsmEngine e = LsmEngine.open(dir, options)) {
            e.addListener(ev -> {
                if (ev instanceof MemtableFrozen || ev instanceof FlushFinished || ev instanceof WriteStallBegan) {
                    rec.onEvent(ev);
                }
            });
            List<Thread> writerThreads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Map<String, String> mine = new HashMap<>();
                expected.add(mine);
                int id = w;
                writerThreads.add(worker("writer-" + w, () -> {
                    Random rnd = new Random(1000 + id);
                    for (int i = 0; i < opsPerWriter; i++) {
                        String k = "w" + id + "-" + String.format("%03d", rnd.nextInt(80));
                        if (rnd.nextInt(5) == 0) {
                            e.delete(b(k));
                            mine.remove(k);
                        } else {
                            String v = k + "@" + i;
                            e.put(b(k), b(v));
                            mine.put(k, v);
                        }
                        // read your own write: nobody else writes this key
                        String got = s(e.get(b(k)));
                        if (!java.util.Objects.equals(got, mine.get(k))) {
                            throw new AssertionError("read-your-write of " + k + ": expected " + mine.get(k)
                                    + ", got " + got);
                        }
                    }
                }));
            }
            List<Thread> readerThreads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int id = r;
                readerThreads.add(worker("reader-" + r, () -> {
                    Random rnd = new Random(2000 + id);
                    while (writing.get()) {
                        String from = "w" + rnd.nextInt(writers) + "-" + String.format("%03d", rnd.nextInt(80));
                        List<KeyValue> got = e.scan(b(from), null);
                        byte[] prev = null;
                        for (KeyValue kv : got) {
                            if (kv.isTombstone()) {
                                throw new AssertionError("scan returned a tombstone for " + s(kv.key()));
                            }
                            if (prev != null && Bytes.compare(prev, kv.key()) >= 0) {
                                throw new AssertionError("scan out of order: " + s(prev) + " then " + s(kv.key()));
                            }
                            if (!s(kv.value()).startsWith(s(kv.key()) + "@")) {
                                throw new AssertionError("value " + s(kv.value()) + " under key " + s(kv.key()));
                            }
                            prev = kv.key();
                        }
                        e.get(b(from));
                        readerRounds.incrementAndGet();
                    }
                }));
            }
            startAll(readerThreads);
            startAll(writerThreads);
            joinAll(writerThreads);
            writing.set(false);
            joinAll(readerThreads);
            assertThat(failures).isEmpty();
            assertThat(readerRounds.get()).isPositive();

            TreeMap<String, String> all = new TreeMap<>();
            expected.forEach(all::putAll);
            assertLastValues(e, expected, writers);
            assertThat(renderScan(e)).containsExactlyElementsOf(render(all));

            List<MemtableFrozen> frozen = rec.of(MemtableFrozen.class);
            assertThat(frozen).hasSizeGreaterThan(10);
            Set<Long> frozenIds = new HashSet<>();
            for (MemtableFrozen f : frozen) {
                assertThat(frozenIds.add(f.memtableId())).as("memtable #%d frozen twice", f.memtableId()).isTrue();
                assertThat(f.sizeBytes()).as("writers freeze only full memtables").isGreaterThanOrEqualTo(1024);
            }
            assertThat(rec.of(FlushFinished.class)).extracting(FlushFinished::thread).containsOnly(LsmEngine.FLUSHER_THREAD);
        }
        Set<Long> flushed = new HashSet<>();
        for (FlushFinished f : rec.of(FlushFinished.class)) {
            assertThat(flushed.add(f.memtableId())).as("memtable #%d flushed twice", f.memtableId()).isTrue();
        }
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            assertLastValues(again, expected, writers);
        }
    }

    private static void assertLastValues(LsmEngine e, List<Map<String, String>> expected, int writers) {
        for (int w = 0; w < writers; w++) {
            for (int k = 0; k < 80; k++) {
                String key = "w" + w + "-" + String.format("%03d", k);
                assertThat(s(e.get(b(key)))).as(key).isEqualTo(expected.get(w).get(key));
            }
        }
    }

    private static List<String> renderScan(LsmEngine e) {
        return e.scan(null, null).stream().map(kv -> s(kv.key()) + "=" + s(kv.value())).toList();
    }

    private static List<String> render(Map<String, String> m) {
        return m.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).toList();
    }

    @Test
    void readerNeverMissesAKeyWrittenBeforeItStartedWhileFlushesRun() throws Exception {
        Recorder rec = new Recorder();
        int preloaded = 200;
        try (LsmEngine e = LsmEngine.open(dir, background(1024))) {
            for (int i = 0; i < preloaded; i++) {
                e.put(b(String.format("pre-%03d", i)), b("value-" + i));
            }
            // part of the preloaded data is still in memtables: it gets flushed under the readers
            assertThat(e.snapshot().active().entries() + e.snapshot().immutables().size()).isPositive();
            e.addListener(ev -> {
                if (ev instanceof FlushFinished) {
                    rec.onEvent(ev);
                }
            });
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger rounds = new AtomicInteger();
            java.util.concurrent.atomic.AtomicIntegerArray acked = new java.util.concurrent.atomic.AtomicIntegerArray(2);
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int id = r;
                readers.add(worker("reader-" + r, () -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < preloaded; i++) {
                        order.add(i);
                    }
                    Random rnd = new Random(id);
                    do {
                        Collections.shuffle(order, rnd);
                        for (int i : order) {
                            String got = s(e.get(b(String.format("pre-%03d", i))));
                            if (!("value-" + i).equals(got)) {
                                throw new AssertionError("pre-" + i + " read as " + got + " in round " + rounds.get());
                            }
                            // and a recent write acknowledged before this get began: the ones most
                            // likely to sit in a memtable that is being flushed right now
                            int w = rnd.nextInt(acked.length());
                            int n = acked.get(w);
                            if (n > 0) {
                                int k = Math.max(0, n - 1 - rnd.nextInt(20));
                                String key = "new-" + w + "-" + k;
                                if (s(e.get(b(key))) == null) {
                                    throw new AssertionError(key + " (acknowledged) read as missing");
                                }
                            }
                        }
                        rounds.incrementAndGet();
                    } while (writing.get());
                }));
            }
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int id = w;
                writers.add(worker("writer-" + w, () -> {
                    for (int i = 0; i < 800; i++) {
                        e.put(b("new-" + id + "-" + i), b("x".repeat(20)));
                        acked.set(id, i + 1);
                    }
                }));
            }
            Thread freezer = worker("freezer", () -> {
                while (writing.get()) {
                    e.freeze();
                    e.flushOldest();
                }
            });
            startAll(readers);
            startAll(writers);
            freezer.start();
            joinAll(writers);
            // let the readers finish at least one more round with every flush done
            within(30).until(() -> e.snapshot().immutables().isEmpty());
            int roundsNow = rounds.get();
            within(30).until(() -> rounds.get() >= roundsNow + 2 || !failures.isEmpty());
            writing.set(false);
            joinAll(readers);
            joinOrFail(freezer);

            assertThat(failures).isEmpty();
            assertThat(rec.of(FlushFinished.class)).as("flushes ran while the readers read").hasSizeGreaterThan(10);
            assertThat(rounds.get()).isGreaterThan(2);
        }
    }

    @Test
    void writersStallWhenTheQueueIsFullAndGoOnWhenTheFlusherFreesASlot() throws Exception {
        Recorder rec = new Recorder();
        Options options = background(1024).withMaxImmutableMemtables(1);
        try (LsmEngine e = LsmEngine.open(dir, options, ev -> {
            if (ev instanceof WriteStallBegan || ev instanceof WriteStallEnded || ev instanceof FlushFinished) {
                rec.onEvent(ev);
            }
        })) {
            // hold the flusher at its first record: the one slot stays taken
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_WRITE_RECORD));
            e.stepGate().setMode(StepMode.STEP);
            Thread writer = worker("writer", () -> {
                for (int i = 0; i < 60; i++) {
                    e.put(b(String.format("k%03d", i)), b("value-" + i));
                }
            });
            writer.start();

            within(10).until(() -> !rec.of(WriteStallBegan.class).isEmpty());
            WriteStallBegan began = rec.of(WriteStallBegan.class).get(0);
            assertThat(began.thread()).isEqualTo("writer");
            assertThat(began.queueLength()).isEqualTo(1);
            assertThat(began.maxQueueLength()).isEqualTo(1);
            // the writer may stall a moment before the flusher reaches its first record
            within(10).until(() -> !e.stepGate().paused().isEmpty());
            assertThat(e.stepGate().paused()).extracting(PausedThread::thread, PausedThread::point)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(LsmEngine.FLUSHER_THREAD,
                            ProbePoint.FLUSH_WRITE_RECORD));
            // the stalled writer waits holding no lock; the paused flusher holds the freeze lock
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.EXCLUSIVE))
                    .isTrue();
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).hasSize(1);
            assertThat(snap.active().sizeBytes()).isGreaterThanOrEqualTo(1024);
            Thread.sleep(100); // the writer stays stalled while the flusher is held (not a timing assertion)
            assertThat(writer.isAlive()).isTrue();
            assertThat(rec.of(WriteStallEnded.class)).isEmpty();
            assertThat(rec.of(FlushFinished.class)).isEmpty();

            e.stepGate().setMode(StepMode.RUN);
            joinOrFail(writer);
            assertThat(failures).isEmpty();

            List<WriteStallEnded> ended = rec.of(WriteStallEnded.class);
            assertThat(ended).isNotEmpty();
            assertThat(ended).extracting(EngineEvent::thread).containsOnly("writer");
            assertThat(ended.get(0).seq()).isGreaterThan(began.seq());
            assertThat(ended.get(0).stalledNanos()).isPositive();
            assertThat(ended).hasSameSizeAs(rec.of(WriteStallBegan.class));
            for (int i = 0; i < 60; i++) {
                assertThat(s(e.get(b(String.format("k%03d", i))))).isEqualTo("value-" + i);
            }
        }
    }

    @Test
    void writeStallWithASlowFlusherInSlowMotion() throws Exception {
        Recorder rec = new Recorder();
        Options options = background(1024).withMaxImmutableMemtables(1);
        try (LsmEngine e = LsmEngine.open(dir, options, ev -> {
            if (ev instanceof WriteStallBegan || ev instanceof WriteStallEnded) {
                rec.onEvent(ev);
            }
        })) {
            e.stepGate().setSlowDelayMillis(5);
            e.stepGate().setMode(StepMode.SLOW);
            // Four writers against one flusher that sleeps at every record: they outrun it.
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int id = w;
                writers.add(worker("writer-" + w, () -> {
                    for (int i = 0; i < 40; i++) {
                        e.put(b("w" + id + "-" + i), b("value-" + i));
                    }
                }));
            }
            startAll(writers);
            joinAll(writers);
            e.stepGate().setMode(StepMode.RUN);
            assertThat(failures).isEmpty();
            assertThat(rec.of(WriteStallBegan.class)).isNotEmpty();
            assertThat(rec.of(WriteStallEnded.class)).hasSameSizeAs(rec.of(WriteStallBegan.class));
            for (int w = 0; w < 4; w++) {
                for (int i = 0; i < 40; i++) {
                    assertThat(s(e.get(b("w" + w + "-" + i)))).isEqualTo("value-" + i);
                }
            }
        }
    }
}
