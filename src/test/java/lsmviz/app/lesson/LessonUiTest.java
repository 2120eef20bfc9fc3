package lsmviz.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import lsmviz.app.lesson.LessonRunner.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson bar and picker as a user sees them (headless under Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LessonUiTest {
    private static final String LESSON = """
            { "id": "ui", "title": "UI lesson", "description": "Says hello, waits, says goodbye.",
              "engine": { "memtableSizeBytes": 1024, "maxImmutableMemtables": 2, "flushMode": "manual" },
              "steps": [ %s ] }
            """;

    @TempDir
    Path temp;

    private LessonBar bar;
    private Stage stage;
    private LessonRunner runner;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        bar = new LessonBar();
        stage.setScene(new Scene(new BorderPane(null, bar, null, null, null), 1100, 300));
        stage.show();
    }

    @AfterEach
    void stopRunner() {
        if (runner != null) {
            runner.stop();
        }
    }

    private void bindTo(FxRobot robot, String steps) throws Exception {
        runner = new LessonRunner(LessonLibrary.parse("ui.json", LESSON.formatted(steps)),
                LessonRunner.Settings.defaults().withTempParent(temp));
        robot.interact(() -> bar.bind(runner));
    }

    private static void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::get);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String styleClass) {
        return robot.lookup("." + styleClass).queryAs(Label.class).getText();
    }

    @Test
    void nextStartsTheLessonThenReleasesEachPauseAndTheCounterFollows(FxRobot robot) throws Exception {
        bindTo(robot, """
                { "do": "say", "text": "Hello class" },
                { "do": "pause", "text": "Press Next when ready" },
                { "do": "say", "text": "Goodbye" }
                """);
        assertThat(text(robot, "lesson-title")).isEqualTo("UI lesson");
        assertThat(text(robot, "lesson-step")).isEqualTo("3 steps: press Next to begin");
        assertThat(robot.lookup("#lesson-stop").queryButton().isDisabled()).isTrue();

        robot.clickOn("#lesson-next");
        waitUntil(() -> bar.stateProperty().get() == State.WAITING_FOR_USER);
        assertThat(text(robot, "lesson-narration")).isEqualTo("Press Next when ready");
        assertThat(text(robot, "lesson-step")).isEqualTo("step 2 of 3");
        Button next = robot.lookup("#lesson-next").queryButton();
        assertThat(next.isDisabled()).isFalse();

        robot.clickOn("#lesson-next");
        waitUntil(() -> bar.stateProperty().get() == State.FINISHED);
        assertThat(text(robot, "lesson-narration")).isEqualTo("Goodbye");
        assertThat(text(robot, "lesson-step")).isEqualTo("finished: 3 of 3 steps");
        assertThat(next.isDisabled()).isTrue();
    }

    @Test
    void aFailedExpectIsShownAndStopEndsTheRun(FxRobot robot) throws Exception {
        bindTo(robot, """
                { "do": "put", "key": "a", "value": "1" },
                { "do": "expect", "check": "sstables", "count": 3, "waitMillis": 0 }
                """);
        robot.clickOn("#lesson-next");
        waitUntil(() -> bar.stateProperty().get() == State.FAILED);
        Label message = robot.lookup(".lesson-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isEqualTo("Step 2 of 2 (expect sstables = 3): expected 3 SSTables, found 0");
        assertThat(text(robot, "lesson-step")).isEqualTo("failed at step 2 of 2");

        robot.clickOn("#lesson-stop");
        waitUntil(() -> bar.stateProperty().get() == State.STOPPED);
        assertThat(runner.state()).isEqualTo(State.STOPPED);
        assertThat(text(robot, "lesson-step")).isEqualTo("stopped");
        assertThat(message.isVisible()).isFalse();
    }

    @Test
    void restartFromAPauseBeginsAgain(FxRobot robot) throws Exception {
        bindTo(robot, """
                { "do": "say", "text": "one" },
                { "do": "pause", "text": "two" }
                """);
        robot.clickOn("#lesson-next");
        waitUntil(() -> bar.stateProperty().get() == State.WAITING_FOR_USER);
        Path first = runner.directory();
        robot.clickOn("#lesson-restart");
        waitUntil(() -> bar.stateProperty().get() == State.WAITING_FOR_USER && runner.directory() != null
                && !runner.directory().equals(first));
        assertThat(first).doesNotExist();
        assertThat(text(robot, "lesson-narration")).isEqualTo("two");
    }

    @Test
    void thePickerShowsEachLessonsTitleAndDescriptionAndReturnsTheChosenOne(FxRobot robot) throws Exception {
        List<Lesson> lessons = LessonLibrary.load().lessons();
        LessonPicker[] picker = new LessonPicker[1];
        robot.interact(() -> {
            picker[0] = new LessonPicker(lessons);
            picker[0].initOwner(stage);
            picker[0].show();
        });
        for (Lesson l : lessons) {
            assertThat(robot.lookup(l.title()).tryQuery()).as(l.title()).isPresent();
            assertThat(robot.lookup(l.description()).tryQuery()).as(l.description()).isPresent();
        }
        robot.clickOn(lessons.get(1).title());
        robot.clickOn("Start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(picker[0].getResult()).isEqualTo(lessons.get(1));
        assertThat(picker[0].isShowing()).isFalse();
    }
}
