package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real threads reading and writing while the flusher and the compactor change the levels under them. */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompactionConcurrencyTest {
    private static final int STABLE = 300;
    private static final int DELETED = 200;

    @TempDir
    Path dir;

    /** 4 KB memtables, 4 KB outputs, L0 at 2 tables, small levels: an install every few hundred writes. */
    private static Options busy() {
        return EngineTestSupport.background(4 * 1024).withSstableTargetBytes(4096).withSyncMode(SyncMode.NONE)
                .withCompaction(CompactionOptions.defaults().withL0(2, 8, 16).withLevels(8 * 1024, 2, 5));
    }

    private static String stable(int i) {
        return String.format("s%05d", i);
    }

    private static String deleted(int i) {
        return String.format("d%05d", i);
    }

    /** "v00000042-..." : the version is the number after the v. */
    private static int version(String value) {
        return Integer.parseInt(value.substring(1, 9));
    }

    private static String value(int version) {
        return String.format("v%08d-", version) + "p".repeat(30);
    }

    /** A thread that runs {@code body} until {@code stop}, keeping the first failure. */
    private static Thread loop(String name, AtomicBoolean stop, ConcurrentLinkedQueue<Throwable> failures,
            Runnable body) {
        Thread t = new Thread(() -> {
            try {
                while (!stop.get() && failures.isEmpty()) {
                    body.run();
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * One writer overwrites the stable keys with rising versions (and writes churn that keeps the
     * flusher and the compactor busy); readers and a scanner check, across many installs, that no
     * stable key is ever missing or older than its last acknowledged version, and that no deleted
     * key (whose old value lies deeper than its tombstone) comes back.
     */
    @Test
    void readersAndScansNeverMissAKeyNorSeeADeletedOneAcrossManyInstalls() throws Exception {
        AtomicInteger installs = new AtomicInteger();
        EventListener countInstalls = ev -> {
            if (ev instanceof EngineEvent.CompactionInstalled) {
                installs.incrementAndGet();
            }
        };
        try (LsmEngine e = LsmEngine.open(dir, busy(), countInstalls)) {
            AtomicIntegerArray acked = new AtomicIntegerArray(STABLE);
            for (int i = 0; i < STABLE; i++) {
                e.put(b(stable(i)), b(value(0)));
            }
            for (int i = 0; i < DELETED; i++) {
                e.put(b(deleted(i)), b("doomed"));
            }
            e.compact(); // the doomed values sit at the bottom ...
            for (int i = 0; i < DELETED; i++) {
                e.delete(b(deleted(i))); // ... and their tombstones come down on top of them
            }
            int installsBefore = installs.get();

            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            AtomicLong scans = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            int[] nextVersion = {1};
            Random wr = new Random(1);
            threads.add(loop("writer", stop, failures, () -> {
                int v = nextVersion[0]++;
                for (int i = 0; i < STABLE; i += 7) {
                    int k = (i + v) % STABLE;
                    e.put(b(stable(k)), b(value(v)));
                    acked.set(k, v); // acknowledged: every read that starts now sees v or newer
                    e.put(b(String.format("c%05d", wr.nextInt(5000))), b(value(v)));
                }
            }));
            for (int r = 0; r < 2; r++) {
                Random rr = new Random(100 + r);
                threads.add(loop("reader-" + r, stop, failures, () -> {
                    int k = rr.nextInt(STABLE);
                    int floor = acked.get(k);
                    String got = s(e.get(b(stable(k))));
                    assertThat(got).as("get %s", stable(k)).isNotNull();
                    assertThat(version(got)).as("get %s: acknowledged version %d", stable(k), floor)
                            .isGreaterThanOrEqualTo(floor);
                    String d = deleted(rr.nextInt(DELETED));
                    assertThat(e.get(b(d))).as("get %s, deleted", d).isNull();
                    reads.incrementAndGet();
                }));
            }
            threads.add(loop("scanner", stop, failures, () -> {
                int[] floors = new int[STABLE];
                for (int i = 0; i < STABLE; i++) {
                    floors[i] = acked.get(i);
                }
                List<KeyValue> got = e.scan(b("s"), b("t"));
                assertThat(got).as("scan of the stable keys").hasSize(STABLE);
                for (int i = 0; i < STABLE; i++) {
                    assertThat(s(got.get(i).key())).isEqualTo(stable(i));
                    assertThat(version(s(got.get(i).value()))).as("scan: %s", stable(i))
                            .isGreaterThanOrEqualTo(floors[i]);
                }
                assertThat(e.scan(b("d"), b("e"))).as("scan of the deleted keys").isEmpty();
                scans.incrementAndGet();
            }));
            threads.forEach(Thread::start);
            try {
                within(150).until(() -> !failures.isEmpty() || installs.get() - installsBefore >= 150 && scans.get() >= 50);
            } finally {
                stop.set(true);
                for (Thread t : threads) {
                    joinOrFail(t);
                }
            }
            if (!failures.isEmpty()) {
                throw new AssertionError("a thread failed after " + (installs.get() - installsBefore) + " installs",
                        failures.peek());
            }
            assertThat(reads.get()).isPositive();
            assertThat(e.awaitCompactions(60_000)).isTrue();
            CompactionEngineTest.checkLevels(e.snapshot(), "at the end");
            for (int i = 0; i < STABLE; i++) {
                assertThat(version(s(e.get(b(stable(i)))))).isEqualTo(acked.get(i));
            }
        }
    }

    /** Three writers, each with its own keys, put and delete while flushes and compactions run; nothing is lost. */
    @Test
    void concurrentWritersLoseNothingThroughCompactionsAndAReopen() throws Exception {
        int writers = 3;
        List<java.util.Map<String, String>> models = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Options opts = busy().withSyncMode(SyncMode.GROUP);
        try (LsmEngine e = LsmEngine.open(dir, opts)) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                java.util.TreeMap<String, String> model = new java.util.TreeMap<>();
                models.add(model);
                int id = w;
                Thread t = new Thread(() -> {
                    try {
                        Random r = new Random(id);
                        for (int i = 0; i < 4000; i++) {
                            String k = String.format("w%d-%04d", id, r.nextInt(600));
                            if (r.nextInt(4) == 0) {
                                e.delete(b(k));
                                model.remove(k);
                            } else {
                                e.put(b(k), b(value(i)));
                                model.put(k, value(i));
                            }
                        }
                    } catch (Throwable ex) {
                        failures.add(ex);
                    }
                }, "writer-" + w);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(120_000);
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            assertThat(failures).isEmpty();
            assertThat(e.awaitCompactions(60_000)).isTrue();
            assertWriters(e, models);
        }
        try (LsmEngine e = LsmEngine.open(dir, opts.withFlushMode(Options.FlushMode.MANUAL))) {
            assertWriters(e, models);
        }
    }

    private static void assertWriters(LsmEngine e, List<java.util.Map<String, String>> models) {
        for (int w = 0; w < models.size(); w++) {
            java.util.Map<String, String> model = models.get(w);
            for (int i = 0; i < 600; i++) {
                String k = String.format("w%d-%04d", w, i);
                assertThat(s(e.get(b(k)))).as("get %s", k).isEqualTo(model.get(k));
            }
            List<KeyValue> scanned = e.scan(b("w" + w + "-"), b("w" + w + "."));
            assertThat(scanned).extracting(kv -> s(kv.key())).containsExactlyElementsOf(model.keySet());
        }
        CompactionEngineTest.checkLevels(e.snapshot(), "after the writers");
    }

    /**
     * With the compactor paused at its pick and small L0 limits, writers are slowed, then stopped
     * with an L0 reason; they make no progress while stopped, and go on once the compactor runs.
     */
    @Test
    void writersStallOnATooDeepL0AndResumeOnceCompactionRuns() throws Exception {
        Recorder rec = new Recorder();
        Options opts = busy().withCompaction(CompactionOptions.defaults().withL0(2, 3, 4).withLevels(8 * 1024, 2, 5));
        try (LsmEngine e = LsmEngine.open(dir, opts, rec)) {
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_PICK));
            e.stepGate().setMode(StepMode.STEP);
            AtomicLong written = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int id = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < 1500; i++) {
                            e.put(b(String.format("w%d-%05d", id, i)), b(value(i)));
                            written.incrementAndGet();
                        }
                    } catch (Throwable ex) {
                        failures.add(ex);
                    }
                }, "writer-" + w);
                t.setDaemon(true);
                writers.add(t);
            }
            writers.forEach(Thread::start);

            within(30).until(() -> rec.of(EngineEvent.WriteStallBegan.class).stream()
                    .anyMatch(s -> s.reason().matches("L0 has \\d+ tables \\(writes stop at 4\\)")));
            assertThat(e.stepGate().paused()).extracting(PausedThread::thread, PausedThread::point)
                    .containsExactly(org.assertj.core.api.Assertions.tuple(LsmEngine.COMPACTOR_THREAD,
                            ProbePoint.COMPACT_PICK));
            assertThat(rec.of(EngineEvent.WriteStallBegan.class)).extracting(EngineEvent.WriteStallBegan::reason)
                    .anyMatch(r -> r.matches("L0 has 3 tables \\(writes slow down at 3\\)"));
            // stopped: no write goes through while the compactor stays paused
            within(30).until(() -> {
                long n = written.get();
                Thread.sleep(300);
                return written.get() == n;
            });
            long stoppedAt = written.get();
            assertThat(stoppedAt).isLessThan(3000);
            assertThat(CompactionTestSupport.l0Count(e)).isGreaterThanOrEqualTo(4);
            assertThat(writers).allMatch(Thread::isAlive);
            assertThat(failures).isEmpty();

            e.stepGate().setMode(StepMode.RUN);
            e.stepGate().continueAll();
            for (Thread t : writers) {
                joinOrFail(t);
            }
            assertThat(failures).isEmpty();
            assertThat(written.get()).isEqualTo(3000);
            int stopped = (int) rec.of(EngineEvent.WriteStallBegan.class).stream()
                    .filter(s -> s.reason().contains("writes stop at")).count();
            assertThat(rec.of(EngineEvent.WriteStallEnded.class)).as("every stall ended")
                    .hasSizeGreaterThanOrEqualTo(stopped);
            for (int w = 0; w < 2; w++) {
                for (int i = 0; i < 1500; i++) {
                    assertThat(s(e.get(b(String.format("w%d-%05d", w, i))))).isEqualTo(value(i));
                }
            }
        }
    }
}
