package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.s;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.CompactionTestSupport.Call;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.PausedThread;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The step gate inside a real engine: paused threads keep their locks and others visibly queue. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineStepGateTest {
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    private static void putAll(LsmEngine e, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            e.put(b(prefix + String.format("%03d", i)), b(prefix + "-value-" + i));
        }
    }

    private static void assertAllThere(LsmEngine e, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(s(e.get(b(prefix + String.format("%03d", i))))).isEqualTo(prefix + "-value-" + i);
        }
    }

    @Test
    void pausedFlushHoldsFreezeAndStateLocksWhileAFreezeQueuesAndCloseReleasesEverything() throws Exception {
        Recorder rec = new Recorder();
        LsmEngine e = LsmEngine.open(dir, manual(BIG), rec);
        Call<Boolean> flush;
        Call<Boolean> freeze;
        try {
            putAll(e, "a", 50);
            e.freeze();
            putAll(e, "b", 50); // the active memtable the second thread will want to freeze
            StepGate gate = e.stepGate();
            gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_ADD_SSTABLE));
            gate.setMode(StepMode.STEP);

            flush = new Call<>("flush-caller", e::flushOldest);
            assertThat(gate.awaitPaused(ProbePoint.FLUSH_ADD_SSTABLE, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.paused()).extracting(PausedThread::thread, PausedThread::point)
                    .containsExactly(tuple("flush-caller", ProbePoint.FLUSH_ADD_SSTABLE));

            LockView freezeLock = e.lockTable().view(LsmEngine.FREEZE_LOCK);
            LockView stateLock = e.lockTable().view(LsmEngine.STATE_LOCK);
            assertThat(freezeLock.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple("flush-caller", LockMode.EXCLUSIVE));
            assertThat(stateLock.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple("flush-caller", LockMode.WRITE));
            assertThat(freezeLock.waiters()).isEmpty();

            freeze = new Call<>("freezer", e::freeze);
            within(10).until(() -> e.lockTable().view(LsmEngine.FREEZE_LOCK).isAwaitedBy("freezer", LockMode.EXCLUSIVE)
                    && freeze.getState() == Thread.State.WAITING);
            LockView queued = e.lockTable().view(LsmEngine.FREEZE_LOCK);
            assertThat(queued.holders()).extracting(LockView.Holder::thread).containsExactly("flush-caller");
            assertThat(queued.waiters()).extracting(LockView.Waiter::thread, LockView.Waiter::mode)
                    .containsExactly(tuple("freezer", LockMode.EXCLUSIVE));
            assertThat(flush.isAlive()).isTrue();
            assertThat(rec.of(EngineEvent.StepReached.class))
                    .filteredOn(EngineEvent.StepReached::paused)
                    .extracting(EngineEvent.StepReached::thread, EngineEvent.StepReached::point)
                    .containsExactly(tuple("flush-caller", "FLUSH_ADD_SSTABLE"));
        } finally {
            e.close(); // releases the paused flusher; the freeze then runs; close flushes the rest
        }

        assertThat(flush.join20()).isTrue();
        assertThat(freeze.join20()).as("the queued freeze ran after the flush").isTrue();
        assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).holders()).isEmpty();
        assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();
        assertThat(e.stepGate().isClosed()).isTrue();
        List<EngineEvent> events = rec.all();
        assertThat(events.get(events.size() - 1)).isInstanceOf(EngineEvent.EngineClosed.class);
        assertThat(rec.of(EngineEvent.StepResumed.class)).extracting(EngineEvent.StepResumed::thread)
                .contains("flush-caller");
        // the flush finished before the freezer froze
        long flushDone = rec.of(EngineEvent.FlushFinished.class).get(0).seq();
        EngineEvent.MemtableFrozen byFreezer = rec.of(EngineEvent.MemtableFrozen.class).stream()
                .filter(f -> f.thread().equals("freezer")).findFirst().orElseThrow();
        assertThat(byFreezer.seq()).isGreaterThan(flushDone);

        try (LsmEngine again = LsmEngine.open(dir, manual(BIG))) {
            assertAllThere(again, "a", 50);
            assertAllThere(again, "b", 50);
            assertThat(again.snapshot().sstables()).hasSize(2);
            assertThat(again.snapshot().immutables()).isEmpty();
        }
    }

    @Test
    void pausedWriterHoldsStateReadLockWhileAFreezeWaitsForTheWriteSide() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("first"), b("1"));
            long activeId = e.snapshot().active().id();
            StepGate gate = e.stepGate();
            gate.setBreakpoints(EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE));
            gate.setMode(StepMode.STEP);

            Call<Void> writer = new Call<>("writer", () -> {
                e.put(b("k"), b("v"));
                return null;
            });
            assertThat(gate.awaitPaused(ProbePoint.PUT_WRITE_MEMTABLE, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).isHeldBy("writer", LockMode.READ)).isTrue();

            Call<Boolean> freezer = new Call<>("freezer", e::freeze);
            within(10).until(() -> e.lockTable().view(LsmEngine.STATE_LOCK).isAwaitedBy("freezer", LockMode.WRITE));
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).isHeldBy("freezer", LockMode.EXCLUSIVE)).isTrue();

            // a reader arriving now queues behind the waiting freeze (fair lock)
            Call<byte[]> reader = new Call<>("reader", () -> e.get(b("first")));
            within(10).until(() -> e.lockTable().view(LsmEngine.STATE_LOCK).isAwaitedBy("reader", LockMode.READ));
            LockView state = e.lockTable().view(LsmEngine.STATE_LOCK);
            assertThat(state.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                    .containsExactly(tuple("writer", LockMode.READ));
            assertThat(state.waiters()).extracting(LockView.Waiter::thread, LockView.Waiter::mode)
                    .containsExactly(tuple("freezer", LockMode.WRITE), tuple("reader", LockMode.READ));
            assertThat(writer.isAlive() && freezer.isAlive() && reader.isAlive()).isTrue();

            gate.continueAll();
            writer.join20();
            assertThat(freezer.join20()).isTrue();
            assertThat(s(reader.join20())).isEqualTo("1");

            // the write landed in the memtable before it was frozen, not lost between the two
            EngineSnapshot snap = e.snapshot();
            assertThat(snap.immutables()).extracting(EngineSnapshot.MemtableSummary::id).containsExactly(activeId);
            assertThat(e.inspector().memtableEntries(activeId, 10)).extracting(kv -> s(kv.key())).containsExactly("first", "k");
            assertThat(snap.active().entries()).isZero();
        }
        try (LsmEngine again = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(again.get(b("k")))).isEqualTo("v");
        }
    }

    private record Stop(ProbePoint point, boolean freezeLock, LockMode stateLock) {}

    @Test
    void steppingAFlushWalksTheFiveStepsHoldingTheDocumentedLocks() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("x"), b("1"));
            e.put(b("y"), b("2"));
            e.put(b("z"), b("3"));
            e.freeze();
            StepGate gate = e.stepGate();
            gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST));
            gate.setMode(StepMode.STEP);
            Call<Boolean> flush = new Call<>("flush-caller", e::flushOldest);

            List<Stop> stops = new ArrayList<>();
            while (true) {
                within(10).until(() -> !flush.isAlive() || !gate.paused().isEmpty());
                List<PausedThread> paused = gate.paused();
                if (paused.isEmpty()) {
                    break;
                }
                PausedThread p = paused.get(0);
                assertThat(p.thread()).isEqualTo("flush-caller");
                LockView state = e.lockTable().view(LsmEngine.STATE_LOCK);
                LockMode mode = state.isHeldBy("flush-caller", LockMode.WRITE) ? LockMode.WRITE
                        : state.isHeldBy("flush-caller", LockMode.READ) ? LockMode.READ : null;
                stops.add(new Stop(p.point(),
                        e.lockTable().view(LsmEngine.FREEZE_LOCK).isHeldBy("flush-caller", LockMode.EXCLUSIVE), mode));
                assertThat(gate.step("flush-caller")).isEqualTo("flush-caller");
                assertThat(stops).hasSizeLessThan(20);
            }
            assertThat(flush.join20()).isTrue();
            assertThat(stops).containsExactly(
                    new Stop(ProbePoint.FLUSH_SELECT_OLDEST, true, LockMode.READ),
                    new Stop(ProbePoint.FLUSH_ITERATE, true, null),
                    new Stop(ProbePoint.FLUSH_WRITE_RECORD, true, null),
                    new Stop(ProbePoint.FLUSH_WRITE_RECORD, true, null),
                    new Stop(ProbePoint.FLUSH_WRITE_RECORD, true, null),
                    new Stop(ProbePoint.FLUSH_ADD_SSTABLE, true, LockMode.WRITE),
                    new Stop(ProbePoint.FLUSH_REMOVE_MEMTABLE, true, LockMode.WRITE));
            assertThat(e.snapshot().sstables()).hasSize(1);
        }
    }

    @Test
    void getPausedAtAnSSTableProbeHoldsNoLockSoFreezeAndFlushGoOn() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("old"), b("1"));
            e.freeze();
            e.flushOldest();
            StepGate gate = e.stepGate();
            gate.setBreakpoints(EnumSet.of(ProbePoint.GET_PROBE_SSTABLE));
            gate.setMode(StepMode.STEP);
            Call<byte[]> reader = new Call<>("reader", () -> e.get(b("old")));
            assertThat(gate.awaitPaused(ProbePoint.GET_PROBE_SSTABLE, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).holders()).isEmpty();

            gate.setBreakpoints(EnumSet.noneOf(ProbePoint.class)); // let this thread's work through
            e.put(b("new"), b("2"));
            assertThat(e.freeze()).isTrue();
            assertThat(e.flushOldest()).isTrue();
            assertThat(reader.isAlive()).isTrue();

            gate.continueAll();
            assertThat(s(reader.join20())).isEqualTo("1");
        }
    }

    @Test
    void closeReleasesAWriterPausedInsideTheStateLockAndKeepsItsWrite() throws Exception {
        LsmEngine e = LsmEngine.open(dir, manual(BIG));
        Call<Void> writer;
        try {
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE));
            e.stepGate().setMode(StepMode.STEP);
            writer = new Call<>("writer", () -> {
                e.put(b("k"), b("v"));
                return null;
            });
            assertThat(e.stepGate().awaitPaused(ProbePoint.PUT_WRITE_MEMTABLE, 10, TimeUnit.SECONDS)).isTrue();
        } finally {
            e.close();
        }
        writer.join20();
        try (LsmEngine again = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(again.get(b("k")))).isEqualTo("v");
        }
    }

    @Test
    void slowModeDelaysEngineOperationsAndReportsUnpausedSteps() throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG), rec)) {
            e.stepGate().setSlowDelayMillis(50);
            e.stepGate().setMode(StepMode.SLOW);
            long t0 = System.nanoTime();
            e.put(b("k"), b("v"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            e.stepGate().setMode(StepMode.RUN);
            assertThat(ms).as("two probe points at 50 ms each").isGreaterThanOrEqualTo(90);
            assertThat(rec.of(EngineEvent.StepReached.class))
                    .extracting(EngineEvent.StepReached::point, EngineEvent.StepReached::paused)
                    .containsExactly(tuple("PUT_MAKE_ROOM", false), tuple("PUT_WRITE_MEMTABLE", false));
            assertThat(rec.of(EngineEvent.StepReached.class).get(1).narration())
                    .isEqualTo(ProbePoint.PUT_WRITE_MEMTABLE.narration());
        }
    }

    @Test
    void everyProbePointIsMarkedOnTheLineAboveItsCallInTheEngineSource() throws IOException {
        // the engine's stories: each point is marked in one of them
        List<String> lines = new ArrayList<>();
        for (String file : ProbePoint.sourceFiles()) {
            lines.addAll(Files.readAllLines(Path.of("src/main/java/lsmviz/engine", file)));
        }
        for (ProbePoint p : ProbePoint.values()) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals(p.marker())) {
                    at.add(i);
                }
            }
            assertThat(at).as("marker of " + p).hasSize(1);
            // the call, with or without what the thread reports before it is shown there
            assertThat(lines.get(at.get(0) + 1).strip()).as("the line after the marker of %s", p)
                    .matches("gate\\.reach\\(ProbePoint\\." + p.name() + "(, [a-z][A-Za-z]*(\\.[a-z][A-Za-z]*\\(\\))?)?\\);");
        }
    }
}
