package lsmviz.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** "Continue to the end of the current operation": a paused flush runs its remaining steps, then stops at the next operation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FinishOperationTest {
    @TempDir
    Path dir;

    @Test
    void aPausedFlushRunsToItsEndAndTheThreadStopsAtItsNextOperation() throws Exception {
        List<String> pausedAt = new CopyOnWriteArrayList<>();
        Options o = Options.defaults().withFlushMode(Options.FlushMode.MANUAL).withSyncMode(SyncMode.NONE);
        try (LsmEngine e = LsmEngine.open(dir, o, ev -> {
            if (ev instanceof EngineEvent.StepReached r && r.paused()) {
                pausedAt.add(r.point());
            }
        })) {
            e.put(Bytes.utf8("a"), Bytes.utf8("1"));
            e.put(Bytes.utf8("b"), Bytes.utf8("2"));
            e.freeze();
            StepGate gate = e.stepGate();
            gate.setBreakpoints(java.util.EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE,
                    ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ADD_SSTABLE, ProbePoint.FLUSH_REMOVE_MEMTABLE));
            gate.setMode(StepMode.STEP);
            Thread worker = new Thread(() -> {
                e.flushOldest();
                e.put(Bytes.utf8("c"), Bytes.utf8("3")); // the next operation
            }, "teacher");
            worker.start();
            assertThat(gate.awaitPaused(ProbePoint.FLUSH_SELECT_OLDEST, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.finishOperation("teacher")).isEqualTo("teacher");
            // the flush runs through steps 2-5 without stopping at their breakpoints, then the put stops
            // at its first point (not a breakpoint: the thread was told to stop after its operation)
            assertThat(gate.awaitPaused(ProbePoint.PUT_MAKE_ROOM, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(e.snapshot().sstables()).as("the flush finished").hasSize(1);
            // the pause is registered just before its event is published: wait for the event too
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> pausedAt.size() >= 2);
            assertThat(pausedAt).containsExactly("FLUSH_SELECT_OLDEST", "PUT_MAKE_ROOM");
            gate.continueAll();
            gate.setMode(StepMode.RUN);
            worker.join(10_000);
            assertThat(e.get(Bytes.utf8("c"))).isEqualTo(Bytes.utf8("3"));
        }
    }
}
