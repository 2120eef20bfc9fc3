package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import lsmviz.app.lesson.Lesson;
import lsmviz.app.lesson.LessonLibrary;
import lsmviz.app.lesson.LessonRunner;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A teacher runs a built-in lesson in the window, pressing Next, and then restarts it. */
class LessonWindowTest extends WindowTestBase {
    @Test
    void theFlushLessonRunsToItsEndInTheWindowAndCanBeRestarted(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().engine() != null);
        Lesson flush = LessonLibrary.load().lessons().stream().filter(l -> l.title().toLowerCase().contains("flush"))
                .findFirst().orElseThrow();
        robot.interact(() -> app.controller().startLesson(flush));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.controller().lesson() != null
                && app.controller().lesson().state() != LessonRunner.State.READY);
        LessonRunner runner = app.controller().lesson();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (runner.state() != LessonRunner.State.FINISHED && System.nanoTime() < deadline) {
            assertThat(runner.state()).as(runner.message() == null ? "" : runner.message())
                    .isNotEqualTo(LessonRunner.State.FAILED);
            if (runner.state() == LessonRunner.State.WAITING_FOR_USER) {
                robot.clickOn("#lesson-next");
            }
            Thread.sleep(100);
        }
        assertThat(runner.state()).isEqualTo(LessonRunner.State.FINISHED);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> app.controller().visibleState().sstables().size() >= 1);
        assertThat(app.session().engine()).as("the window acts on the lesson's engine").isSameAs(runner.engine());

        robot.clickOn("#lesson-restart");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runner.state() == LessonRunner.State.WAITING_FOR_USER
                || runner.state() == LessonRunner.State.RUNNING);
        assertThat(runner.stepIndex()).isLessThan(runner.stepCount() - 1);
        robot.interact(() -> app.controller().stopLesson());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.session().engine() != null
                && app.session().engine() != runner.engine());
    }
}
