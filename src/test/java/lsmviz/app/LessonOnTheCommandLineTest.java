package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.lesson.LessonLibrary;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** {@code --lesson=3}: a teacher's desktop shortcut opens the window on lesson 3, running. */
class LessonOnTheCommandLineTest extends WindowTestBase {
    @Override
    protected String[] arguments() {
        return new String[] {"--lesson=3"};
    }

    @Test
    void theWindowOpensOnTheLessonNamed(FxRobot robot) throws Exception {
        waitUntil(() -> view().lessons().current() != null
                && view().lessons().current().state() == State.WAITING_FOR_USER);
        assertThat(view().lessons().current().lesson()).isEqualTo(LessonLibrary.load().lessons().get(2));
        assertThat(showsText(robot, "#narrationView", LessonLibrary.load().lessons().get(2).title())).isTrue();
        assertThat(app.session().engine()).isSameAs(view().lessons().current().engine());
    }
}
