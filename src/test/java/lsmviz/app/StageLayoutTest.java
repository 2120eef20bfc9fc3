package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import lsmviz.app.code.CodePane;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.types.Bytes;
import lsmviz.lesson.LessonLibrary;
import lsmviz.lesson.LessonRunner;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The stage for the room: at 1280x720 with text at 100 % and at 1920x1080 with text at 150 % (and
 * at 1280x720 with text at 120 % and 150 %, with fewer lines of code), in
 * live mode, in step mode with threads queued at both locks, and in a lesson, everything a student
 * must read is on screen at once: inside the window, visible, not overlapping, no words cut; the
 * code shows at least ten lines with the line about to run whole and room for 72 characters; the
 * narration is at most three lines; and the control bar's buttons stand where they stood.
 */
class StageLayoutTest extends WindowTestBase {

    /** The two screens of the issue. */
    enum Screen {
        PROJECTOR(1280, 720, 1.0, 10),
        /** Larger text on the projector: everything fits, fewer lines of code (they scroll). */
        PROJECTOR_AT_120(1280, 720, 1.2, 4),
        /**
         * Everything fits the window, but the stage has room for the lock cards (one line a row, a
         * long one ending in an ellipsis, whole in its tooltip) and the code's title only: no line
         * of code. A known limit, said in the README.
         */
        PROJECTOR_AT_150(1280, 720, 1.5, 0),
        FULL_HD_AT_150(1920, 1080, 1.5, 10);

        final double width;
        final double height;
        final double scale;
        /** Whole lines of code the pane must show (the line about to run among them). */
        final int codeLines;

        Screen(double width, double height, double scale, int codeLines) {
            this.width = width;
            this.height = height;
            this.scale = scale;
            this.codeLines = codeLines;
        }
    }

    private void use(FxRobot robot, Screen s) throws Exception {
        Stage stage = (Stage) scene(robot).getWindow();
        robot.interact(() -> {
            view().presentation().setScale(s.scale);
            stage.setWidth(s.width);
            stage.setHeight(s.height);
        });
        waitUntil(() -> scene(robot).getWidth() == s.width && scene(robot).getHeight() == s.height);
        Thread.sleep(200); // a pulse or two: the parts redraw at the new size
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Scene scene(FxRobot robot) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            return robot.lookup("#picture").query().getScene();
        }
        Scene[] scene = new Scene[1];
        robot.interact(() -> scene[0] = robot.lookup("#picture").query().getScene());
        return scene[0];
    }

    /** After a while the memtables' ids have three digits: the active card's title still shows whole. */
    @ParameterizedTest
    @EnumSource(value = Screen.class, names = {"PROJECTOR", "PROJECTOR_AT_120", "PROJECTOR_AT_150"})
    void aThreeDigitMemtableIdFitsTheActiveCard(Screen screen, FxRobot robot) throws Exception {
        LsmEngine e = engine();
        use(robot, screen);
        while (e.snapshot().active().id() < 100) {
            e.put(Bytes.utf8("key" + e.snapshot().active().id()), Bytes.utf8("v"));
            e.freeze();
            e.awaitFlushes(10_000);
        }
        long id = e.snapshot().active().id();
        long limit = e.options().memtableSizeBytes();
        // a workload's keys and the longest gauge: "key00039399 … key00098238", "14.5 / 16.0 KB 90%"
        e.put(Bytes.utf8("key00039399"), Bytes.utf8("x".repeat((int) (limit * 0.9))));
        e.put(Bytes.utf8("key00098238"), Bytes.utf8("v"));
        waitUntil(() -> view().visibleState().active().id() == id && view().visibleState().active().bytes() > limit * 0.85);
        onFx(() -> {
            assertNoWordsCut(robot.lookup("#memoryView").query(), scene(robot));
            assertThat(robot.lookup("#activeMemtable").query().lookupAll(".card-title")).singleElement()
                    .satisfies(n -> assertThat(((Label) n).getText()).endsWith("#" + id));
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void liveEverythingIsInSight(Screen screen, FxRobot robot) throws Exception {
        LsmEngine e = engine();
        use(robot, screen);
        for (int i = 0; i < 12; i++) {
            e.put(Bytes.utf8("key" + i), Bytes.utf8("value " + i));
        }
        e.freeze();
        waitUntil(() -> view().visibleState().sstables().size() == 1);
        assertTheStage(robot, screen, false);
        Map<String, Point2D> live = controlPositions(robot);

        pauseAFlushWithThreadsQueuedAtBothLocks(robot, e);
        assertTheStage(robot, screen, true);
        assertThat(controlPositions(robot)).as("the control bar's buttons stay put from live to step mode")
                .isEqualTo(live);
        e.stepGate().continueAll();
        robot.clickOn("#modeLive");
        waitUntil(() -> e.lockTable().view(LsmEngine.STATE_LOCK).waiters().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void inALessonPausedAtAFlushStepEverythingIsInSight(Screen screen, FxRobot robot) throws Exception {
        engine();
        use(robot, screen);
        Map<String, Point2D> before = controlPositions(robot);
        robot.interact(() -> {
            try {
                view().commands().lessons().start(LessonLibrary.load().lessons().get(1)); // the five steps of a flush
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        waitUntil(() -> view().lessons().current() != null);
        LessonRunner r = view().lessons().current();
        // to step 4 of the flush: the state lock's write side, the longest narration (past the
        // lesson's question, answered, so that its card shows the verdict too)
        for (int page = 1; page < 9 && view().codePane().shownPoint() != ProbePoint.FLUSH_ADD_SSTABLE; page++) {
            waitUntil(() -> r.state() == State.WAITING_FOR_USER);
            int p = page;
            if (view().lessons().model().questionProperty().get() != null) {
                robot.clickOn("#lessonChoice2");
            } else {
                robot.clickOn("#lesson-next");
            }
            waitUntil(() -> view().lessons().model().pageProperty().get().startsWith("page " + (p + 1) + " "));
            waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        }
        waitUntil(() -> r.state() == State.WAITING_FOR_USER
                && view().codePane().shownPoint() == ProbePoint.FLUSH_ADD_SSTABLE);
        assertTheStage(robot, screen, true);
        assertThat(controlPositions(robot)).as("the control bar's buttons stay put in a lesson").isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Screen.class)
    void everyWordOfEveryLessonFitsTheNarrationsThreeLines(Screen screen, FxRobot robot) throws Exception {
        engine();
        use(robot, screen);
        robot.interact(() -> view().narration().setLesson("5. Write stall: writers wait for the flusher"));
        Label text = robot.lookup("#narration").queryAs(Label.class);
        for (lsmviz.lesson.Lesson l : LessonLibrary.load().lessons()) {
            List<String> words = new ArrayList<>(List.of(l.description()));
            for (lsmviz.lesson.Step st : l.steps()) {
                if (st instanceof lsmviz.lesson.Step.Say say) {
                    words.add(say.text());
                } else if (st instanceof lsmviz.lesson.Step.Pause p && p.text() != null) {
                    words.add(p.text());
                }
            }
            for (String w : words) {
                robot.interact(() -> view().narration().lessonSays(w, ""));
                WaitForAsyncUtils.waitForFxEvents();
                onFx(() -> {
                    assertThat(text.getText()).isEqualTo(w);
                    assertThat(text.prefHeight(text.getWidth())).as("%s: '%s' shown whole", l.id(), w)
                            .isLessThanOrEqualTo(text.getHeight() + 0.5);
                    assertNarrationAtMostThreeLines(robot);
                    return null;
                });
            }
        }
    }

    /** A flusher paused at step 4 (both locks held), three puts waiting for the state lock, a freeze for the freeze lock. */
    private void pauseAFlushWithThreadsQueuedAtBothLocks(FxRobot robot, LsmEngine e) throws Exception {
        e.put(Bytes.utf8("cherry"), Bytes.utf8("dark red"));
        robot.clickOn("#modeStep");
        robot.clickOn("#freezeButton");
        for (ProbePoint p : List.of(ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE, ProbePoint.FLUSH_WRITE_RECORD)) {
            assertThat(e.stepGate().awaitPaused(p, 20, TimeUnit.SECONDS)).as("paused at %s", p).isTrue();
            robot.clickOn("#stepButton");
        }
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_ADD_SSTABLE, 20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            put(robot, "waiting" + i, "v");
        }
        robot.clickOn("#freezeButton");
        waitUntil(() -> e.lockTable().view(LsmEngine.STATE_LOCK).waiters().size() >= 3
                && e.lockTable().view(LsmEngine.FREEZE_LOCK).waiters().size() >= 1);
        waitUntil(() -> showsText(robot, "#stateLockCard", "3. ") && showsText(robot, "#freezeLockCard", "1. ")
                && view().codePane().shownPoint() == ProbePoint.FLUSH_ADD_SSTABLE);
        assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).isHeldBy(LsmEngine.FLUSHER_THREAD, LockMode.WRITE)).isTrue();
    }

    // ------------------------------------------------------------------------------------------

    /** The stage's checks, on the FX thread: the scene graph does not change while they read it. */
    private void assertTheStage(FxRobot robot, Screen screen, boolean stepping) throws Exception {
        onFx(() -> {
            assertTheStageNow(robot, screen, stepping);
            return null;
        });
    }

    private void assertTheStageNow(FxRobot robot, Screen screen, boolean stepping) {
        Scene scene = scene(robot);
        Map<String, Node> parts = new LinkedHashMap<>();
        for (String id : List.of("#activeMemtable", "#queueSlots", "#freezeLockCard", "#stateLockCard", "#levels",
                stepping ? "#codePane" : "#sideTabs", "#narrationView", "#controlBar", "#timeline", "#statusBar",
                "#commandBar")) {
            parts.put(id, robot.lookup(id).query());
        }
        for (Map.Entry<String, Node> p : parts.entrySet()) {
            assertInWindow(p.getKey(), p.getValue(), scene);
        }
        assertNoOverlap(parts);
        for (String id : List.of("#memoryView", "#lockPanel", stepping ? "#codePane" : "#eventLog", "#narrationView",
                "#controlBar", "#statusBar")) {
            if (id.equals("#lockPanel") && screen == Screen.PROJECTOR_AT_150) {
                continue; // one line a row there: see the screen's note
            }
            assertNoWordsCut(robot.lookup(id).query(), scene);
        }
        assertTheShelfIsWhole(robot);
        assertNarrationAtMostThreeLines(robot);
        if (stepping && screen.codeLines > 0) {
            assertTheCodeIsReadable(robot, screen);
        }
    }

    private static void assertInWindow(String what, Node n, Scene scene) {
        assertThat(shown(n)).as("%s is visible", what).isTrue();
        Bounds b = n.localToScene(n.getLayoutBounds());
        assertThat(b.getMinX()).as("%s left edge", what).isGreaterThanOrEqualTo(-0.5);
        assertThat(b.getMinY()).as("%s top edge", what).isGreaterThanOrEqualTo(-0.5);
        assertThat(b.getMaxX()).as("%s right edge", what).isLessThanOrEqualTo(scene.getWidth() + 0.5);
        assertThat(b.getMaxY()).as("%s bottom edge", what).isLessThanOrEqualTo(scene.getHeight() + 0.5);
    }

    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible() || x.getOpacity() == 0) {
                return false;
            }
        }
        return true;
    }

    private static void assertNoOverlap(Map<String, Node> parts) {
        List<String> ids = new ArrayList<>(parts.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Bounds a = bounds(parts.get(ids.get(i)));
                Bounds b = bounds(parts.get(ids.get(j)));
                boolean overlap = a.getMinX() < b.getMaxX() - 0.5 && b.getMinX() < a.getMaxX() - 0.5
                        && a.getMinY() < b.getMaxY() - 0.5 && b.getMinY() < a.getMaxY() - 0.5;
                assertThat(overlap).as("%s %s overlaps %s %s", ids.get(i), a, ids.get(j), b).isFalse();
            }
        }
    }

    private static Bounds bounds(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    /**
     * Every label and button shown under {@code root} shows its words whole: a one-line label is as
     * wide as its text needs, a wrapping one as tall; and it lies inside the window. (The queue
     * slots' key ranges and the data directory may shorten: their full text is a tooltip away.)
     */
    private static void assertNoWordsCut(Node root, Scene scene) {
        for (Node n : all(root)) {
            if (!(n instanceof Labeled l) || !shown(n) || l.getText() == null || l.getText().isBlank()
                    || n.getStyleClass().contains("slot-range") || "directoryStatus".equals(n.getId())) {
                continue;
            }
            String what = "'" + l.getText() + "' (" + n.getClass().getSimpleName() + " " + n.getStyleClass() + ")";
            if (l.isWrapText()) {
                assertThat(l.prefHeight(l.getWidth())).as("height of %s", what).isLessThanOrEqualTo(l.getHeight() + 0.5);
            } else {
                assertThat(l.getWidth()).as("width of %s", what).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
            }
            Bounds b = bounds(n);
            assertThat(b.getMaxX()).as("right edge of %s", what).isLessThanOrEqualTo(scene.getWidth() + 0.5);
        }
    }

    private static List<Node> all(Node root) {
        List<Node> out = new ArrayList<>();
        out.add(root);
        if (root instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(all(c));
            }
        }
        return out;
    }

    /** The shelf has room for whole tiles: the tallest it draws fits its height. */
    private static void assertTheShelfIsWhole(FxRobot robot) {
        Node shelf = robot.lookup("#levels").query();
        assertThat(shelf.getLayoutBounds().getHeight()).as("the shelf's height").isGreaterThanOrEqualTo(64);
    }

    private static void assertNarrationAtMostThreeLines(FxRobot robot) {
        Label text = robot.lookup("#narration").queryAs(Label.class);
        Text line = new Text("Xg");
        line.setFont(text.getFont());
        double lineHeight = line.getLayoutBounds().getHeight();
        double oneLine = oneLineHeight(robot, text);
        assertThat(text.prefHeight(text.getWidth()) / oneLine).as("lines of '%s'", text.getText())
                .isLessThanOrEqualTo(3.05);
        javafx.scene.layout.Region strip = robot.lookup("#narrationView").queryAs(javafx.scene.layout.Region.class);
        double room = strip.getHeight() - strip.getInsets().getTop() - strip.getInsets().getBottom();
        assertThat(room).as("the strip has room for three lines, always").isGreaterThanOrEqualTo(3 * lineHeight - 1);
    }

    /** The height the narration's label takes for one line of its text. */
    private static double oneLineHeight(FxRobot robot, Label text) {
        double[] h = new double[1];
        Runnable measure = () -> {
            String keep = text.textProperty().isBound() ? null : text.getText();
            Label probe = new Label("Xg");
            probe.getStyleClass().addAll(text.getStyleClass());
            probe.setFont(text.getFont());
            probe.setStyle(text.getStyle());
            ((javafx.scene.layout.Pane) text.getParent()).getChildren().add(probe);
            probe.applyCss();
            h[0] = probe.prefHeight(-1);
            ((javafx.scene.layout.Pane) text.getParent()).getChildren().remove(probe);
        };
        if (javafx.application.Platform.isFxApplicationThread()) {
            measure.run();
        } else {
            robot.interact(measure);
        }
        return h[0];
    }

    /**
     * The code: at least ten whole lines in view (or the whole method when it is shorter), the line
     * about to run among them, and each line of up to 72 characters shown whole.
     */
    private static void assertTheCodeIsReadable(FxRobot robot, Screen screen) {
        ListView<?> list = robot.lookup(".code-list").queryAs(ListView.class);
        Bounds view = bounds(list);
        int whole = 0;
        boolean currentInView = false;
        for (Node n : list.lookupAll(".code-line")) {
            ListCell<?> cell = (ListCell<?>) n;
            if (!cell.isVisible() || cell.isEmpty() || cell.getItem() == null) {
                continue;
            }
            Bounds b = bounds(cell);
            boolean inside = b.getMinY() >= view.getMinY() - 0.5 && b.getMaxY() <= view.getMaxY() + 0.5;
            if (inside) {
                whole++;
                currentInView |= cell.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("current"));
            }
        }
        int methodLines = list.getItems().size();
        assertThat(whole).as("whole code lines in view").isGreaterThanOrEqualTo(Math.min(screen.codeLines, methodLines));
        assertThat(list.getHeight() / list.getFixedCellSize()).as("room for %d lines", screen.codeLines)
                .isGreaterThanOrEqualTo(screen.codeLines);
        assertThat(currentInView).as("the line about to run is whole in view").isTrue();

        Label sample = robot.lookup(".code-text").match(Node::isVisible).queryAs(Label.class);
        Text seventyTwo = new Text("m".repeat(CodePane.COLUMNS));
        seventyTwo.setFont(Font.font(sample.getFont().getFamily(), sample.getFont().getSize()));
        double textColumn = bounds(list).getMaxX() - sample.localToScene(0, 0).getX();
        assertThat(textColumn).as("room for 72 characters of code at %s", screen)
                .isGreaterThanOrEqualTo(seventyTwo.getLayoutBounds().getWidth());
    }

    /** Where each button of the control bar stands (its id and its place in the window). */
    private static Map<String, Point2D> controlPositions(FxRobot robot) throws Exception {
        Map<String, Point2D> found = new LinkedHashMap<>();
        onFx(() -> {
            found.putAll(controlPositionsNow(robot));
            return null;
        });
        return found;
    }

    private static Map<String, Point2D> controlPositionsNow(FxRobot robot) {
        Map<String, Point2D> at = new LinkedHashMap<>();
        for (Node n : all(robot.lookup("#controlBar").query())) {
            if (n instanceof ButtonBase && n.getId() != null) {
                Bounds b = bounds(n);
                at.put(n.getId(), new Point2D(Math.round(b.getMinX()), Math.round(b.getMinY())));
            }
        }
        return at;
    }
}
