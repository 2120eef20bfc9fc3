package lsmviz.engine.step;

import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StepGateTest {
    private final StepGate gate = new StepGate();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        gate.close();
        for (Thread t : threads) {
            t.join(5_000);
        }
    }

    /** A real thread that walks through the given points, logging "name@POINT" after each. */
    private Thread walker(String name, ProbePoint... points) {
        Thread t = new Thread(() -> {
            for (ProbePoint p : points) {
                gate.reach(p);
                log.add(name + "@" + p);
            }
            log.add(name + " done");
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private void awaitPausedAt(String thread, ProbePoint point) {
        within(10).until(() -> gate.paused().stream()
                .anyMatch(p -> p.thread().equals(thread) && p.point() == point));
    }

    @Test
    void runModeIsANoOpThatNeverCallsTheObserver() {
        List<ProbePoint> seen = new ArrayList<>();
        gate.setObserver(new StepGate.Observer() {
            @Override
            public void reached(ProbePoint point, boolean paused, long subject) {
                seen.add(point);
            }

            @Override
            public void resumed(ProbePoint point) {
                seen.add(point);
            }
        });
        assertThat(gate.mode()).isEqualTo(StepMode.RUN);
        for (ProbePoint p : ProbePoint.values()) {
            gate.reach(p);
        }
        assertThat(gate.paused()).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void stepModePausesAThreadAtABreakpointAndListsIt() throws InterruptedException {
        gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_ITERATE));
        gate.setMode(StepMode.STEP);
        Thread t = walker("flusher", ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE,
                ProbePoint.FLUSH_WRITE_RECORD);

        assertThat(gate.awaitPaused(ProbePoint.FLUSH_ITERATE, 10, TimeUnit.SECONDS)).isTrue();
        List<PausedThread> paused = gate.paused();
        assertThat(paused).hasSize(1);
        assertThat(paused.get(0).thread()).isEqualTo("flusher");
        assertThat(paused.get(0).point()).isEqualTo(ProbePoint.FLUSH_ITERATE);
        assertThat(log).containsExactly("flusher@FLUSH_SELECT_OLDEST");
        assertThat(t.isAlive()).isTrue();

        gate.continueAll();
        joinOrFail(t);
        assertThat(log).containsExactly("flusher@FLUSH_SELECT_OLDEST", "flusher@FLUSH_ITERATE",
                "flusher@FLUSH_WRITE_RECORD", "flusher done");
        assertThat(gate.paused()).isEmpty();
    }

    @Test
    void stepMovesTheNamedThreadToItsNextPointOnly() throws InterruptedException {
        gate.setBreakpoints(EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.FLUSH_SELECT_OLDEST));
        gate.setMode(StepMode.STEP);
        Thread writer = walker("writer", ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.GET_PROBE_MEMTABLE,
                ProbePoint.GET_PROBE_SSTABLE);
        Thread flusher = walker("flusher", ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE);
        awaitPausedAt("writer", ProbePoint.PUT_WRITE_MEMTABLE);
        awaitPausedAt("flusher", ProbePoint.FLUSH_SELECT_OLDEST);

        assertThat(gate.step("writer")).isEqualTo("writer");
        // GET_PROBE_MEMTABLE is no breakpoint, but a stepped thread stops at its very next point
        awaitPausedAt("writer", ProbePoint.GET_PROBE_MEMTABLE);
        assertThat(log).containsExactly("writer@PUT_WRITE_MEMTABLE");
        assertThat(gate.paused()).extracting(PausedThread::thread, PausedThread::point)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("writer", ProbePoint.GET_PROBE_MEMTABLE),
                        org.assertj.core.groups.Tuple.tuple("flusher", ProbePoint.FLUSH_SELECT_OLDEST));

        assertThat(gate.step("writer")).isEqualTo("writer");
        awaitPausedAt("writer", ProbePoint.GET_PROBE_SSTABLE);
        assertThat(gate.step("nobody")).isNull();

        gate.continueAll();
        joinOrFail(writer);
        joinOrFail(flusher);
        assertThat(log).containsSubsequence("writer@PUT_WRITE_MEMTABLE", "writer@GET_PROBE_MEMTABLE",
                "writer@GET_PROBE_SSTABLE", "writer done");
        assertThat(log).contains("flusher done");
    }

    @Test
    void stepWithoutANamePicksTheLongestPausedThread() {
        gate.setBreakpoints(EnumSet.of(ProbePoint.FREEZE_RECHECK));
        gate.setMode(StepMode.STEP);
        walker("first", ProbePoint.FREEZE_RECHECK);
        awaitPausedAt("first", ProbePoint.FREEZE_RECHECK);
        walker("second", ProbePoint.FREEZE_RECHECK);
        awaitPausedAt("second", ProbePoint.FREEZE_RECHECK);

        assertThat(gate.paused()).extracting(PausedThread::thread).containsExactly("first", "second");
        assertThat(gate.step(null)).isEqualTo("first");
        within(10).until(() -> log.contains("first done"));
        assertThat(gate.paused()).extracting(PausedThread::thread).containsExactly("second");
    }

    @Test
    void resumeRunsOneThreadOnToItsNextBreakpoint() throws InterruptedException {
        gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_WRITE_RECORD));
        gate.setMode(StepMode.STEP);
        Thread t = walker("flusher", ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ITERATE,
                ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ADD_SSTABLE);
        awaitPausedAt("flusher", ProbePoint.FLUSH_WRITE_RECORD);
        assertThat(gate.resume("flusher")).isEqualTo("flusher");
        within(10).until(() -> log.size() == 2 && !gate.paused().isEmpty());
        assertThat(log).containsExactly("flusher@FLUSH_WRITE_RECORD", "flusher@FLUSH_ITERATE");
        assertThat(gate.resume(null)).isEqualTo("flusher");
        joinOrFail(t);
    }

    @Test
    void continueAllReleasesEveryPausedThread() throws InterruptedException {
        gate.setBreakpoints(EnumSet.of(ProbePoint.GET_PROBE_MEMTABLE));
        gate.setMode(StepMode.STEP);
        Thread a = walker("a", ProbePoint.GET_PROBE_MEMTABLE);
        Thread b = walker("b", ProbePoint.GET_PROBE_MEMTABLE);
        within(10).until(() -> gate.paused().size() == 2);
        gate.continueAll();
        joinOrFail(a);
        joinOrFail(b);
        assertThat(log).contains("a done", "b done");
    }

    @Test
    void closeReleasesEveryPausedThreadAndTurnsTheGateOffForGood() throws InterruptedException {
        gate.setMode(StepMode.STEP); // every point is a breakpoint by default
        Thread a = walker("a", ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.PUT_CHECK_ROOM);
        Thread b = walker("b", ProbePoint.FLUSH_ADD_SSTABLE, ProbePoint.FLUSH_REMOVE_MEMTABLE);
        within(10).until(() -> gate.paused().size() == 2);

        gate.close();
        joinOrFail(a);
        joinOrFail(b);
        assertThat(gate.isClosed()).isTrue();
        assertThat(gate.mode()).isEqualTo(StepMode.RUN);
        assertThat(log).contains("a@PUT_CHECK_ROOM", "a done", "b@FLUSH_REMOVE_MEMTABLE", "b done");

        gate.setMode(StepMode.STEP); // a closed gate never pauses again
        Thread c = walker("c", ProbePoint.FREEZE_SWAP);
        joinOrFail(c);
        assertThat(log).contains("c done");
        assertThat(gate.awaitPaused(null, 10, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void switchingToRunReleasesPausedThreads() throws InterruptedException {
        gate.setMode(StepMode.STEP);
        Thread a = walker("a", ProbePoint.FREEZE_SWAP, ProbePoint.FREEZE_RECHECK);
        awaitPausedAt("a", ProbePoint.FREEZE_SWAP);
        gate.setMode(StepMode.RUN);
        joinOrFail(a);
        assertThat(gate.paused()).isEmpty();
    }

    @Test
    void pauseAtNextPointStopsAThreadAtAPointThatIsNoBreakpoint() {
        gate.setBreakpoints(Set.of());
        gate.setMode(StepMode.STEP);
        gate.pauseAtNextPoint();
        walker("w", ProbePoint.GET_PROBE_SSTABLE);
        awaitPausedAt("w", ProbePoint.GET_PROBE_SSTABLE);
        gate.continueAll();
        within(10).until(() -> log.contains("w done"));
        assertThat(gate.breakpoints()).isEmpty();
    }

    @Test
    void pointsThatAreNoBreakpointPassInStepMode() throws InterruptedException {
        gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_ADD_SSTABLE));
        gate.setMode(StepMode.STEP);
        Thread t = walker("w", ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.GET_PROBE_MEMTABLE);
        joinOrFail(t);
        assertThat(log).containsExactly("w@PUT_WRITE_MEMTABLE", "w@GET_PROBE_MEMTABLE", "w done");
    }

    @Test
    void observerHearsReachedPausedAndResumed() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        gate.setObserver(new StepGate.Observer() {
            @Override
            public void reached(ProbePoint point, boolean paused, long subject) {
                seen.add("reached " + point + (paused ? " paused" : ""));
            }

            @Override
            public void resumed(ProbePoint point) {
                seen.add("resumed " + point);
            }
        });
        gate.setBreakpoints(EnumSet.of(ProbePoint.FREEZE_SWAP));
        gate.setMode(StepMode.STEP);
        walker("w", ProbePoint.FREEZE_RECHECK, ProbePoint.FREEZE_SWAP);
        awaitPausedAt("w", ProbePoint.FREEZE_SWAP);
        gate.continueAll();
        within(10).until(() -> log.contains("w done"));
        assertThat(seen).containsExactly("reached FREEZE_RECHECK", "reached FREEZE_SWAP paused", "resumed FREEZE_SWAP");
    }

    @Test
    void interruptWhilePausedKeepsThreadPausedAndPreservesTheStatus() {
        gate.setMode(StepMode.STEP);
        List<Boolean> interrupted = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            gate.reach(ProbePoint.FREEZE_SWAP);
            interrupted.add(Thread.currentThread().isInterrupted());
        }, "w");
        t.setDaemon(true);
        threads.add(t);
        t.start();
        awaitPausedAt("w", ProbePoint.FREEZE_SWAP);
        t.interrupt();
        // still paused after the interrupt has been delivered
        within(10).until(() -> t.getState() == Thread.State.WAITING);
        assertThat(gate.paused()).extracting(PausedThread::thread).containsExactly("w");
        gate.continueAll();
        within(10).until(() -> !interrupted.isEmpty());
        assertThat(interrupted).containsExactly(true);
    }

    @Test
    void slowModeDelaysEachPoint() throws InterruptedException {
        gate.setSlowDelayMillis(60);
        gate.setMode(StepMode.SLOW);
        long t0 = System.nanoTime();
        gate.reach(ProbePoint.PUT_WRITE_MEMTABLE);
        gate.reach(ProbePoint.PUT_WRITE_MEMTABLE);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(elapsedMs).as("two points at 60 ms each").isGreaterThanOrEqualTo(100);
        assertThat(gate.paused()).isEmpty();
    }

    @Test
    void leavingSlowModeCutsASleepShort() throws InterruptedException {
        gate.setSlowDelayMillis(60_000);
        gate.setMode(StepMode.SLOW);
        Thread t = walker("slow", ProbePoint.FLUSH_WRITE_RECORD);
        within(10).until(() -> t.getState() == Thread.State.TIMED_WAITING);
        gate.setMode(StepMode.RUN);
        joinOrFail(t);
        assertThat(log).contains("slow done");
    }

    @Test
    void slowDelayOutsideRangeIsRejected() {
        assertThatThrownBy(() -> gate.setSlowDelayMillis(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1").hasMessageContaining("0..60000");
        assertThatThrownBy(() -> gate.setSlowDelayMillis(60_001)).isInstanceOf(IllegalArgumentException.class);
        gate.setSlowDelayMillis(0);
        assertThat(gate.slowDelayMillis()).isZero();
    }

    @Test
    void awaitPausedTimesOutWhenNobodyPauses() throws InterruptedException {
        gate.setMode(StepMode.STEP);
        assertThat(gate.awaitPaused(ProbePoint.FLUSH_ITERATE, 30, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void everyProbePointHasNarrationAndMarker() {
        for (ProbePoint p : ProbePoint.values()) {
            assertThat(p.narration()).isNotBlank();
            assertThat(p.marker()).isEqualTo("// @probe " + p.name());
        }
    }
}
