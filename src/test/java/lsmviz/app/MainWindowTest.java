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
        return view().visibleState();
    }

    @Test
    void aPutShowsItsKeyInTheActiveMemtable(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "apple"));
        assertThat(showsText(robot, "#memoryView", "1 entry")).isTrue();
        assertThat(view().narrationText()).contains("put apple = red");
    }

    @Test
    void enterInTheKeyFieldGetsTheKeyAndInTheValueFieldPutsIt(FxRobot robot) throws Exception {
        engine();
        type(robot, "#keyField", "plum");
        type(robot, "#valueField", "purple");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> view().narrationText().contains("put plum = purple"));
        robot.clickOn("#keyField").type(KeyCode.ENTER);
        waitUntil(() -> view().narrationText().contains("get plum → purple"));
    }

    @Test
    void aGetShowsItsPathAndLeavesNoLockHeld(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "apple"));
        type(robot, "#keyField", "apple");
        robot.clickOn("#getButton");
        waitUntil(() -> state().lastGet() != null && state().lastGet().key().equals("apple"));
        assertThat(state().lastGet().outcome()).isEqualTo("found");
        assertThat(state().lastGet().probes()).hasSize(1);
        assertThat(state().lastGet().probes().get(0).verdict()).isEqualTo("found");
        assertThat(state().locks()).allSatisfy(l -> assertThat(l.holders()).as(l.name()).isEmpty());
        assertThat(view().narrationText()).contains("apple");
    }

    @Test
    void anEmptyKeyIsToldInRedNotThrown(FxRobot robot) throws Exception {
        engine();
        type(robot, "#keyField", "");
        robot.clickOn("#putButton");
        waitUntil(() -> view().narrationText().contains("Type a key"));
        assertThat(robot.lookup("#narration").queryAs(Label.class).getStyleClass()).contains("error");
    }

    @Test
    void freezeMakesOneImmutableMemtableAndFlushMakesAnSSTableFromIt(FxRobot robot) throws Exception {
        engine();
        robot.clickOn("#autoFlushToggle"); // off: the flush waits for the button
        waitUntil(() -> view().narrationText().contains("auto-flush off"));
        put(robot, "banana", "yellow");
        waitUntil(() -> showsText(robot, "#memoryView", "banana"));
        robot.clickOn("#freezeButton");
        waitUntil(() -> state().immutables().size() == 1);
        assertThat(showsText(robot, "#memoryView", "1 of 4")).isTrue();
        long memtable = state().immutables().get(0).id();
        robot.clickOn("#flushButton");
        waitUntil(() -> state().sstables().size() == 1);
        assertThat(state().immutables()).isEmpty();
        assertThat(showsText(robot, "#diskView", "1 SSTable,")).isTrue();
        assertThat(state().sstables().get(0).fromMemtable()).as("the table says which memtable it was")
                .isEqualTo(memtable);
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
        waitUntil(() -> showsText(robot, "#freezeLockCard", "held by flusher (exclusive)")
                && showsText(robot, "#stateLockCard", "wants read"));
        LockView freeze = e.lockTable().view(LsmEngine.FREEZE_LOCK);
        assertThat(freeze.isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.EXCLUSIVE)).isTrue();
        assertThat(showsText(robot, "#stateLockCard", "held by flusher (write)")).as("the swap's write lock").isTrue();
        assertThat(showsText(robot, "#freezeLockCard", "paused at a step")).isTrue();
        waitUntil(() -> showsText(robot, "#statusBar", "BLOCKED ") && showsText(robot, "#statusBar", ": ui-")); // it has waited over a second

        e.stepGate().continueAll();
        e.stepGate().setMode(StepMode.RUN);
        waitUntil(() -> state().sstables().size() == 1 && showsText(robot, "#memoryView", "date"));
        waitUntil(() -> !showsText(robot, "#statusBar", "BLOCKED"));
    }

    @Test
    void theHelpListsEveryShortcutFromTheActionTable(FxRobot robot) throws Exception {
        engine();
        robot.type(KeyCode.F1);
        waitUntil(() -> robot.lookup("#helpOverlay").query().isVisible());
        String help = robot.lookup("#helpOverlay").queryAs(Label.class).getText();
        assertThat(help).contains("F5", "Freeze the active memtable now", "Page Down", "Space", "Ctrl+E");
        robot.type(KeyCode.F1);
        waitUntil(() -> !robot.lookup("#helpOverlay").query().isVisible());
    }
}
