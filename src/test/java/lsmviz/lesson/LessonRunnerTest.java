package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmviz.lesson.LessonRunner.State;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner: pauses and advance, stop and restart, and failures that say what went wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LessonRunnerTest {
    private static final String HEAD = """
            { "id": "t", "title": "T", "description": "A test lesson.",
              "engine": { "memtableSizeBytes": 4096, "maxImmutableMemtables": 2, "flushMode": "manual" },
              "steps": [ %s ] }
            """;

    @TempDir
    Path temp;

    private final List<LessonRunner> runners = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        runners.forEach(LessonRunner::stop);
    }

    private LessonRunner runner(Lesson lesson, LessonRunner.Settings settings) {
        LessonRunner r = new LessonRunner(lesson, settings.withTempParent(temp));
        runners.add(r);
        return r;
    }

    private LessonRunner runner(String steps, long stepTimeoutMillis) throws Exception {
        return runner(LessonLibrary.parse("t.json", HEAD.formatted(steps)),
                LessonRunner.Settings.defaults().withAutoAdvance(true, 0).withStepTimeoutMillis(stepTimeoutMillis));
    }

    private static Lesson builtIn(String id) throws Exception {
        return LessonLibrary.load().byId(id).orElseThrow();
    }

    private long lessonDirectories() throws Exception {
        try (Stream<Path> s = Files.list(temp)) {
            return s.count();
        }
    }

    /** Presses Next at every pause until the lesson ends. */
    private static State advanceToTheEnd(LessonRunner r) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!r.state().ended() && System.nanoTime() < deadline) {
            if (r.awaitState(State.WAITING_FOR_USER, 100, TimeUnit.MILLISECONDS)) {
                r.advance();
            }
        }
        return r.state();
    }

    @Test
    void aPauseWaitsForNextAndShowsItsNarration() throws Exception {
        LessonRunner r = runner(LessonLibrary.parse("t.json", HEAD.formatted("""
                { "do": "say", "text": "first" },
                { "do": "pause", "text": "wait here" },
                { "do": "say", "text": "after" }
                """)), LessonRunner.Settings.defaults());
        List<String> narration = new CopyOnWriteArrayList<>();
        r.addListener(new LessonRunner.Listener() {
            @Override
            public void narrationChanged(String text) {
                narration.add(text);
            }
        });
        assertThat(r.state()).isEqualTo(State.READY);
        assertThat(r.advance()).as("nothing to advance before the start").isFalse();
        r.start();
        assertThat(r.awaitState(State.WAITING_FOR_USER, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.narration()).isEqualTo("wait here");
        assertThat(r.stepIndex()).isEqualTo(1);
        Thread.sleep(200);
        assertThat(r.state()).as("a pause does not go on by itself").isEqualTo(State.WAITING_FOR_USER);
        assertThat(r.advance()).isTrue();
        assertThat(r.awaitEnd(10, TimeUnit.SECONDS)).isEqualTo(State.FINISHED);
        assertThat(r.advance()).isFalse();
        assertThat(narration).containsExactly("A test lesson.", "first", "wait here", "after");
    }

    @Test
    void stopMidwayWithAThreadPausedHoldingLocksThenRestartRunsToTheEnd() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        EventListener bridge = events::add;
        LessonRunner r = runner(builtIn("five-steps-of-a-flush"), LessonRunner.Settings.defaults().withEngineListener(bridge));
        r.addListener(new LessonRunner.Listener() {
            @Override
            public void engineOpening(Path directory) {
                seen.add("opening");
            }

            @Override
            public void engineOpened(LsmEngine engine) {
                seen.add("opened");
            }

            @Override
            public void engineClosed(LsmEngine engine) {
                seen.add("closed");
            }
        });
        r.start();
        // Next, Next, Next: the flush is then paused at step 1, holding the freeze lock
        for (int i = 0; i < 2; i++) {
            assertThat(r.awaitState(State.WAITING_FOR_USER, 10, TimeUnit.SECONDS)).isTrue();
            int from = r.stepIndex();
            assertThat(r.advance()).isTrue();
            // past the pause: a RUNNING between two pauses can be too short to be seen on a busy machine
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (r.stepIndex() <= from && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(r.stepIndex()).as("the script went on past step %d", from).isGreaterThan(from);
        }
        assertThat(r.awaitState(State.WAITING_FOR_USER, 10, TimeUnit.SECONDS)).isTrue();
        LsmEngine first = r.engine();
        Path firstDir = r.directory();
        assertThat(first.stepGate().paused()).isNotEmpty();
        assertThat(first.lockTable().view(LsmEngine.FREEZE_LOCK).holders()).isNotEmpty();
        assertThat(events).as("the window's listener sees the opening").hasAtLeastOneElementOfType(EngineEvent.EngineOpened.class);

        r.stop();
        assertThat(r.state()).isEqualTo(State.STOPPED);
        assertThat(r.message()).isNull();
        assertThat(first.isClosed()).isTrue();
        assertThat(firstDir).doesNotExist();
        assertThat(r.engine()).isNull();
        assertThat(lessonDirectories()).isZero();
        assertThat(seen).containsExactly("opening", "opened", "closed");

        r.restart();
        assertThat(r.stepIndex()).isZero();
        assertThat(advanceToTheEnd(r)).as(r.message()).isEqualTo(State.FINISHED);
        assertThat(r.engine()).isNotSameAs(first);
        assertThat(r.directory()).isNotEqualTo(firstDir);
        assertThat(seen).containsExactly("opening", "opened", "closed", "opening", "opened");
    }

    @Test
    void restartWhileWaitingStartsAgainFromStepOne() throws Exception {
        LessonRunner r = runner(builtIn("why-the-freeze-lock"), LessonRunner.Settings.defaults());
        r.start();
        assertThat(r.awaitState(State.WAITING_FOR_USER, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.stepIndex()).isGreaterThan(0);
        r.restart();
        assertThat(r.awaitState(State.WAITING_FOR_USER, 10, TimeUnit.SECONDS)).isTrue();
        assertThat(lessonDirectories()).as("the first run's directory is gone, the second's is there").isEqualTo(1);
        assertThat(advanceToTheEnd(r)).as(r.message()).isEqualTo(State.FINISHED);
    }

    @Test
    void startTwiceIsRefusedAndStopBeforeStartDoesNothing() throws Exception {
        LessonRunner r = runner("{ \"do\": \"pause\" }", 5_000);
        r.stop();
        assertThat(r.state()).isEqualTo(State.READY);
        r.start();
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("restart");
    }

    @Test
    void aFailingExpectFailsTheLessonSayingWhatWasFound() throws Exception {
        LessonRunner r = runner("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "expect", "check": "immutables", "count": 5, "waitMillis": 0 }
                """, 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).isEqualTo(
                "Step 2 of 2 (expect immutables = 5): expected 5 immutable memtables, found 0");
    }

    @Test
    void aWrongValueFromAGetFailsTheLesson() throws Exception {
        LessonRunner r = runner("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "get", "key": "a", "expect": "2" }
                """, 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).isEqualTo("Step 2 of 2 (get 'a'): get 'a' returned '1', expected '2'");
    }

    @Test
    void anEngineCallThatWouldHangFailsAtItsTimeoutSayingWhereTheThreadIs() throws Exception {
        LessonRunner r = runner("""
                { "do": "breakpoints", "points": ["PUT_WRITE_MEMTABLE"] },
                { "do": "mode", "mode": "STEP" },
                { "do": "put", "key": "a", "value": "1" }
                """, 300);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).startsWith("Step 3 of 3 (put 'a'): put 'a' did not finish within 300 ms")
                .contains("lesson is paused at PUT_WRITE_MEMTABLE");
        r.stop(); // releases the paused thread
        assertThat(r.state()).isEqualTo(State.STOPPED);
        assertThat(lessonDirectories()).isZero();
    }

    @Test
    void awaitingAPauseThatNeverComesFailsAtItsTimeout() throws Exception {
        LessonRunner r = runner("""
                { "do": "awaitPaused", "thread": "flusher", "point": "FLUSH_ITERATE", "timeoutMillis": 200 }
                """, 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).startsWith("Step 1 of 1 (await flusher paused at FLUSH_ITERATE): "
                + "thread flusher was not paused at FLUSH_ITERATE within 200 ms");
    }

    @Test
    void aThreadWaitingForALockIsNamedWithTheHolder() throws Exception {
        LessonRunner r = runner("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "freeze" },
                { "do": "breakpoints", "points": ["FLUSH_ITERATE"] },
                { "do": "mode", "mode": "STEP" },
                { "do": "flush", "thread": "f" },
                { "do": "awaitPaused", "thread": "f" },
                { "do": "freeze", "thread": "z" },
                { "do": "join", "thread": "z", "timeoutMillis": 300 }
                """, 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).startsWith("Step 8 of 8 (join z): thread z did not finish within 300 ms: "
                + "z waits for the freeze lock (exclusive); held by f (exclusive)")
                .contains("paused now: f at FLUSH_ITERATE");
    }

    @Test
    void aFailureOnALessonThreadFailsTheLessonNamingTheThread() throws Exception {
        LessonRunner r = runner("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "startThread", "name": "reader", "steps": [ { "do": "get", "key": "a", "expectAbsent": true } ] },
                { "do": "join", "thread": "reader" }
                """, 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        // the reader may fail while the script still starts it (step 2) or already waits for it (step 3)
        assertThat(r.message()).matches("Step [23] of 3 \\((start thread|join) reader\\): .*")
                .endsWith("on thread reader, get 'a': get 'a' returned '1', expected the key to be absent");
    }

    @Test
    void aLessonThreadStillPausedAtTheEndFailsTheLesson() throws Exception {
        LessonRunner r = runner("""
                { "do": "breakpoints", "points": ["PUT_WRITE_MEMTABLE"] },
                { "do": "mode", "mode": "STEP" },
                { "do": "put", "key": "a", "value": "1", "thread": "w" },
                { "do": "awaitPaused", "thread": "w" }
                """, 300);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).isEqualTo("At the end of the lesson: thread w is still running (join it before the end): "
                + "w is paused at PUT_WRITE_MEMTABLE (release it with step or continue)");
    }

    @Test
    void stepAndContinueOnAThreadThatIsNotPausedFail() throws Exception {
        LessonRunner r = runner("{ \"do\": \"continue\", \"thread\": \"ghost\" }", 5_000);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).isEqualTo("Step 1 of 1 (continue ghost): thread ghost is not paused; no thread is paused now");
    }
}
