package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Crash and recover on the real window: the dead engine greyed, what recovery found, what was lost. */
class CrashWindowTest extends WindowTestBase {
    @Test
    void aProcessCrashMidFlushThenRecoverBringsTheMemtableBackFromItsLogAndRemovesTheHalfWrittenTable(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        put(robot, "apple", "red");
        put(robot, "banana", "yellow");
        put(robot, "cherry", "dark");
        waitUntil(() -> showsText(robot, "#memoryView", "3 entries"));
        robot.clickOn("#modeStep"); // default breakpoints: each flush step
        robot.clickOn("#freezeButton"); // the flusher takes the frozen memtable and stops at step 1
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_SELECT_OLDEST, 20, TimeUnit.SECONDS)).isTrue();
        robot.clickOn("#stepButton");
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_ITERATE, 20, TimeUnit.SECONDS)).isTrue();
        robot.clickOn("#stepButton");
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_WRITE_RECORD, 20, TimeUnit.SECONDS)).isTrue();
        robot.clickOn("#stepButton"); // one record written into the new table
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_WRITE_RECORD, 20, TimeUnit.SECONDS)).isTrue();
        long tables = sstFiles();
        assertThat(tables).as("the half-written table exists").isEqualTo(1);

        robot.clickOn("#crashButton").clickOn("Crash: process (kill -9)");
        waitUntil(() -> curtain(robot).isVisible() && showsText(robot, "#crashCurtain", "Process crash: the engine is dead"));
        assertThat(app.session().engine().isClosed()).isTrue();
        assertThat(sstFiles()).as("a process crash leaves the half-written table").isEqualTo(1);
        waitUntil(() -> view().history().timeline().statusText().equals("ENGINE DEAD"));
        assertThat(view().history().timeline().history().markers()).anyMatch(m -> m.label().startsWith("crash:"));
        assertThat(robot.lookup("#stageBox").query().getEffect()).as("the stage is greyed").isNotNull();
        // the picture stays as the engine died: the flusher held the freeze lock at step 3
        waitUntil(() -> showsText(robot, "#freezeLockCard", "held by flusher (exclusive)"));
        assertThat(view().visibleState().flush()).as("the flush under way stays drawn").isNotNull();
        assertThat(robot.lookup("#continueButton").query().isDisabled()).as("a dead thread cannot continue").isTrue();
        waitUntil(() -> showsText(robot, "#statusBar", "ENGINE DEAD: process crash"));

        // still in Step mode: recovery stops at each of its steps, with its code and narration
        robot.clickOn("#recoverButton");
        List<ProbePoint> steps = List.of(ProbePoint.RECOVER_MANIFEST, ProbePoint.RECOVER_REMOVE_LEFTOVER,
                ProbePoint.RECOVER_REPLAY_LOG, ProbePoint.RECOVER_REPLAY_LOG);
        for (ProbePoint expected : steps) {
            waitUntil(() -> view().codePane().shownPoint() == expected
                    && showsText(robot, "#narrationView", expected.narration().substring(0, 25)));
            assertThat(showsText(robot, "#codePane", "in Recovery.")).isTrue();
            assertThat(curtain(robot).isVisible()).as("the curtain lifts as recovery begins").isFalse();
            if (expected == ProbePoint.RECOVER_REMOVE_LEFTOVER) {
                assertThat(sstFiles()).as("not yet removed").isEqualTo(1);
            }
            robot.clickOn("#stepButton");
        }
        waitUntil(() -> showsText(robot, "#narrationView", "Recovered"));
        assertThat(showsText(robot, "#narrationView", "never completed")).as("the half-written table removed").isTrue();
        assertThat(showsText(robot, "#narrationView", "3 writes")).isTrue();
        assertThat(sstFiles()).isZero();
        // auto-flush stays off: the memtable that was being flushed is back, immutable, in view
        waitUntil(() -> view().visibleState().immutables().size() == 1 && view().visibleState().sstables().isEmpty());
        assertThat(robot.lookup("#autoFlushToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isFalse();
        assertThat(robot.lookup("#stageBox").query().getEffect()).isNull();
        LsmEngine again = app.session().engine();
        assertThat(again).isNotSameAs(e);
        assertThat(new String(again.get("banana".getBytes()))).isEqualTo("yellow");
    }

    @Test
    void aPowerCutWithSyncNoneSaysHowManyAcknowledgedWritesItLostAndWhich(FxRobot robot) throws Exception {
        LsmEngine first = engine();
        app.session().reopenWith(first.options().withSyncMode(lsmviz.engine.types.SyncMode.NONE)
                .withFlushMode(lsmviz.engine.Options.FlushMode.MANUAL)).get(20, TimeUnit.SECONDS);
        waitUntil(() -> app.session().engine() != first && app.session().engine() != null);
        put(robot, "apple", "red");
        put(robot, "banana", "yellow");
        waitUntil(() -> showsText(robot, "#memoryView", "2 entries"));

        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.P);
        waitUntil(() -> curtain(robot).isVisible() && showsText(robot, "#crashCurtain", "Power cut"));
        waitUntil(() -> showsText(robot, "#narrationView", "2 writes in the write-ahead logs lost: apple, banana"));
        assertThat(showsText(robot, "#narrationView", "sync none")).isTrue();

        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.R);
        waitUntil(() -> !curtain(robot).isVisible() && showsText(robot, "#narrationView", "Recovered"));
        assertThat(showsText(robot, "#narrationView", "2 lost")).isTrue();
        assertThat(app.session().engine().get("apple".getBytes())).isNull();
    }

    @Test
    void openingACrashedDirectoryFromTheFileMenuRecoversWithAutoFlushOff(FxRobot robot) throws Exception {
        engine();
        put(robot, "apple", "red");
        put(robot, "banana", "yellow");
        waitUntil(() -> showsText(robot, "#memoryView", "2 entries"));
        java.nio.file.Path dir = app.session().directory();
        robot.push(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.K);
        waitUntil(() -> curtain(robot).isVisible());
        String said = view().commands().files().openDirectory(dir).get(30, TimeUnit.SECONDS);
        assertThat(said).contains("Recovered").contains("2 writes").contains("Auto-flush is off");
        waitUntil(() -> !curtain(robot).isVisible() && showsText(robot, "#memoryView", "2 entries"));
        assertThat(robot.lookup("#autoFlushToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isFalse();
        assertThat(app.session().engine().autoFlush()).isFalse();
    }

    private static Node curtain(FxRobot robot) {
        return robot.lookup("#crashCurtain").query();
    }

    private long sstFiles() throws Exception {
        try (var files = Files.list(app.session().directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).count();
        }
    }
}
