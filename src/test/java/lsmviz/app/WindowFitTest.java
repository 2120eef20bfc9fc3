package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The window on a short projector screen, and at full speed. */
class WindowFitTest extends WindowTestBase {

    @Test
    void onA720PixelScreenTheBarsGiveTheirSpareLinesToThePicture(FxRobot robot) throws Exception {
        engine();
        Node narration = robot.lookup("#narration").query();
        Scene scene = narration.getScene();
        assertThat(scene.getHeight()).isLessThan(MainController.COMPACT_BELOW_HEIGHT); // the default 1280×720
        assertThat(app.controller().timeline().isCompact()).isTrue();
        assertThat(narration.getParent().isVisible()).as("live narration hidden").isFalse();

        robot.clickOn("#modeSlow"); // slow motion has something to say: the line comes back
        waitUntil(() -> narration.getParent().isVisible());
        robot.clickOn("#modeLive");
        waitUntil(() -> !narration.getParent().isVisible());

        Stage stage = (Stage) scene.getWindow();
        double height = stage.getHeight();
        try {
            robot.interact(() -> stage.setHeight(960)); // a taller screen: everything shows
            waitUntil(() -> !app.controller().timeline().isCompact());
            assertThat(narration.getParent().isVisible()).isTrue();
        } finally {
            robot.interact(() -> stage.setHeight(height)); // the stage is shared with the next tests
        }
    }

    @Test
    void onAShortScreenTheActiveMemtableShowsWholeKeyChipsOnlyAndAllOfThemOnATallOne(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        for (int i = 0; i < 8; i++) {
            e.put(lsmviz.engine.Bytes.utf8("key0000000" + i), lsmviz.engine.Bytes.utf8("v"));
        }
        waitUntil(() -> robot.lookup(".key-chip").queryAll().size() == 6 && showsText(robot, "#memoryView", "key00000007"));
        Node card = robot.lookup(".memtable-card.active").query();
        Scene scene = card.getScene();
        assertThat(scene.getHeight()).isLessThan(MainController.COMPACT_BELOW_HEIGHT);
        waitUntil(() -> robot.lookup(".key-chip").queryAll().stream().anyMatch(Node::isVisible));
        Node memory = robot.lookup("#memoryView").query(); // its split pane shows this much of it
        javafx.geometry.Bounds cardBounds = card.localToScene(card.getLayoutBounds());
        assertThat(memory.localToScene(memory.getLayoutBounds()).contains(cardBounds))
                .as("the card, border and all, fits the memory view").isTrue();
        for (Node chip : robot.lookup(".key-chip").queryAll()) {
            if (chip.isVisible()) {
                assertThat(cardBounds.contains(chip.localToScene(chip.getLayoutBounds())))
                        .as("a shown chip lies whole inside the card").isTrue();
            }
        }
        Stage stage = (Stage) scene.getWindow();
        double height = stage.getHeight();
        try {
            robot.interact(() -> stage.setHeight(1000)); // a taller screen: every chip shows
            waitUntil(() -> robot.lookup(".key-chip").queryAll().stream().allMatch(Node::isVisible));
        } finally {
            robot.interact(() -> stage.setHeight(height)); // the stage is shared with the next tests
        }
    }

    @Test
    void onlyAFastWorkloadSlowsTheRedrawsDown(FxRobot robot) throws Exception {
        engine();
        robot.interact(() -> {
            app.controller().setWorkloadRate(400); // a classroom demo: every redraw counts
            app.controller().startWorkloadNow();
        });
        waitUntil(() -> app.session().workload() != null && app.session().workload().puts() > 100);
        Thread.sleep(1_200); // two refresh ticks
        assertThat(app.controller().redrawsAtFullSpeedRates()).isFalse();
        robot.clickOn("#workloadToggle");
        waitUntil(() -> app.controller().messageText().startsWith("workload stopped"));
        robot.interact(() -> {
            app.controller().setWorkloadRate(0); // as fast as possible
            app.controller().startWorkloadNow();
        });
        waitUntil(() -> app.controller().redrawsAtFullSpeedRates());
        robot.clickOn("#workloadToggle");
        waitUntil(() -> app.controller().messageText().startsWith("workload stopped"));
        waitUntil(() -> !app.controller().redrawsAtFullSpeedRates());
    }

    @Test
    void theQueueSaysNoneWaitingBeforeTheFirstFreeze(FxRobot robot) throws Exception {
        engine();
        waitUntil(() -> showsText(robot, "#memoryView", "none waiting"));
    }

    @Test
    void atFullSpeedTheViewsKeepUpAndAgreeOnceTheWorkloadStops(FxRobot robot) throws Exception {
        LsmEngine engine = engine();
        robot.interact(() -> app.controller().startWorkloadNow()); // unlimited rate: structure events only
        waitUntil(() -> count(robot, "#sstableStatus") >= 3); // redrawn while the workload runs
        waitUntil(() -> diskTitleCount(robot) >= 3);
        robot.clickOn("#workloadToggle");
        waitUntil(() -> app.controller().messageText().startsWith("workload stopped"));
        // after the last staggered redraw, status bar, shelf title and engine tell the same story
        waitUntil(() -> {
            long n = engine.snapshot().sstables().size();
            return count(robot, "#sstableStatus") == n && diskTitleCount(robot) == n;
        });
    }

    @Test
    void aCommandAfterTheSessionClosedGetsAFailedFutureNotAnException() throws Exception {
        engine();
        app.session().close(); // as when the window goes away while its refresh timer still fires
        var late = app.session().submit(e -> "never");
        assertThat(late).isCompletedExceptionally();
        assertThat(late.handle((v, ex) -> ex.getMessage()).get()).contains("session is closed");
    }

    /** The number in a status label such as "SSTables: 1,234". */
    private static long count(FxRobot robot, String id) {
        String text = robot.lookup(id).queryAs(Label.class).getText();
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    /** The table count in the shelf's title, "Disk · level 0: 12 SSTables, 140.2 KB". */
    private static long diskTitleCount(FxRobot robot) {
        return robot.lookup("#diskView").queryAll().stream()
                .flatMap(n -> robot.from(n).lookup((Node x) -> x instanceof Label l && l.getText() != null
                        && l.getText().startsWith("Disk · level 0: ")).queryAll().stream())
                .map(n -> ((Label) n).getText())
                .map(t -> t.substring("Disk · level 0: ".length()).split(" ")[0].replace(",", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }
}
