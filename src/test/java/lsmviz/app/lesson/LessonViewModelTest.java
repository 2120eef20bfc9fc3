package lsmviz.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.lesson.LessonLibrary;
import lsmviz.lesson.LessonRunner;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's pages, Next and Back, without a screen: the runner is real, the window a stand-in. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LessonViewModelTest {
    private static final String LESSON = """
            { "id": "ui", "title": "UI lesson", "description": "Says hello, waits, says goodbye.",
              "engine": { "memtableSizeBytes": 1024, "maxImmutableMemtables": 2, "flushMode": "manual" },
              "steps": [ %s ] }
            """;

    @TempDir
    Path temp;

    /** The window, as far as the view-model sees it: a history that grows, and where it was shown. */
    private final class Window implements LessonViewModel.Host {
        int size = 10;
        final List<Integer> shown = new ArrayList<>();
        boolean stopped;

        @Override
        public int historySize() {
            return size;
        }

        @Override
        public void showHistory(int position) {
            shown.add(position);
        }

        @Override
        public void stopLesson() {
            stopped = true;
        }

        @Override
        public void background(Runnable work) {
            work.run();
        }
    }

    private final Window window = new Window();
    private final LessonViewModel model = new LessonViewModel(window, Runnable::run);
    private LessonRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    private void start(String steps) throws Exception {
        runner = new LessonRunner(LessonLibrary.parse("ui.json", LESSON.formatted(steps)),
                LessonRunner.Settings.defaults().withTempParent(temp));
        model.bind(runner);
        runner.start();
    }

    private void await(State s) throws InterruptedException {
        assertThat(runner.awaitState(s, 20, TimeUnit.SECONDS)).as("reached %s", s).isTrue();
    }

    @Test
    void pagesCountThePressesOfNextNotTheScriptsSteps() throws Exception {
        start("""
                { "do": "say", "text": "Hello class" },
                { "do": "put", "key": "a", "value": "1" },
                { "do": "pause", "text": "First pause" },
                { "do": "put", "key": "b", "value": "2" },
                { "do": "expect", "check": "activeEntries", "count": 2 },
                { "do": "pause", "text": "Second pause" },
                { "do": "say", "text": "Goodbye" }
                """);
        await(State.WAITING_FOR_USER);
        assertThat(model.pageProperty().get()).isEqualTo("page 1 of 3");
        assertThat(model.narrationProperty().get()).isEqualTo("First pause");
        assertThat(model.canNextProperty().get()).isTrue();
        assertThat(model.canBackProperty().get()).as("nothing to go back to yet").isFalse();

        model.next();
        awaitNarration("Second pause");
        assertThat(model.pageProperty().get()).isEqualTo("page 2 of 3");
        assertThat(model.narrationProperty().get()).isEqualTo("Second pause");

        model.next();
        await(State.FINISHED);
        assertThat(model.pageProperty().get()).isEqualTo("the end");
        assertThat(model.narrationProperty().get()).isEqualTo("Goodbye");
        assertThat(model.canNextProperty().get()).isFalse();
    }

    @Test
    void backShowsEarlierPagesAndTheirPicturesAndNextWalksForwardToTheLiveOne() throws Exception {
        start("""
                { "do": "pause", "text": "one" },
                { "do": "pause", "text": "two" },
                { "do": "pause", "text": "three" }
                """);
        await(State.WAITING_FOR_USER);
        window.size = 100; // the class saw page one with 100 events recorded
        model.next();
        awaitNarration("two");
        window.size = 250;
        model.next();
        awaitNarration("three");

        model.back();
        assertThat(model.narrationProperty().get()).isEqualTo("two");
        assertThat(window.shown).containsExactly(250);
        assertThat(model.pageProperty().get()).isEqualTo("back to 2 of 4");
        assertThat(model.lookingBackProperty().get()).isTrue();
        model.back();
        assertThat(model.narrationProperty().get()).isEqualTo("one");
        assertThat(window.shown).containsExactly(250, 100);
        assertThat(model.canBackProperty().get()).as("the first page").isFalse();

        model.next();
        assertThat(model.narrationProperty().get()).isEqualTo("two");
        model.next();
        assertThat(model.narrationProperty().get()).isEqualTo("three");
        assertThat(window.shown).as("back to live").containsExactly(250, 100, 250, -1);
        assertThat(model.lookingBackProperty().get()).isFalse();
        assertThat(runner.state()).as("walking through pages seen does not move the lesson")
                .isEqualTo(State.WAITING_FOR_USER);
        assertThat(model.narrationProperty().get()).isEqualTo("three");
    }

    @Test
    void pagesBeforeAFreshEngineKeepTheirWordsButTheirPictureWentWithTheirEngine() throws Exception {
        start("""
                { "do": "pause", "text": "one" },
                { "do": "freshEngine", "compaction": "tiered" },
                { "do": "pause", "text": "two" },
                { "do": "pause", "text": "three" }
                """);
        await(State.WAITING_FOR_USER);
        window.size = 100; // page one, on the first engine's timeline
        model.next();
        awaitNarration("two");
        window.size = 40; // the fresh engine's timeline started again
        model.next();
        awaitNarration("three");

        model.back();
        assertThat(model.narrationProperty().get()).isEqualTo("two");
        assertThat(window.shown).as("a page of the fresh engine has its picture").containsExactly(40);
        model.back();
        assertThat(model.narrationProperty().get()).isEqualTo("one");
        assertThat(window.shown).as("the first engine's timeline is gone: the live picture")
                .containsExactly(40, LessonViewModel.NO_PICTURE);
        assertThat(model.pageProperty().get()).isEqualTo("back to 1 of 4");
    }

    @Test
    void aFailureIsToldAndStopAsksTheWindow() throws Exception {
        start("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "expect", "check": "sstables", "count": 3, "waitMillis": 0 }
                """);
        await(State.FAILED);
        assertThat(model.failureProperty().get()).isEqualTo("Step 2 of 2 (expect sstables = 3): expected 3 SSTables, found 0");
        assertThat(model.pageProperty().get()).isEqualTo("failed");
        model.stop();
        assertThat(window.stopped).isTrue();
    }

    @Test
    void restartBeginsAgainInAFreshDirectory() throws Exception {
        start("""
                { "do": "say", "text": "one" },
                { "do": "pause", "text": "two" }
                """);
        await(State.WAITING_FOR_USER);
        Path first = runner.directory();
        model.restart();
        await(State.WAITING_FOR_USER);
        assertThat(runner.directory()).isNotEqualTo(first);
        assertThat(first).doesNotExist();
        assertThat(model.narrationProperty().get()).isEqualTo("two");
        assertThat(model.pageProperty().get()).isEqualTo("page 1 of 2");
    }

    private void awaitNarration(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!text.equals(model.narrationProperty().get()) || runner.state() != State.WAITING_FOR_USER) {
            assertThat(System.nanoTime()).as("narration '%s'", text).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Waits, bounded, until the run waits for the class with {@code words} as its narration. */
    private void awaitPage(String words) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(words.equals(runner.narration()) && runner.state() == State.WAITING_FOR_USER)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(runner.narration()).isEqualTo(words);
    }

    @Test
    void aQuestionIsAskedAnsweredRevealedAndScoredAndARestartForgetsIt() throws Exception {
        start("""
                { "do": "put", "key": "a", "value": "1" }, { "do": "freeze" },
                { "do": "ask", "question": "Tables after the flush?", "choices": [
                    { "text": "none", "check": "sstables", "count": 0 },
                    { "text": "one", "check": "sstables", "count": 1 } ] },
                { "do": "flush" }, { "do": "reveal" }, { "do": "pause", "text": "after" }
                """);
        await(State.WAITING_FOR_USER);
        assertThat(model.questionProperty().get().question()).isEqualTo("Tables after the flush?");
        assertThat(model.pageProperty().get()).isEqualTo("page 1 of 3");
        model.answer(0);
        awaitPage("after");
        assertThat(model.questionProperty().get()).isNull();
        assertThat(model.feedbackProperty().get()).startsWith("Not quite: the answer was one (you said \"none\"");
        assertThat(model.scoreProperty().get()).isEqualTo("Questions: 0 of 1 right");
        assertThat(model.pageProperty().get()).isEqualTo("page 2 of 3");

        model.back(); // looking back: no answering from an old page
        assertThat(model.lookingBackProperty().get()).isTrue();
        model.next();
        model.next(); // past the verdict's page: the card's words go, the score stays
        await(State.FINISHED);
        assertThat(model.feedbackProperty().get()).isEmpty();
        assertThat(model.scoreProperty().get()).isEqualTo("Questions: 0 of 1 right");

        model.restart();
        await(State.WAITING_FOR_USER);
        assertThat(model.scoreProperty().get()).as("a new run, a new score").isEmpty();
        assertThat(model.questionProperty().get()).as("asked again").isNotNull();
        model.answer(1);
        awaitPage("after");
        assertThat(model.feedbackProperty().get()).isEqualTo("Right: one.");
        assertThat(model.scoreProperty().get()).isEqualTo("Questions: 1 of 1 right");
    }
}
