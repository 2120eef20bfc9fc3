package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions.Style;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lesson 8, page by page, headless: the same writes under leveled and then tiered compaction, and
 * the numbers it narrates are the engine's own, read back from the engine at each page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeveledVersusTieredLessonTest {
    @TempDir
    Path temp;

    private LessonRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.stop();
        }
    }

    /** Next, then waits for the next page (or the end). */
    private void next() throws InterruptedException {
        int at = runner.stepIndex();
        assertThat(runner.advance()).isTrue();
        pageAfter(at);
    }

    /**
     * Waits until the lesson pauses at a step after {@code step}, or ends. The step is read before
     * the state: the runner leaves a pause (RUNNING) before it moves to the next step, so a later
     * step that is WAITING_FOR_USER is a new pause, not the old one seen a moment late.
     */
    private void pageAfter(int step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            int at = runner.stepIndex();
            State s = runner.state();
            if (s == State.WAITING_FOR_USER && at > step || s.ended()) {
                assertThat(s).as(runner.message()).isIn(State.WAITING_FOR_USER, State.FINISHED);
                return;
            }
            assertThat(System.nanoTime()).as("the next page").isLessThan(deadline);
            runner.awaitState(State.WAITING_FOR_USER, 50, TimeUnit.MILLISECONDS);
        }
    }

    private static String two(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    /** Sorted runs counted from the tables themselves: each L0 table, and each level below that has one. */
    private static long sortedRuns(EngineSnapshot s) {
        long l0 = s.sstables().stream().filter(t -> t.level() == 0).count();
        long levels = s.sstables().stream().filter(t -> t.level() > 0).map(SSTableSummary::level).distinct().count();
        return l0 + levels;
    }

    private static List<String> numbers(String pattern, String text) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("'%s' in: %s", pattern, text).isTrue();
        return java.util.stream.IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
    }

    @Test
    void theSameWritesCostLessWritingButMoreRunsAndSpaceUnderTieredAsTheEngineCountsThem() throws Exception {
        Lesson lesson = LessonLibrary.load().byId("leveled-vs-tiered").orElseThrow();
        assertThat(lesson.title()).isEqualTo("8. Leveled versus tiered");
        assertThat(LessonLibrary.load().lessons().indexOf(lesson)).as("the eighth lesson").isEqualTo(7);
        runner = new LessonRunner(lesson, LessonRunner.Settings.defaults().withTempParent(temp));
        runner.start();
        pageAfter(-1); // the plan
        assertThat(runner.engine().options().compaction().style()).isEqualTo(Style.LEVELED);
        next(); // leveled, four memtables
        assertThat(runner.narration()).startsWith("Leveled: four memtables");
        next(); // leveled, eight memtables
        LsmEngine leveled = runner.engine();
        Path leveledDir = runner.directory();
        LevelsReport l = leveled.levels(true);
        EngineSnapshot ls = leveled.snapshot();
        assertThat(ls.sstables()).extracting(SSTableSummary::level).containsExactly(1);
        assertThat(numbers("Flushes wrote (.+), compactions (.+): each byte was written (\\S+) times", runner.narration()))
                .containsExactly(Bytes.size(l.flushBytesWritten()), Bytes.size(l.compactionBytesWritten()),
                        two(l.writeAmplification()));

        next(); // the fresh engine
        assertThat(leveled.isClosed()).isTrue();
        assertThat(leveledDir).as("leveled's directory is deleted").doesNotExist();
        LsmEngine tiered = runner.engine();
        assertThat(tiered.options().compaction().style()).isEqualTo(Style.TIERED);
        assertThat(tiered.snapshot().sstables()).isEmpty();
        try (Stream<Path> dirs = Files.list(temp)) {
            assertThat(dirs).containsExactly(runner.directory());
        }

        next(); // tiered, four memtables: the same work so far
        LevelsReport half = tiered.levels(false);
        assertThat(tiered.snapshot().sstables()).extracting(SSTableSummary::level).containsExactly(7);
        assertThat(numbers("each byte was written (\\S+) times", runner.narration()))
                .containsExactly(two(half.writeAmplification()));

        next(); // tiered, eight memtables: fewer bytes written
        LevelsReport t = tiered.levels(true);
        assertThat(t.flushBytesWritten()).as("the same writes flushed the same bytes").isEqualTo(l.flushBytesWritten());
        List<String> written = numbers("Compactions wrote (.+), leveled's (.+): each byte was written (\\S+) times, "
                + "not (\\S+)\\.", runner.narration());
        assertThat(written).containsExactly(Bytes.size(t.compactionBytesWritten()), Bytes.size(l.compactionBytesWritten()),
                two(t.writeAmplification()), two(l.writeAmplification()));
        assertThat(Double.parseDouble(written.get(2))).as("tiered writes less").isLessThan(Double.parseDouble(written.get(3)));

        next(); // the price: sorted runs
        EngineSnapshot ts = tiered.snapshot();
        assertThat(ts.sstables()).extracting(SSTableSummary::level).containsExactlyInAnyOrder(0, 6, 7);
        List<String> runs = numbers("The price: (\\d+) sorted runs against leveled's (\\d+)\\.", runner.narration());
        assertThat(runs).containsExactly(String.valueOf(sortedRuns(ts)), String.valueOf(sortedRuns(ls)));
        assertThat(t.readAmplification()).isEqualTo(3);
        assertThat(Integer.parseInt(runs.get(0))).as("tiered leaves more runs").isGreaterThan(Integer.parseInt(runs.get(1)));

        next(); // and space
        List<String> space = numbers("new above: (.+) on disk for (.+) of live data\\. Space amplification (\\S+), leveled's (\\S+) ",
                runner.narration());
        assertThat(space).containsExactly(Bytes.size(ts.sstableBytes()), Bytes.size(t.liveDataBytes()),
                two(t.spaceAmplification()), two(l.spaceAmplification()));
        assertThat(Double.parseDouble(space.get(2))).as("more bytes on disk per live byte")
                .isGreaterThan(Double.parseDouble(space.get(3)));
        assertThat(t.liveDataBytes()).as("the same data lives in both").isEqualTo(l.liveDataBytes());
        assertThat(l.diskBytes()).isEqualTo(ls.sstableBytes());

        next(); // the end
        assertThat(runner.state()).as(runner.message()).isEqualTo(State.FINISHED);
        assertThat(runner.narration()).startsWith("Leveled pays in writes");
        runner.stop();
        try (Stream<Path> dirs = Files.list(temp)) {
            assertThat(dirs).as("no directory is left behind").isEmpty();
        }
    }
}
