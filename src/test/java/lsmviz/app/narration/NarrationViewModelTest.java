package lsmviz.app.narration;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.model.Pictures;
import lsmviz.app.narration.NarrationViewModel.Kind;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;

/** One narration: the latest thing worth saying, and a headline that says what the window shows. */
class NarrationViewModelTest {
    private final NarrationViewModel m = new NarrationViewModel();

    @Test
    void eachPauseIsToldOnceAndTheSamePointReachedAgainIsToldAgain() {
        Pictures p = new Pictures(4096, 4).paused("flusher", "FLUSH_WRITE_RECORD");
        m.update(p.now());
        assertThat(m.textProperty().get()).isEqualTo("flusher is paused. narration of FLUSH_WRITE_RECORD");
        assertThat(m.kindProperty().get()).isEqualTo(Kind.STEP);
        m.say("Step: flusher moves to its next step");
        m.update(p.now());
        assertThat(m.textProperty().get()).as("an old pause is not told again").startsWith("Step:");
        p.resumed("flusher", "FLUSH_WRITE_RECORD").paused("flusher", "FLUSH_WRITE_RECORD");
        m.update(p.now());
        assertThat(m.textProperty().get()).as("the next record: the same point, a new step")
                .isEqualTo("flusher is paused. narration of FLUSH_WRITE_RECORD");
    }

    @Test
    void slowMotionTellsEachStepPassedAndLiveModeTellsNone() {
        Pictures p = new Pictures(4096, 4).passed("writer-1", "PUT_WRITE_MEMTABLE");
        m.say("hello");
        m.update(p.now());
        assertThat(m.textProperty().get()).isEqualTo("hello");
        m.setMode(StepMode.SLOW);
        m.update(p.passed("writer-1", "PUT_WRITE_MEMTABLE").now());
        assertThat(m.textProperty().get()).isEqualTo("writer-1: narration of PUT_WRITE_MEMTABLE");
        assertThat(m.headlineProperty().get()).isEqualTo("Slow motion");
    }

    @Test
    void inALessonTheLessonSpeaksACommandAnswersUntilItsNextWordsAndStepsAreLeftToIt() {
        m.setLesson("2. The five steps of a flush");
        m.setDetail("page 3 of 8");
        m.lessonSays("Step 2: iterate", "");
        assertThat(m.headlineProperty().get()).isEqualTo("2. The five steps of a flush");
        assertThat(m.detailProperty().get()).isEqualTo("page 3 of 8");
        assertThat(m.kindProperty().get()).isEqualTo(Kind.LESSON);
        m.update(new Pictures(4096, 4).paused("flush-caller", "FLUSH_ITERATE").now());
        assertThat(m.textProperty().get()).as("the lesson tells the step").isEqualTo("Step 2: iterate");
        m.say("get apple → red");
        assertThat(m.textProperty().get()).isEqualTo("get apple → red");
        m.lessonSays("Step 3: write", "");
        assertThat(m.textProperty().get()).isEqualTo("Step 3: write");
        m.lessonSays("Step 3: write", "Step 5 of 9 (await): no thread paused");
        assertThat(m.textProperty().get()).isEqualTo("The lesson stopped: Step 5 of 9 (await): no thread paused");
        assertThat(m.kindProperty().get()).isEqualTo(Kind.ERROR);
    }

    @Test
    void theHeadlineSaysHistoryAndReplayBeforeAnythingElse() {
        m.setMode(StepMode.STEP);
        assertThat(m.headlineProperty().get()).isEqualTo("Step mode");
        m.setHistory(true);
        assertThat(m.headlineProperty().get()).isEqualTo("History");
        m.setReplay("class.jsonl");
        assertThat(m.headlineProperty().get()).isEqualTo("Replay of class.jsonl");
        m.setReplay(null);
        m.setHistory(false);
        m.setLesson(null);
        assertThat(m.headlineProperty().get()).isEqualTo("Step mode");
    }
}
