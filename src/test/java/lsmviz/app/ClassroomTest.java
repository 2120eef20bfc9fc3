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
            waitUntil(() -> view().codePane().shownPoint() == expected
                    && showsText(robot, "#freezeLockCard", "held by flusher (exclusive)"));
            seen.add(view().codePane().shownPoint());
            lines.add(view().codePane().highlightedSourceLine());
            assertThat(e.lockTable().view(LsmEngine.FREEZE_LOCK).isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.EXCLUSIVE))
                    .as("the flusher holds the freeze lock at %s", expected).isTrue();
            waitUntil(() -> showsText(robot, "#narrationView", expected.narration().substring(0, 20)));
            assertThat(showsText(robot, "#codePane", "flusher is paused in Flush.")).isTrue();
            robot.clickOn("#stepButton");
        }
        assertThat(seen).containsExactlyElementsOf(order);
        assertThat(lines.get(0)).isLessThan(lines.get(4)).as("the code pane moves down the flush");
        waitUntil(() -> view().visibleState().sstables().size() == 1);
        robot.clickOn("#modeLive");

        // scrub back: the picture before the flush had one immutable memtable and no SSTable
        var history = view().history().timeline().history();
        int beforeFlush = -1;
        for (var m : history.markers()) {
            if (m.kind() == lsmviz.app.history.EventHistory.Kind.FLUSH) {
                beforeFlush = m.index();
                break;
            }
        }
        assertThat(beforeFlush).isPositive();
        int position = beforeFlush;
        robot.interact(() -> view().history().show(position));
        waitUntil(() -> !view().history().showsLive());
        VisualState earlier = view().visibleState();
        assertThat(earlier.sstables()).isEmpty();
        assertThat(earlier.immutables()).hasSize(1);
        assertThat(showsText(robot, "#diskView", "0 SSTables")).isTrue();
        assertThat(showsText(robot, "#narrationView", "History")).isTrue();
        robot.interact(() -> view().history().show(-1));
        waitUntil(() -> view().visibleState().sstables().size() == 1);
    }

    @Test
    void whileTheTimelineShowsHistoryTheCodePaneShowsTheCodeOfThatMoment(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        put(robot, "k1", "v1");
        robot.clickOn("#modeStep");
        robot.clickOn("#freezeButton");
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_SELECT_OLDEST, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> view().codePane().shownPoint() == ProbePoint.FLUSH_SELECT_OLDEST);
        robot.clickOn("#stepButton");
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_ITERATE, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> view().codePane().shownPoint() == ProbePoint.FLUSH_ITERATE);
        robot.clickOn("#timelineEarlier"); // the moment the flusher stopped at step 1
        waitUntil(() -> view().codePane().shownPoint() == ProbePoint.FLUSH_SELECT_OLDEST);
        robot.clickOn("#timelineLive");
        waitUntil(() -> view().codePane().shownPoint() == ProbePoint.FLUSH_ITERATE);
        robot.clickOn("#modeLive"); // lets the flush finish
        waitUntil(() -> view().visibleState().sstables().size() == 1 && view().codePane().shownPoint() == null);
    }

    @Test
    void anExportedTraceReplaysWithoutAnEngine(FxRobot robot, @TempDir Path dir) throws Exception {
        engine();
        put(robot, "apple", "red");
        robot.clickOn("#freezeButton");
        waitUntil(() -> view().visibleState().sstables().size() == 1);
        Path trace = dir.resolve("lesson.jsonl");
        view().history().exportTrace(trace).get(20, TimeUnit.SECONDS);
        robot.interact(() -> view().history().openTrace(trace).thenAccept(text -> view().say(text)));
        waitUntil(() -> view().narrationText().startsWith("REPLAY"));
        assertThat(showsText(robot, "#narrationView", "Replay of lesson.jsonl")).isTrue();
        robot.interact(() -> view().history().show(view().history().size()));
        waitUntil(() -> view().visibleState().sstables().size() == 1);
        assertThat(view().visibleState().sstables().get(0).entries()).isEqualTo(1);
        robot.interact(() -> view().history().backToEngine());
        waitUntil(() -> view().history().showsLive());
    }
}
