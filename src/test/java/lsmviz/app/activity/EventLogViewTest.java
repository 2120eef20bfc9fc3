package lsmviz.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import lsmviz.engine.event.EngineEvent;
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

    @org.junit.jupiter.api.AfterEach
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
        EngineEvent put = new EngineEvent.MemtableWritten(2, 0, "writer-2", 8, "key5", false, 100, 1);
        fx(() -> {
            log.accept(freeze);
            log.accept(put);
            log.endPulse();
        });
        String freezeLine = log.lines().get(0);
        assertThat(freezeLine).contains("FREEZE memtable #7").contains("#8 is the new active memtable");

        ListView<?> list = robot.lookup(".log-list").queryAs(ListView.class);
        List<Text> texts = robot.lookup(".log-text").queryAllAs(Text.class).stream()
                .filter(t -> t.getText() != null && !t.getText().isEmpty()).toList();
        Text freezeText = texts.stream().filter(t -> t.getText().equals(freezeLine)).findFirst().orElseThrow();
        Text putText = texts.stream().filter(t -> t.getText().contains("wrote key5")).findFirst().orElseThrow();
        // the freeze's line is longer than the pane is wide: it takes several lines, all inside the list
        Text oneLine = new Text("x");
        oneLine.setFont(freezeText.getFont());
        assertThat(freezeText.getFont().getFamily()).as("the log's font").containsIgnoringCase("mono");
        assertThat(freezeText.getLayoutBounds().getHeight()).isGreaterThan(2 * oneLine.getLayoutBounds().getHeight());
        Bounds listBounds = list.localToScene(list.getLayoutBounds());
        for (Text t : List.of(freezeText, putText)) {
            Bounds b = t.localToScene(t.getLayoutBounds());
            assertThat(b.getMaxX()).as("right edge of %s", t.getText()).isLessThanOrEqualTo(listBounds.getMaxX());
            assertThat(b.getMinX()).isGreaterThanOrEqualTo(listBounds.getMinX());
        }
        for (Node n : list.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.HORIZONTAL) {
                assertThat(sb.isVisible()).as("a sideways scroll bar").isFalse();
            }
        }

        // a wider pane: the same line takes fewer lines
        double narrowHeight = freezeText.getLayoutBounds().getHeight();
        fx(() -> log.setPrefWidth(860));
        fx(() -> { });
        assertThat(freezeText.getLayoutBounds().getHeight()).isLessThan(narrowHeight);
    }
}
