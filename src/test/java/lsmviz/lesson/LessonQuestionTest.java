package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's own questions: how a file spells them, and how the runner checks the answer against the engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LessonQuestionTest {
    private static final String HEAD = """
            { "id": "t", "title": "T", "description": "A test lesson.",
              "engine": { "memtableSizeBytes": 4096, "maxImmutableMemtables": 2, "flushMode": "manual" },
              "steps": [ %s ] }
            """;
    /** Will the flush leave a table? Two choices, told apart by the engine's table count. */
    private static final String ASK = """
            { "do": "ask", "question": "How many SSTables after the flush?",
              "choices": [ { "text": "none", "check": "sstables", "count": 0 },
                           { "text": "one", "check": "sstables", "count": 1 } ],
              "why": "A flush writes one memtable into one table." }
            """;

    @TempDir
    Path temp;

    private final List<LessonRunner> runners = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        runners.forEach(LessonRunner::stop);
    }

    private static Lesson parse(String steps) throws Exception {
        return LessonLibrary.parse("t.json", HEAD.formatted(steps));
    }

    private static LessonFormatException failure(String steps) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> parse(steps));
        assertThat(t).as("parsing should fail").isInstanceOf(LessonFormatException.class);
        return (LessonFormatException) t;
    }

    /** A runner of {@code steps} in the test's directory, stopped after the test. */
    private LessonRunner runner(String steps, boolean autoAdvance) throws Exception {
        LessonRunner.Settings settings = LessonRunner.Settings.defaults().withTempParent(temp);
        LessonRunner r = new LessonRunner(parse(steps), autoAdvance ? settings.withAutoAdvance(true, 0) : settings);
        runners.add(r);
        return r;
    }

    /** The answers {@code r} reveals, as it reveals them. */
    private static List<Answer> reveals(LessonRunner r) {
        List<Answer> answers = new CopyOnWriteArrayList<>();
        r.addListener(new LessonRunner.Listener() {
            @Override
            public void questionRevealed(Answer a) {
                answers.add(a);
            }
        });
        return answers;
    }

    /** Runs {@code steps}, answering each question with {@code answer} (-1: Next without one); returns the reveals. */
    private List<Answer> play(String steps, int answer) throws Exception {
        LessonRunner r = runner(steps, false);
        List<Answer> answers = reveals(r);
        r.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!r.state().ended() && System.nanoTime() < deadline) {
            if (r.awaitState(LessonRunner.State.WAITING_FOR_USER, 100, TimeUnit.MILLISECONDS)) {
                boolean answered = answer >= 0 && r.answer(answer);
                if (!answered) {
                    r.advance();
                }
            }
        }
        assertThat(r.state()).as(String.valueOf(r.message())).isEqualTo(LessonRunner.State.FINISHED);
        return answers;
    }

    @Test
    void aQuestionParsesIntoItsChoicesEachWithACheck() throws Exception {
        Lesson l = parse(ASK + ", { \"do\": \"reveal\" }");
        Step.Ask a = (Step.Ask) l.steps().get(0);
        assertThat(a.texts()).containsExactly("none", "one");
        assertThat(a.choices().get(1).check()).isEqualTo(new Expectation.SSTables(new Expectation.Amount(1, false)));
        assertThat(a.stepKind()).isEqualTo(StepKind.ASK);
        assertThat(l.steps().get(1)).isEqualTo(new Step.Reveal(null));
    }

    @Test
    void theRightAnswerIsTheChoiceWhoseCheckHoldsOnceTheStepsBetweenRan() throws Exception {
        String steps = "{ \"do\": \"put\", \"key\": \"a\", \"value\": \"1\" }, { \"do\": \"freeze\" }, " + ASK
                + ", { \"do\": \"flush\" }, { \"do\": \"reveal\" }";
        Answer right = play(steps, 1).get(0);
        assertThat(right.right()).isEqualTo(1);
        assertThat(right.correct()).isTrue();
        assertThat(right.feedback()).isEqualTo("Right: one. A flush writes one memtable into one table.");

        Answer wrong = play(steps, 0).get(0);
        assertThat(wrong.correct()).isFalse();
        assertThat(wrong.feedback()).isEqualTo("Not quite: the answer was one (you said \"none\": expected 0"
                + " SSTables, found 1). A flush writes one memtable into one table.");

        Answer none = play(steps, -1).get(0);
        assertThat(none.given()).isEqualTo(-1);
        assertThat(none.feedback()).startsWith("The answer: one.");
    }

    @Test
    void aQuestionWithNoSingleRightAnswerFailsTheLessonNamingEachChoice() throws Exception {
        // no flush between: "none" holds, and so does the second choice's check
        String steps = """
                { "do": "ask", "question": "Q?",
                  "choices": [ { "text": "none", "check": "sstables", "count": 0 },
                               { "text": "also none", "check": "immutables", "count": 0 } ] },
                { "do": "reveal" }
                """;
        LessonRunner r = runner(steps, true);
        r.start();
        assertThat(r.awaitEnd(30, TimeUnit.SECONDS)).isEqualTo(LessonRunner.State.FAILED);
        assertThat(r.message()).contains("reveal the answer").contains("the question \"Q?\" has 2 right answers")
                .contains("\"none\" holds").contains("\"also none\" holds");
    }

    @Test
    void aQuestionMustBeRevealedAndARevealMustFollowAQuestion() {
        assertThat(failure(ASK).getMessage()).contains("steps[0]").contains("never revealed");
        assertThat(failure("{ \"do\": \"reveal\" }").getMessage()).contains("no question is asked before it");
        assertThat(failure(ASK + ", " + ASK + ", { \"do\": \"reveal\" }").getMessage())
                .contains("steps[1] asks a question while the one of steps[0] is not revealed yet");
    }

    @Test
    void aChoiceIsAsStrictAsAnExpect() {
        LessonFormatException e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ { "text": "a", "check": "sstables", "count": 0 },
                  { "text": "b", "check": "sstables", "count": 1, "waitMillis": 10 } ] }, { "do": "reveal" }
                """);
        assertThat(e.field()).isEqualTo("steps[0].choices[1].waitMillis");
        e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ { "text": "a", "check": "sstables", "count": 0 },
                  { "text": "b", "check": "sstables", "cuont": 1 } ] }, { "do": "reveal" }
                """);
        assertThat(e.getMessage()).contains("unknown field 'cuont'");
        e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ { "text": "a", "check": "sstables", "count": 0 },
                  { "text": "b", "check": "sstables", "key": "k", "count": 1 } ] }, { "do": "reveal" }
                """);
        assertThat(e.getMessage()).contains("check 'sstables' takes no field 'key' (it takes: count, atLeast, text)");
        e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ { "text": "a", "check": "sstables", "count": 0 } ] },
                { "do": "reveal" }
                """);
        assertThat(e.field()).isEqualTo("steps[0].choices");
        e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ { "check": "sstables", "count": 0 },
                  { "text": "b", "check": "sstables", "count": 1 } ] }, { "do": "reveal" }
                """);
        assertThat(e.getMessage()).contains("missing field 'text'");
    }

    @Test
    void anAnswerCountsOnlyAtItsQuestionNotAtALaterPause() throws Exception {
        LessonRunner r = runner("{ \"do\": \"put\", \"key\": \"a\", \"value\": \"1\" }, { \"do\": \"freeze\" }, " + ASK
                + ", { \"do\": \"flush\" }, { \"do\": \"pause\", \"text\": \"seen\" }, { \"do\": \"reveal\" }", false);
        List<Answer> answers = reveals(r);
        r.start();
        assertThat(r.awaitState(LessonRunner.State.WAITING_FOR_USER, 20, TimeUnit.SECONDS)).isTrue();
        assertThat(r.advance()).as("Next, without an answer").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!("seen".equals(r.narration()) && r.state() == LessonRunner.State.WAITING_FOR_USER)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(r.narration()).isEqualTo("seen");
        assertThat(r.answer(1)).as("the table is on screen now: too late to answer").isFalse();
        r.advance();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(LessonRunner.State.FINISHED);
        assertThat(answers).singleElement().satisfies(a -> assertThat(a.given()).isEqualTo(-1));
    }

    @Test
    void aQuestionWhoseChoicesAllFailHasNoRightAnswerAndFailsTheLesson() throws Exception {
        String steps = """
                { "do": "ask", "question": "Q?",
                  "choices": [ { "text": "five", "check": "sstables", "count": 5 },
                               { "text": "six", "check": "sstables", "count": 6 } ] },
                { "do": "reveal" }
                """;
        LessonRunner r = runner(steps, true);
        r.start();
        assertThat(r.awaitEnd(30, TimeUnit.SECONDS)).isEqualTo(LessonRunner.State.FAILED);
        assertThat(r.message()).contains("has no right answer").contains("\"five\" expected 5 SSTables, found 0");
    }

    @Test
    void aCostChoiceWithoutItsRememberedCostsNamesTheChoice() {
        LessonFormatException e = failure("""
                { "do": "ask", "question": "Q?", "choices": [
                  { "text": "a", "check": "cost", "cost": "sortedRuns", "below": "before" },
                  { "text": "b", "check": "sstables", "count": 1 } ] }, { "do": "reveal" }
                """);
        assertThat(e.field()).isEqualTo("steps[0].choices[0].below");
        e = failure("""
                { "do": "ask", "question": "Q?", "choices": [ "a", "b" ] }, { "do": "reveal" }
                """);
        assertThat(e.getMessage()).contains("a choice is an object").doesNotContain("lsmviz");
    }
}
