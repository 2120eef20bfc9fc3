package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;
import lsmviz.lesson.LessonRunner;
import lsmviz.lesson.LessonRunner.State;
import lsmviz.lesson.Step;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A lesson's own questions in the window: the class answers one right (lesson 11, after the
 * crash) and one wrong (lesson 2, before the flush swaps its table in), and each reveal checks the
 * answer against what the engine then really did.
 */
class LessonQuestionWindowTest extends WindowTestBase {

    private static Lesson lesson(int n) throws IOException {
        return LessonLibrary.load().lessons().get(n - 1);
    }

    @Test
    void aQuestionAnsweredRightIsCheckedAgainstWhatRecoveryBroughtBack(FxRobot robot) throws Exception {
        engine();
        LessonRunner r = start(robot, lesson(11));
        Step.Ask q = toTheQuestion(robot, r);
        assertThat(robot.lookup("#crashCurtain").query().isVisible())
                .as("the crash card steps aside: the report was the page before, the question needs the room")
                .isFalse();
        assertThat(showsText(robot, "#statusBar", "ENGINE DEAD")).as("the dead engine is still said").isTrue();
        assertThat(robot.lookup("#predictToggle").query().isDisabled())
                .as("a lesson asks its own questions and moves its threads itself: Predict waits").isTrue();
        assertThat(text(robot, "#lessonQuestion")).isEqualTo("Question: " + q.question());
        javafx.scene.Node card = robot.lookup("#lessonQuestionCard").query();
        javafx.scene.Node side = robot.lookup("#sideColumn").query();
        waitUntil(() -> card.localToScene(card.getLayoutBounds()).getMaxX()
                <= side.localToScene(side.getLayoutBounds()).getMinX() + 0.5);
        int right = 1; // "in a memtable again, replayed from its log"
        assertThat(robot.lookup("#lessonChoice" + right).queryButton().getText()).contains("replayed from its log");
        robot.clickOn("#lessonChoice" + right);
        waitUntil(() -> text(robot, "#lessonFeedback").startsWith("Right: in a memtable again"));
        assertThat(text(robot, "#lessonFeedback")).contains("recovery removes it");
        assertThat(text(robot, "#lessonScore")).isEqualTo("Questions: 1 of 1 right");
        assertThat(r.engine().snapshot().immutables()).as("what the reveal checked").hasSize(1);
        assertThat(robot.lookup("#lessonChoice0").tryQuery()).as("the choices are gone").isEmpty();
        playToTheEnd(robot, r);
    }

    @Test
    void aQuestionAnsweredWrongSaysWhatTheEngineHeldInstead(FxRobot robot) throws Exception {
        engine();
        LessonRunner r = start(robot, lesson(2));
        toTheQuestion(robot, r);
        robot.clickOn("#lessonChoice1"); // "the state lock in read mode": wrong
        waitUntil(() -> text(robot, "#lessonFeedback").startsWith("Not quite: the answer was the state lock in write mode"));
        assertThat(text(robot, "#lessonFeedback")).as("what the engine showed instead, from the lock table")
                .contains("you said \"the state lock in read mode\"").contains("flush-caller");
        assertThat(text(robot, "#lessonScore")).isEqualTo("Questions: 0 of 1 right");
        assertThat(robot.lookup("#lessonQuestionCard").query().isVisible()).as("the verdict stays for its page")
                .isTrue();
        playToTheEnd(robot, r);
        assertThat(robot.lookup("#lessonQuestionCard").query().isVisible()).as("Next takes the card off the stage")
                .isFalse();
        assertThat(view().lessons().model().scoreProperty().get()).isEqualTo("Questions: 0 of 1 right");
    }

    private LessonRunner start(FxRobot robot, Lesson l) throws Exception {
        robot.clickOn("Lessons");
        robot.clickOn(l.title());
        waitUntil(() -> view().lessons().current() != null && view().lessons().current().state() != State.READY);
        return view().lessons().current();
    }

    /** Presses Next until the lesson asks its question, and returns it. */
    private Step.Ask toTheQuestion(FxRobot robot, LessonRunner r) throws Exception {
        for (int page = 0; page < 30; page++) {
            waitUntil(() -> r.state() == State.WAITING_FOR_USER || r.state().ended());
            assertThat(r.state()).as(r.message()).isEqualTo(State.WAITING_FOR_USER);
            Step.Ask q = view().lessons().model().questionProperty().get();
            if (q != null) {
                waitUntil(() -> robot.lookup("#lessonQuestionCard").query().isVisible());
                return q;
            }
            int from = r.stepIndex();
            robot.clickOn(robot.lookup("#lesson-next").queryButton());
            waitUntil(() -> r.stepIndex() > from && r.state() == State.WAITING_FOR_USER || r.state().ended());
            waitUntil(() -> view().lessons().model().stateProperty().get() == r.state());
        }
        throw new AssertionError("no question in " + r.lesson().title());
    }

    private void playToTheEnd(FxRobot robot, LessonRunner r) throws Exception {
        for (int page = 0; page < 40 && r.state() != State.FINISHED; page++) {
            waitUntil(() -> r.state() == State.WAITING_FOR_USER || r.state().ended());
            assertThat(r.state()).as(r.message()).isIn(State.WAITING_FOR_USER, State.FINISHED);
            if (r.state() == State.WAITING_FOR_USER) {
                Button next = robot.lookup("#lesson-next").queryButton();
                waitUntil(() -> !next.isDisabled());
                int from = r.stepIndex();
                robot.clickOn(next);
                waitUntil(() -> r.stepIndex() > from || r.state().ended());
            }
        }
        waitUntil(() -> r.state() == State.FINISHED);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
