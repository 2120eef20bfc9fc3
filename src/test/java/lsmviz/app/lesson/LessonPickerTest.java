package lsmviz.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson picker as a teacher sees it (headless under Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LessonPickerTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new BorderPane(), 1100, 300));
        stage.show();
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
            robot.interact(() -> picker[0].listView().scrollTo(l)); // twelve lessons: the list scrolls
            assertThat(robot.lookup(l.title()).tryQuery()).as(l.title()).isPresent();
            assertThat(robot.lookup(l.description()).tryQuery()).as(l.description()).isPresent();
        }
        robot.interact(() -> picker[0].listView().scrollTo(0));
        robot.clickOn(lessons.get(1).title());
        robot.clickOn("Start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(picker[0].getResult()).isEqualTo(lessons.get(1));
        assertThat(picker[0].isShowing()).isFalse();
    }
}
