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
    void onA720PixelScreenTheTimelineIsOneRowAndOnATallOneItShowsItsLanes(FxRobot robot) throws Exception {
        engine();
        Scene scene = robot.lookup("#timeline").query().getScene();
        assertThat(scene.getHeight()).isEqualTo(720);
        assertThat(view().history().timeline().isCompact()).isTrue();
        Stage stage = (Stage) scene.getWindow();
        double height = stage.getHeight();
        try {
            robot.interact(() -> stage.setHeight(1000));
            waitUntil(() -> !view().history().timeline().isCompact());
            robot.interact(() -> view().presentation().setScale(1.5)); // 1000 pixels at 150 % is short again
            waitUntil(() -> view().history().timeline().isCompact());
        } finally {
            robot.interact(() -> {
                view().presentation().setScale(1.0);
                stage.setHeight(height); // the stage is shared with the next tests
            });
        }
    }

    @Test
    void onAShortScreenTheActiveMemtableShowsWholeKeyChipsOnlyAndAllOfThemOnATallOne(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        for (int i = 0; i < 6; i++) {
            e.put(lsmviz.engine.types.Bytes.utf8("key0000000" + i), lsmviz.engine.types.Bytes.utf8("v"));
        }
        waitUntil(() -> robot.lookup(".key-chip").queryAll().size() == 6);
        Node card = robot.lookup("#activeMemtable").query();
        waitUntil(() -> robot.lookup(".key-chip").queryAll().stream().anyMatch(Node::isVisible));
        javafx.geometry.Bounds cardBounds = card.localToScene(card.getLayoutBounds());
        for (Node chip : robot.lookup(".key-chip").queryAll()) {
            if (chip.isVisible()) {
                assertThat(cardBounds.contains(chip.localToScene(chip.getLayoutBounds())))
                        .as("a shown chip lies whole inside the card").isTrue();
            }
        }
    }

    @Test
    void onlyAFastWorkloadSlowsTheRedrawsDown(FxRobot robot) throws Exception {
        engine();
        robot.interact(() -> {
            view().commands().engine().setWorkloadRate(400); // a classroom demo: every redraw counts
            view().commands().engine().startWorkloadNow();
        });
        waitUntil(() -> app.session().port().workload().running() && app.session().port().workload().operations() > 100);
        Thread.sleep(1_200); // two refresh ticks
        assertThat(view().redrawsAtFullSpeedRates()).isFalse();
        robot.clickOn("#workloadToggle");
        waitUntil(() -> view().narrationText().startsWith("workload stopped"));
        robot.interact(() -> {
            view().commands().engine().setWorkloadRate(0); // as fast as possible
            view().commands().engine().startWorkloadNow();
        });
        waitUntil(() -> view().redrawsAtFullSpeedRates());
        robot.clickOn("#workloadToggle");
        waitUntil(() -> view().narrationText().startsWith("workload stopped"));
        waitUntil(() -> !view().redrawsAtFullSpeedRates());
    }

    @Test
    void theQueueShowsItsFreeSlotsBeforeTheFirstFreeze(FxRobot robot) throws Exception {
        engine();
        waitUntil(() -> showsText(robot, "#memoryView", "0 of 4") && robot.lookup(".queue-slot.free").queryAll().size() == 4);
    }

    @Test
    void atFullSpeedTheViewsKeepUpAndAgreeOnceTheWorkloadStops(FxRobot robot) throws Exception {
        LsmEngine engine = engine();
        robot.interact(() -> view().commands().engine().startWorkloadNow()); // unlimited rate: structure events only
        waitUntil(() -> count(robot, "#sstableStatus") >= 3); // redrawn while the workload runs
        waitUntil(() -> diskTitleCount(robot) >= 3);
        robot.clickOn("#workloadToggle");
        waitUntil(() -> view().narrationText().startsWith("workload stopped"));
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

    /** The table count in the shelf's title, "Disk: 12 SSTables, 140.2 KB (L0 2 · L1 10)". */
    private static long diskTitleCount(FxRobot robot) {
        String t = robot.lookup("#diskTitle").queryAs(Label.class).getText();
        return Long.parseLong(t.substring("Disk: ".length()).split(" ")[0].replace(",", ""));
    }
}
