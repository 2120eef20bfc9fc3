package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import lsmviz.app.model.VisualState;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The real window, driven by clicks and keys (headless under Monocle in CI). */
class MainWindowTest extends WindowTestBase {
    private VisualState state() {
        return app.controller().visibleState();
    }

    @Test
    void aPutShowsItsKeyInTheActiveMemtable(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "apple"));
        assertThat(showsText(robot, "#memoryView", "1 entry")).isTrue();
        assertThat(app.controller().messageText()).contains("put apple = red");
    }

    @Test
    void aGetsBatchOfEventsReachesTheWindowWithItsPathAndItsLockHoldEnded(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "apple"));
        robot.clickOn("#keyField").eraseText(30).write("apple");
        robot.clickOn("#getButton");
        waitUntil(() -> state().lastGet() != null && state().lastGet().key().equals("apple"));
        assertThat(state().lastGet().outcome()).isEqualTo("found");
        assertThat(state().lastGet().probes()).hasSize(1);
        assertThat(state().lastGet().probes().get(0).verdict()).isEqualTo("found");
        assertThat(state().locks()).allSatisfy(l -> assertThat(l.holders()).as(l.name()).isEmpty());
        assertThat(app.controller().messageText()).contains("apple");
    }

    @Test
    void anEmptyKeyGetsAnInlineMessageNotAnException(FxRobot robot) throws Exception {
        engine();
        robot.clickOn("#keyField").eraseText(30);
        robot.clickOn("#putButton");
        waitUntil(() -> app.controller().messageText() != null && app.controller().messageText().contains("Type a key"));
        assertThat(robot.lookup("#message").queryAs(Label.class).getStyleClass()).contains("error");
    }

    @Test
    void freezeMakesOneImmutableMemtableAndFlushMakesAnSSTable(FxRobot robot) throws Exception {
        engine();
        robot.clickOn("#autoFlushToggle"); // off: the flush waits for the button
        waitUntil(() -> app.controller().messageText() != null && app.controller().messageText().contains("auto-flush off"));
        put(robot, "banana", "yellow");
        waitUntil(() -> showsText(robot, "#memoryView", "banana"));
        robot.clickOn("#freezeButton");
        waitUntil(() -> state().immutables().size() == 1);
        assertThat(showsText(robot, "#memoryView", "1 of 4")).isTrue();
        robot.clickOn("#flushButton");
        waitUntil(() -> state().sstables().size() == 1);
        assertThat(state().immutables()).isEmpty();
        assertThat(showsText(robot, "#diskView", "1 SSTable")).isTrue();
    }

    @Test
    void aFlushPausedByTheStepGateHoldsTheFreezeLockAndAWriterWaits(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        put(robot, "cherry", "dark");
        waitUntil(() -> showsText(robot, "#memoryView", "cherry"));
        e.stepGate().setBreakpoints(Set.of(ProbePoint.FLUSH_ADD_SSTABLE));
        e.stepGate().setMode(StepMode.STEP);
        robot.clickOn("#freezeButton"); // the background flusher takes it and stops at step 4
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_ADD_SSTABLE, 20, TimeUnit.SECONDS)).isTrue();
        put(robot, "date", "sweet"); // a UI worker now waits for the state lock the paused flusher holds
        waitUntil(() -> e.lockTable().view(LsmEngine.STATE_LOCK).waiters().stream()
                .anyMatch(w -> w.mode() == LockMode.READ));
        waitUntil(() -> showsText(robot, "#lockPanel", "flusher · exclusive")
                && showsText(robot, "#lockPanel", "wants read"));
        LockView freeze = e.lockTable().view(LsmEngine.FREEZE_LOCK);
        assertThat(freeze.isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.EXCLUSIVE)).isTrue();
        assertThat(showsText(robot, "#lockPanel", "flusher · write")).as("the swap's write lock").isTrue();
        assertThat(showsText(robot, "#lockPanel", "(paused)")).isTrue();

        e.stepGate().continueAll();
        e.stepGate().setMode(StepMode.RUN);
        waitUntil(() -> state().sstables().size() == 1 && showsText(robot, "#memoryView", "date"));
        robot.type(KeyCode.ESCAPE);
    }
}
