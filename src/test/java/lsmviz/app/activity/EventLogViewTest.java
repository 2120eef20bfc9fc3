package lsmviz.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import lsmviz.engine.event.EngineEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The event log in a narrow pane (a projector's 1280 x 720): long lines wrap and show whole. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLogViewTest {
    private EventLogView log;

    /** A window of its own: the primary stage is shared with other test classes, which expect its size. */
    private Stage own;

    @Start
    void start(Stage primary) {
        Stage stage = new Stage();
        own = stage;
        log = new EventLogView();
        // the pane is 360 pixels wide inside a wider window
        log.setPrefWidth(360);
        log.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Scene scene = new Scene(new javafx.scene.layout.HBox(log), 900, 300);
        scene.getStylesheets().add(lsmviz.app.LsmVisualizerApp.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        fx(() -> own.close());
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aLongLineWrapsInsideThePaneWithNoSidewaysScrolling(FxRobot robot) throws Exception {
        EngineEvent freeze = new EngineEvent.MemtableFrozen(1, 0, "writer-1", 7, 8, 16_000, 120, "key001", "key999", 1);
        EngineEvent put = new EngineEvent.MemtableWritten(2, 1, "writer-2", 8, "key5", false, 100, 1);
        fx(() -> {
            log.accept(freeze);
            log.accept(put);
            log.endPulse();
        });
        String freezeLine = log.lines().get(0);
        assertThat(freezeLine).contains("FREEZE memtable #7").contains("#8 is the new active memtable");
        List<String> rows = log.rows();
        assertThat(rows.size()).as("the freeze's line takes several rows").isGreaterThanOrEqualTo(3);
        assertThat(String.join(" ", rows).replaceAll("\\s+", " ")).contains(freezeLine.replaceAll("\\s+", " "));

        ListView<?> list = robot.lookup(".log-list").queryAs(ListView.class);
        javafx.geometry.Bounds listBounds = list.localToScene(list.getLayoutBounds());
        for (Node n : robot.lookup(".log-line").queryAll()) {
            ListCell<?> cell = (ListCell<?>) n;
            if (cell.isVisible() && cell.getText() != null) {
                Label probe = new Label(cell.getText());
                probe.setFont(cell.getFont());
                assertThat(cell.localToScene(0, 0).getX() + probe.prefWidth(-1))
                        .as("right edge of '%s'", cell.getText()).isLessThanOrEqualTo(listBounds.getMaxX());
            }
        }
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.HORIZONTAL) {
                assertThat(sb.isVisible()).as("a sideways scroll bar").isFalse();
            }
        }

        // a wider pane: the same line takes fewer rows
        fx(() -> log.setPrefWidth(860));
        fx(() -> { });
        assertThat(log.rows().size()).isLessThan(rows.size());
    }

    @Test
    void aFilterWithNoMatchSaysSoAndAnEmptyLogSaysNothingHappenedYet(FxRobot robot) throws Exception {
        Label placeholder = (Label) robot.lookup(".log-list").queryAs(ListView.class).getPlaceholder();
        assertThat(placeholder.getText()).isEqualTo("Nothing has happened yet");
        fx(() -> {
            log.accept(new EngineEvent.MemtableWritten(1, 0, "writer-1", 1, "apple", false, 100, 1));
            log.endPulse();
        });
        robot.clickOn(robot.lookup(".event-log .text-field").queryAs(TextField.class)).write("zebra");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(log.lines()).isEmpty();
        assertThat(placeholder.getText()).isEqualTo("No line matches 'zebra'");
    }
}
