package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import lsmviz.app.disk.LevelStage;
import lsmviz.app.model.VisualState;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;
import lsmviz.lesson.LessonRunner;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;

/**
 * A teacher plays every built-in lesson in the window, pressing Next and nothing else, to its
 * end; lesson 3 after another lesson, after Restart and after Stop; and lesson 8's second engine
 * taken over by the window.
 */
class LessonWindowTest extends WindowTestBase {

    static Stream<Lesson> builtInLessons() throws IOException {
        return LessonLibrary.load().lessons().stream();
    }

    private static Lesson lesson(int n) throws IOException {
        return LessonLibrary.load().lessons().get(n - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInLessons")
    void everyLessonPlaysToItsEndInTheWindowWithNextAlone(Lesson lesson, FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson);
        playToTheEnd(robot);
        assertThat(showsText(robot, "#narrationView", "the end")).isTrue();
        assertThat(app.session().engine()).as("the window acts on the lesson's engine")
                .isSameAs(view().lessons().current().engine());
        assertThat(app.session().engine().stepGate().mode()).as("a lesson that ends leaves the engine running")
                .isEqualTo(lsmviz.engine.step.StepMode.RUN);
        waitUntil(() -> view().history().timeline().statusText().equals("LIVE"));
    }

    @Test
    void changingTheTextSizeKeepsTheLessonsWords(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(1));
        LessonRunner r = view().lessons().current();
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        String words = view().narrationText();
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.EQUALS)
                .release(javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> view().presentation().scale() > 1.05);
        assertThat(view().narrationText()).isEqualTo(words);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.MINUS)
                .release(javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> view().presentation().scale() < 1.05);
        assertThat(view().narrationText()).isEqualTo(words);
    }

    @Test
    void whileTheReaderIsPausedAtAProbeWhatItAsksIsMarked(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(6));
        LessonRunner r = view().lessons().current();
        javafx.css.PseudoClass probed = javafx.css.PseudoClass.getPseudoClass("probed");
        // to the page "First the active memtable": the reader waits at its first probe
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        for (int page = 0; page < 10 && !view().narrationText().startsWith("First the active memtable"); page++) {
            next(robot);
            waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        }
        assertThat(view().narrationText()).startsWith("First the active memtable");
        long active = view().visibleState().active().id();
        waitUntil(() -> view().visibleState().getShown() != null
                && view().visibleState().getShown().probes().get(0).id() == active);
        waitUntil(() -> robot.lookup("#activeMemtable").query().getPseudoClassStates().contains(probed));
        next(robot); // the immutable memtable
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        long immutable = view().visibleState().immutables().get(0).id();
        waitUntil(() -> view().visibleState().getShown().probes().get(0).id() == immutable);
        assertThat(robot.lookup("#activeMemtable").query().getPseudoClassStates()).doesNotContain(probed);
        next(robot); // the newer SSTable, in L0
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        VisualState.ProbeVis asking = view().visibleState().getShown().probes().get(0);
        assertThat(asking.memtable()).isFalse();
        assertThat(asking.level()).isZero();
        assertThat(asking.verdict()).isEqualTo(VisualState.ASKING);
        assertThat(asking.id()).isEqualTo(view().visibleState().sstables().get(0).id()).as("the newest table first");
    }

    @Test
    void lessonEightsFreshTieredEngineIsTheWindowsAndTheLevelViewShowsItsRuns(FxRobot robot) throws Exception {
        engine();
        Lesson eight = lesson(8);
        assertThat(eight.title()).isEqualTo("8. Leveled versus tiered");
        startFromTheMenu(robot, eight);
        LessonRunner r = view().lessons().current();
        nextUntil(robot, r, "L0 merged into L1 again"); // leveled, after the eight memtables
        LsmEngine leveled = r.engine();
        Path leveledDir = r.directory();
        assertThat(app.session().engine()).isSameAs(leveled);
        LevelsReport leveledCosts = leveled.levels(true);
        assertThat(showsText(robot, "#narrationView", "each byte was written " + two(leveledCosts.writeAmplification())
                + " times")).as("the leveled engine's own number").isTrue();

        nextUntil(robot, r, "Leveled is done"); // the fresh engine
        LsmEngine tiered = r.engine();
        assertThat(tiered).isNotSameAs(leveled);
        assertThat(tiered.options().compaction().style()).isEqualTo(CompactionOptions.Style.TIERED);
        waitUntil(() -> app.session().engine() == tiered);
        assertThat(leveled.isClosed()).isTrue();
        assertThat(leveledDir).as("the leveled engine's directory is deleted").doesNotExist();
        waitUntil(() -> view().visibleState().levels() != null
                && view().visibleState().levels().style().equals("tiered") && view().visibleState().sstables().isEmpty());

        nextUntil(robot, r, "The price"); // tiered, after the same writes
        LevelsReport tieredCosts = tiered.levels(true);
        List<SSTableSummary> tables = tiered.snapshot().sstables();
        assertThat(tables).extracting(SSTableSummary::level).containsExactlyInAnyOrder(0, 6, 7);
        waitUntil(() -> view().visibleState().sstables().size() == 3
                && view().visibleState().levels().report().readAmplification() == 3);
        LevelStage stage = robot.lookup("#levels").queryAs(LevelStage.class);
        for (SSTableSummary t : tables) {
            waitUntil(() -> stage.boxOf(t.id()) != null);
            assertThat(bandOf(stage, stage.boxOf(t.id()))).as("table #%d is drawn in L%d", t.id(), t.level())
                    .isEqualTo(t.level());
        }
        assertThat(showsText(robot, "#narrationView", "The price: " + tieredCosts.readAmplification()
                + " sorted runs against leveled's " + leveledCosts.readAmplification())).isTrue();
        nextUntil(robot, r, "And keys written twice");
        assertThat(showsText(robot, "#narrationView", "Space amplification " + two(tieredCosts.spaceAmplification())
                + ", leveled's " + two(leveledCosts.spaceAmplification()))).isTrue();

        playToTheEnd(robot);
        Path tieredDir = r.directory();
        robot.clickOn("#lesson-stop");
        waitUntil(() -> r.state() == State.STOPPED && app.session().engine() != null
                && app.session().engine() != tiered && !app.session().engine().isClosed());
        assertThat(tieredDir).as("the tiered engine's directory is deleted at the stop").doesNotExist();
    }

    private static String two(double d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    /** Which band (0 for L0) holds the middle of {@code box}, or -1. */
    private static int bandOf(LevelStage s, Rectangle2D box) {
        List<Rectangle2D> bands = s.bands();
        for (int i = 0; i < bands.size(); i++) {
            double y = box.getMinY() + box.getHeight() / 2;
            if (y >= bands.get(i).getMinY() && y < bands.get(i).getMaxY()) {
                return i;
            }
        }
        return -1;
    }

    /** Presses Next until the lesson waits at a page whose words start with {@code words}. */
    private void nextUntil(FxRobot robot, LessonRunner r, String words) throws Exception {
        waitUntil(() -> r.state() == State.WAITING_FOR_USER || r.state().ended());
        for (int page = 0; page < 20 && !r.narration().startsWith(words); page++) {
            assertThat(r.state()).as("%s: %s", r.lesson().title(), r.message()).isEqualTo(State.WAITING_FOR_USER);
            int from = r.stepIndex();
            next(robot);
            // the step first: a later step seen waiting is the next pause, not the one just left
            waitUntil(() -> {
                int at = r.stepIndex();
                State s = r.state();
                return s == State.WAITING_FOR_USER && at > from || s.ended();
            });
        }
        assertThat(r.narration()).startsWith(words);
        waitUntil(() -> view().narrationText().startsWith(words) && showsText(robot, "#narrationView", words));
    }

    @Test
    void theBadgeSaysStepModeWhileSteppingAndLiveOtherwise(FxRobot robot) throws Exception {
        engine();
        robot.clickOn("#modeStep");
        waitUntil(() -> view().history().timeline().statusText().equals("LIVE · STEP MODE"));
        robot.clickOn("#modeLive");
        waitUntil(() -> view().history().timeline().statusText().equals("LIVE"));
    }

    @Test
    void lessonThreeRunsAfterLessonTwo(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(2));
        playToTheEnd(robot);
        startFromTheMenu(robot, lesson(3));
        playToTheEnd(robot);
    }

    @Test
    void lessonThreeRunsToItsEndAfterRestart(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(3));
        for (int i = 0; i < 3; i++) {
            next(robot);
        }
        LessonRunner before = view().lessons().current();
        var firstEngine = before.engine();
        robot.clickOn("#lesson-restart");
        waitUntil(() -> before.engine() != null && before.engine() != firstEngine
                && before.state() == State.WAITING_FOR_USER);
        playToTheEnd(robot);
    }

    @Test
    void lessonThreeRunsToItsEndAfterStop(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(3));
        next(robot);
        LessonRunner stopped = view().lessons().current();
        robot.clickOn("#lesson-stop");
        waitUntil(() -> stopped.state() == State.STOPPED && app.session().engine() != null
                && !app.session().engine().isClosed() && view().lessons().current() == null);
        assertThat(robot.lookup("#lessonBar").query().isVisible()).as("the lesson controls go").isFalse();
        assertThat(stopped.directory()).isNull();
        startFromTheMenu(robot, lesson(3));
        playToTheEnd(robot);
    }

    @Test
    void pageDownMovesTheLessonOnEvenWhileTypingAndPageUpLooksBack(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(1));
        LessonRunner r = view().lessons().current();
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        String first = view().narrationText();
        robot.clickOn("#keyField").write("k"); // the focus is in a text field
        robot.type(KeyCode.PAGE_DOWN);
        waitUntil(() -> r.state() == State.WAITING_FOR_USER && !view().narrationText().equals(first));
        assertThat(showsText(robot, "#narrationView", "page 2 of")).isTrue();
        robot.type(KeyCode.PAGE_UP);
        waitUntil(() -> view().narrationText().equals(first));
        assertThat(showsText(robot, "#narrationView", "back to 1 of")).isTrue();
        assertThat(view().history().showsLive()).as("looking back shows the picture of then").isFalse();
        robot.type(KeyCode.PAGE_DOWN);
        waitUntil(() -> view().history().showsLive() && showsText(robot, "#narrationView", "page 2 of"));
        assertThat(r.state()).as("walking forward through pages seen does not move the lesson").isEqualTo(State.WAITING_FOR_USER);
    }

    @Test
    void thePictureShowsWhatTheLessonSays(FxRobot robot) throws Exception {
        engine();
        startFromTheMenu(robot, lesson(4));
        LessonRunner r = view().lessons().current();
        waitUntil(() -> r.state() == State.WAITING_FOR_USER);
        assertThat(view().narrationText()).contains("Writer B waits for it in the queue");
        waitUntil(() -> showsText(robot, "#freezeLockCard", "held by writer-A (exclusive)")
                && showsText(robot, "#freezeLockCard", "1. writer-B wants exclusive"));

        startFromTheMenu(robot, lesson(5));
        LessonRunner stall = view().lessons().current();
        for (int page = 1; page < 3; page++) {
            next(robot);
        }
        waitUntil(() -> stall.state() == State.WAITING_FOR_USER && view().narrationText().startsWith("Both writers stall"));
        // the two writers start together: either may be the first to stall
        waitUntil(() -> (showsText(robot, "#queueTitle", "writer-A, writer-B stall")
                        || showsText(robot, "#queueTitle", "writer-B, writer-A stall"))
                && (showsText(robot, "#statusBar", "WRITE STALL: writer-A, writer-B")
                        || showsText(robot, "#statusBar", "WRITE STALL: writer-B, writer-A")));
    }

    @Test
    void startingALessonKeepsTheTimeline(FxRobot robot) throws Exception {
        engine();
        assertThat(view().actions().timeline.isSelected()).isTrue();
        startFromTheMenu(robot, lesson(1));
        assertThat(view().actions().timeline.isSelected()).isTrue();
        assertThat(robot.lookup("#timeline").query().isVisible()).isTrue();
    }

    /** Opens the Lessons menu and clicks the lesson's title, as a teacher does. */
    private void startFromTheMenu(FxRobot robot, Lesson l) throws Exception {
        LessonRunner before = view().lessons().current();
        robot.clickOn("Lessons");
        robot.clickOn(l.title());
        waitUntil(() -> view().lessons().current() != null && view().lessons().current() != before
                && view().lessons().current().state() != State.READY);
    }

    /** Presses Next whenever the lesson waits for it, until it ends; fails with the lesson's message if it fails. */
    private void playToTheEnd(FxRobot robot) throws Exception {
        LessonRunner r = view().lessons().current();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (r.state() != State.FINISHED && System.nanoTime() < deadline) {
            assertThat(r.state()).as("%s: %s", r.lesson().title(), r.message()).isNotIn(State.FAILED, State.STOPPED);
            next(robot);
        }
        assertThat(r.state()).as("%s: %s", r.lesson().title(), r.message()).isEqualTo(State.FINISHED);
        waitUntil(() -> showsText(robot, "#narrationView", "the end"));
    }

    /** One press of Next once the lesson waits for it (or it ended). */
    private void next(FxRobot robot) throws Exception {
        LessonRunner r = view().lessons().current();
        waitUntil(() -> r.state() == State.WAITING_FOR_USER || r.state().ended());
        if (r.state() != State.WAITING_FOR_USER) {
            return;
        }
        Button next = robot.lookup("#lesson-next").queryButton();
        waitUntil(() -> !next.isDisabled());
        int seenBefore = pagesSeen();
        robot.clickOn(next);
        waitUntil(() -> pagesSeen() > seenBefore || r.state().ended());
    }

    private int pagesSeen() {
        String page = view().lessons().model().pageProperty().get();
        List<String> words = List.of(page.split(" "));
        return words.size() >= 2 && words.get(0).equals("page") ? Integer.parseInt(words.get(1)) : 99;
    }
}
