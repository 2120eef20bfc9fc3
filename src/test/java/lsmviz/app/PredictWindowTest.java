package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Predict mode on the real window: a question at a paused step, answered, checked against the engine. */
class PredictWindowTest extends WindowTestBase {
    @Test
    void oneFlushPredictedRightAndOneWrongEachCheckedAgainstTheMemtableTheEngineReallyFlushed(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        robot.clickOn("#autoFlushToggle"); // off: the frozen memtables wait for the Flush button
        waitUntil(() -> !e.autoFlush());
        for (String k : new String[] {"apple", "banana"}) {
            put(robot, k, "v");
            waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
            robot.clickOn("#freezeButton");
            waitUntil(() -> showsText(robot, "#memoryView", "0 entries"));
        }
        waitUntil(() -> view().visibleState().immutables().size() == 2);
        robot.clickOn("#predictToggle");
        robot.clickOn("#modeStep");
        app.session().steps().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST));

        long oldest = view().visibleState().immutables().get(1).id();
        robot.clickOn("#flushButton");
        waitUntil(() -> robot.lookup("#predictCard").query().isVisible()
                && showsText(robot, "#predictCard", "Which memtable will this flush write"));
        assertThat(showsText(robot, "#predictChoice1", "memtable #" + oldest)).isTrue();
        robot.clickOn("#predictChoice1");
        try {
            waitUntil(() -> text(robot, "#predictFeedback").startsWith("Right: the flush took memtable #" + oldest));
        } catch (java.util.concurrent.TimeoutException t) {
            throw new AssertionError("feedback: " + text(robot, "#predictFeedback") + " oldest " + oldest, t);
        }
        assertThat(text(robot, "#predictScore")).isEqualTo("Predictions: 1 of 1 right");
        robot.clickOn("#continueButton"); // the answer moved the flusher one step; the rest of the flush runs
        waitUntil(() -> view().visibleState().sstables().size() == 1);

        robot.clickOn("#modeLive");
        put(robot, "cherry", "v");
        waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
        robot.clickOn("#freezeButton");
        waitUntil(() -> view().visibleState().immutables().size() == 2);
        robot.clickOn("#modeStep");
        app.session().steps().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST));
        long next = view().visibleState().immutables().get(1).id();
        robot.clickOn("#flushButton");
        waitUntil(() -> showsText(robot, "#predictCard", "Which memtable will this flush write"));
        robot.clickOn("#predictChoice0"); // the newest: wrong, and the engine goes on all the same
        waitUntil(() -> text(robot, "#predictFeedback").startsWith("Not quite: the answer was memtable #" + next));
        assertThat(text(robot, "#predictScore")).isEqualTo("Predictions: 1 of 2 right");
        robot.clickOn("#continueButton");
        waitUntil(() -> view().visibleState().sstables().size() == 2);
        assertThat(e.stepGate().awaitPaused(null, 1, TimeUnit.MILLISECONDS)).as("nobody is left paused").isFalse();
    }

    @Test
    void aGetAsksWhereItWillFindTheKeyAndTheProbesSayWhere(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
        robot.clickOn("#predictToggle");
        robot.clickOn("#modeStep");
        app.session().steps().setBreakpoints(EnumSet.of(ProbePoint.GET_PROBE_MEMTABLE));
        type(robot, "#keyField", "apple");
        robot.clickOn("#getButton");
        waitUntil(() -> showsText(robot, "#predictCard", "Where will this get find 'apple'?"));
        robot.clickOn("#predictChoice0"); // the active memtable
        waitUntil(() -> text(robot, "#predictFeedback").startsWith("Right: it asked 1 of them"));
    }

    @Test
    void aFreezeAsksWhetherTheReCheckUnderTheFreezeLockFindsWorkAndTheEngineAnswers(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
        long active = view().visibleState().active().id();
        robot.clickOn("#predictToggle");
        robot.clickOn("#modeStep");
        app.session().steps().setBreakpoints(EnumSet.of(ProbePoint.FREEZE_RECHECK));
        robot.clickOn("#freezeButton");
        waitUntil(() -> showsText(robot, "#predictCard", "freeze memtable #" + active + "?"));
        robot.clickOn("#predictChoice1"); // "nothing to do": wrong, it is full of apple
        waitUntil(() -> text(robot, "#predictFeedback").startsWith("Not quite: the answer was yes: it freezes memtable #"
                + active));
        assertThat(text(robot, "#predictScore")).isEqualTo("Predictions: 0 of 1 right");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
