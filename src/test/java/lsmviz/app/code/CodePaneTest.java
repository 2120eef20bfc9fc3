package lsmviz.app.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The pane on a small stage (headless under Monocle in CI): the mark follows the probe points. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CodePaneTest {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private CodePane pane;

    @Start
    void start(Stage stage) {
        pane = new CodePane();
        // the pane takes the width it asks for; the window is wider
        stage.setScene(new Scene(new HBox(pane), 900, 420));
        stage.show();
    }

    @Test
    void steppingThroughAFlushMovesTheMarkWithoutRebuildingTheLines(FxRobot robot) {
        robot.interact(() -> pane.show(ProbePoint.FLUSH_SELECT_OLDEST));
        int select = pane.highlightedSourceLine();
        assertThat(pane.shownPoint()).isEqualTo(ProbePoint.FLUSH_SELECT_OLDEST);
        assertThat(markedLine(robot)).contains("oldest = current.get().oldestImmutable();");
        assertThat(title(robot)).contains("Flush.flushOldestLocked()").contains("line " + select);

        ObservableList<String> lines = list(robot).getItems();
        AtomicInteger changes = new AtomicInteger();
        ListChangeListener<String> counter = c -> changes.incrementAndGet();
        robot.interact(() -> lines.addListener(counter));
        robot.interact(() -> pane.show(ProbePoint.FLUSH_ADD_SSTABLE));
        robot.interact(() -> lines.removeListener(counter));

        int add = pane.highlightedSourceLine();
        assertThat(add).isGreaterThan(select);
        assertThat(markedLine(robot)).contains("EngineState next = current.get().withSSTableAdded(table);");
        assertThat(title(robot)).contains("line " + add);
        assertThat(list(robot).getItems()).isSameAs(lines);
        assertThat(changes).as("changes to the lines within one method").hasValue(0);
        assertMarkedCellInSight(robot);
    }

    @Test
    void aFocusNamesTheThreadAndNoFocusShowsThePlaceholder(FxRobot robot) {
        CodeViewModel model = new CodeViewModel();
        robot.interact(() -> pane.bind(model));
        robot.interact(() -> model.update(RealStates.pausedAt("flusher", ProbePoint.FLUSH_WRITE_RECORD), null, false));
        assertThat(markedLine(robot)).contains("return records.next();");
        assertThat(title(robot)).isEqualTo("flusher is paused in Flush.RecordFeed.next(), line "
                + pane.highlightedSourceLine());
        assertThat(list(robot).getItems()).hasSize(pane.sourceIndex().snippet(ProbePoint.FLUSH_WRITE_RECORD)
                .lines().size());

        robot.interact(() -> model.update(RealStates.pausedAt("flusher", ProbePoint.FLUSH_SELECT_OLDEST), null, false));
        robot.interact(() -> model.update(RealStates.pausedAt("flusher", ProbePoint.FLUSH_ITERATE), null, false));
        assertThat(title(robot)).as("the title names the line marked, within one method too")
                .endsWith("line " + pane.highlightedSourceLine());
        assertThat(markedLine(robot)).contains("new RecordFeed(oldest.iterator())");
        robot.interact(() -> model.update(RealStates.pausedAt("writer-1", ProbePoint.PUT_WRITE_MEMTABLE), null, false));
        assertThat(markedLine(robot)).contains("log.append(");
        assertMarkedCellInSight(robot);

        robot.interact(() -> model.update(RealStates.nobodyPaused(), null, false));
        assertThat(pane.shownPoint()).isNull();
        assertThat(pane.highlightedSourceLine()).isEqualTo(-1);
        assertThat(list(robot).getItems()).isEmpty();
        assertThat(title(robot)).doesNotContain("flusher");
    }

    @Test
    void atEveryProbePointTheLineAboutToRunIsWholeInViewInOrderAndBackwards(FxRobot robot) {
        List<ProbePoint> points = new java.util.ArrayList<>(List.of(ProbePoint.values()));
        for (int pass = 0; pass < 2; pass++) {
            for (ProbePoint p : points) {
                robot.interact(() -> pane.show(p));
                org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                assertThat(pane.shownPoint()).isEqualTo(p);
                try {
                    assertMarkedCellInSight(robot);
                } catch (AssertionError e) {
                    throw new AssertionError("at " + p + " (pass " + pass + ", line " + pane.highlightedSourceLine()
                            + "): " + e.getMessage(), e);
                }
            }
            java.util.Collections.reverse(points);
        }
    }

    @Test
    void thePaneIsWideEnoughForSeventyTwoCharactersAtEveryTextSize(FxRobot robot) {
        for (double scale : new double[] {1.0, 1.5, 2.0}) {
            robot.interact(() -> pane.setTextScale(scale));
            Text line = new Text("x".repeat(CodePane.COLUMNS));
            line.setFont(javafx.scene.text.Font.font("Monospaced", CodePane.FONT_SIZE * scale));
            // the text column: the pane less the marks, the number, the paddings and a scroll bar
            assertThat(pane.requiredWidth() - (4.6 + 1.25) * CodePane.FONT_SIZE * scale - 28)
                    .as("room for 72 characters at %.0f %%", scale * 100)
                    .isGreaterThanOrEqualTo(line.getLayoutBounds().getWidth());
        }
    }

    @Test
    void inANarrowPaneAtLargeTextTheCodeShrinksSoSeventyTwoCharactersStayWhole(FxRobot robot) {
        double narrow = CodePane.requiredWidth(CodePane.FONT_SIZE * 1.1);
        robot.interact(() -> {
            pane.setMaxWidth(narrow);
            pane.setTextScale(1.5);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.getWidth()).isLessThanOrEqualTo(narrow + 0.5);
        assertThat(pane.codeFontSize()).as("smaller than 150 %%, not below 100 %%")
                .isLessThan(CodePane.FONT_SIZE * 1.5).isGreaterThanOrEqualTo(CodePane.FONT_SIZE);
        assertThat(CodePane.requiredWidth(pane.codeFontSize())).isLessThanOrEqualTo(pane.getWidth() + 0.5);
        robot.interact(() -> pane.setMaxWidth(Double.MAX_VALUE));
    }

    private static ListView<String> list(FxRobot robot) {
        return robot.lookup(".code-list").queryListView();
    }

    private static ListCell<?> markedCell(FxRobot robot) {
        List<ListCell<?>> marked = robot.lookup(".code-line")
                .match((Node n) -> n.isVisible() && n.getPseudoClassStates().contains(CURRENT))
                .<ListCell<?>>queryAll().stream().toList();
        assertThat(marked).as("cells marked as about to run").hasSize(1);
        return marked.get(0);
    }

    private static String markedLine(FxRobot robot) {
        ListCell<?> cell = markedCell(robot);
        List<String> labels = robot.from(cell).lookup(".label").<Label>queryAll().stream().map(Label::getText).toList();
        assertThat(labels).as("mark, number, text").contains("▶");
        return (String) cell.getItem();
    }

    private static String title(FxRobot robot) {
        return robot.lookup(".code-title").queryLabeled().getText();
    }

    private static void assertMarkedCellInSight(FxRobot robot) {
        ListView<String> list = list(robot);
        Bounds view = list.localToScene(list.getLayoutBounds());
        Bounds cell = markedCell(robot).localToScene(markedCell(robot).getLayoutBounds());
        assertThat(cell.getMinY()).as("top of the marked line").isGreaterThanOrEqualTo(view.getMinY());
        assertThat(cell.getMaxY()).as("bottom of the marked line").isLessThanOrEqualTo(view.getMaxY());
    }
}
