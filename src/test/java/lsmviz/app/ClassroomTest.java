package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.app.model.VisualState;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Classroom mode on the real window: stepping through a flush, the code pane, the locks, history. */
class ClassroomTest extends WindowTestBase {
    @Test
    void steppingThroughAFlushHighlightsEachOfTheFiveStepsWhileTheFlusherHoldsTheFreezeLock(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        put(robot, "k1", "v1");
        put(robot, "k2", "v2");
        waitUntil(() -> showsText(robot, "#memoryView", "2 entries"));
        robot.clickOn("#modeStep"); // default breakpoints: each flush step
        robot.clickOn("#freezeButton"); // the background flusher takes the frozen memtable and stops
        List<ProbePoint> order = List.of(ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE,
                ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ADD_SSTABLE,
                ProbePoint.FLUSH_REMOVE_MEMTABLE);
        List<ProbePoint> seen = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (ProbePoint expected : order) {
            assertThat(e.stepGate().awaitPaused(expected, 20, TimeUnit.SECONDS)).as("paused at %s", expected).isTrue();
            waitUntil(() -> app.controller().codePane().shownPoint() == expected
                    && showsText(robot, "#lockPanel", "flusher · exclusive"));
            seen.add(app.controller().codePane().shownPoint());
            lines.add(app.controller().codePane().highlightedSourceLine());
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.EXCLUSIVE))
                    .as("the flusher holds the freeze lock at %s", expected).isTrue();
            assertThat(showsText(robot, "#stepBar", expected.narration().substring(0, 20))).isTrue();
            robot.clickOn("#stepButton");
        }
        assertThat(seen).containsExactlyElementsOf(order);
        assertThat(lines.get(0)).isLessThan(lines.get(4)).as("the code pane moves down the flush");
        waitUntil(() -> app.controller().visibleState().sstables().size() == 1);
        robot.clickOn("#modeLive");

        // scrub back: the picture before the flush had one immutable memtable and no SSTable
        var history = app.controller().timeline().history();
        int beforeFlush = -1;
        for (var m : history.markers()) {
            if (m.kind() == lsmviz.app.history.EventHistory.Kind.FLUSH) {
                beforeFlush = m.index();
                break;
            }
        }
        assertThat(beforeFlush).isPositive();
        int position = beforeFlush;
        robot.interact(() -> app.controller().timeline().setPosition(position));
        waitUntil(() -> !app.controller().timeline().isLive());
        VisualState earlier = app.controller().visibleState();
        assertThat(earlier.sstables()).isEmpty();
        assertThat(earlier.immutables()).hasSize(1);
        assertThat(showsText(robot, "#diskView", "0 SSTables")).isTrue();
        robot.interact(() -> app.controller().timeline().goLive());
        waitUntil(() -> app.controller().visibleState().sstables().size() == 1);
    }

    @Test
    void anExportedTraceReplaysWithoutAnEngine(FxRobot robot, @TempDir Path dir) throws Exception {
        engine();
        put(robot, "apple", "red");
        robot.clickOn("#freezeButton");
        waitUntil(() -> app.controller().visibleState().sstables().size() == 1);
        Path trace = dir.resolve("lesson.jsonl");
        app.controller().exportTrace(trace).get(20, TimeUnit.SECONDS);
        app.controller().openTrace(trace).get(20, TimeUnit.SECONDS);
        waitUntil(() -> !app.controller().timeline().isLive() || app.controller().messageText().startsWith("REPLAY"));
        assertThat(app.controller().messageText()).startsWith("REPLAY");
        robot.interact(() -> app.controller().timeline().setPosition(app.controller().timeline().history().size()));
        waitUntil(() -> app.controller().visibleState().sstables().size() == 1);
        assertThat(app.controller().visibleState().sstables().get(0).entries()).isEqualTo(1);
    }
}
