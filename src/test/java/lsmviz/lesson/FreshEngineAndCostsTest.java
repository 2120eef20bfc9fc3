package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.lesson.LessonRunner.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps that compare compaction styles in one lesson: a fresh engine in a fresh directory,
 * the engine's costs in the narration, and costs remembered and compared.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FreshEngineAndCostsTest {
    private static final String HEAD = """
            { "id": "t", "title": "T", "description": "A test lesson.",
              "engine": { "memtableSizeBytes": 4096, "maxImmutableMemtables": 4, "flushMode": "manual",
                          "compaction": "leveled" },
              "steps": [ %s ] }
            """;

    @TempDir
    Path temp;

    private final List<LessonRunner> runners = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        runners.forEach(LessonRunner::stop);
    }

    /** A runner whose pauses wait for {@link LessonRunner#advance()}, every engine event kept in {@code events}. */
    private LessonRunner runner(String steps, List<EngineEvent> events) throws Exception {
        LessonRunner r = new LessonRunner(LessonLibrary.parse("t.json", HEAD.formatted(steps)),
                LessonRunner.Settings.defaults().withTempParent(temp).withEngineListener(events::add));
        runners.add(r);
        return r;
    }

    private LessonRunner runner(String steps) throws Exception {
        return runner(steps, new CopyOnWriteArrayList<>());
    }

    private void awaitPause(LessonRunner r) throws InterruptedException {
        assertThat(r.awaitState(State.WAITING_FOR_USER, 20, TimeUnit.SECONDS))
                .as("the lesson reaches a pause (%s: %s)", r.state(), r.message()).isTrue();
    }

    /**
     * Next, then waits for the lesson to pause again at a later step, or to end. The step is read
     * before the state: the runner leaves a pause (RUNNING) before it moves on, so a later step
     * seen WAITING_FOR_USER is the next pause, not the old one seen a moment late.
     */
    private void next(LessonRunner r) throws InterruptedException {
        int from = r.stepIndex();
        assertThat(r.advance()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            int at = r.stepIndex();
            State s = r.state();
            if (s == State.WAITING_FOR_USER && at > from || s.ended()) {
                assertThat(s).as("after Next (%s)", r.message()).isIn(State.WAITING_FOR_USER, State.FINISHED);
                return;
            }
            assertThat(System.nanoTime()).as("the next pause").isLessThan(deadline);
            r.awaitState(State.WAITING_FOR_USER, 50, TimeUnit.MILLISECONDS);
        }
    }

    private long lessonDirectories() throws Exception {
        try (Stream<Path> s = Files.list(temp)) {
            return s.count();
        }
    }

    /** Four flushes with one key in common, so that a leveled engine's L0 reaches its trigger. */
    private static String fourOverlappingFlushes() {
        String one = """
                { "do": "put", "key": "zz", "value": "in every table" },
                { "do": "fill", "prefix": "k", "count": 20, "until": "count" },
                { "do": "freeze" }, { "do": "flush" },
                """;
        return one.repeat(4);
    }

    @Test
    void aFreshEngineClosesTheOldOneWithNothingLostDeletesItsDirectoryAndOpensTheOtherStyle() throws Exception {
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        LessonRunner r = runner("""
                { "do": "put", "key": "a", "value": "1" },
                { "do": "breakpoints", "points": ["FLUSH_ITERATE"] },
                { "do": "pause", "text": "leveled" },
                { "do": "freshEngine", "compaction": "tiered" },
                { "do": "pause", "text": "tiered" },
                { "do": "expect", "check": "absent", "key": "a" },
                { "do": "expect", "check": "flushes", "count": 0 },
                { "do": "put", "key": "b", "value": "2" }
                """, events);
        List<LsmEngine> opened = new CopyOnWriteArrayList<>();
        List<LsmEngine> closed = new CopyOnWriteArrayList<>();
        List<Path> opening = new CopyOnWriteArrayList<>();
        r.addListener(new LessonRunner.Listener() {
            @Override
            public void engineOpening(Path directory) {
                opening.add(directory);
            }

            @Override
            public void engineOpened(LsmEngine engine) {
                opened.add(engine);
            }

            @Override
            public void engineClosed(LsmEngine engine) {
                closed.add(engine);
            }
        });
        r.start();
        awaitPause(r);
        LsmEngine leveled = r.engine();
        Path leveledDir = r.directory();
        assertThat(leveled.options().compaction().style()).isEqualTo(CompactionOptions.Style.LEVELED);
        assertThat(leveledDir).isDirectory();

        next(r);
        LsmEngine tiered = r.engine();
        assertThat(tiered).isNotSameAs(leveled);
        assertThat(leveled.isClosed()).isTrue();
        assertThat(leveledDir).as("the old engine's directory is deleted").doesNotExist();
        assertThat(r.directory()).isNotEqualTo(leveledDir).isDirectory();
        assertThat(lessonDirectories()).as("one directory at a time").isEqualTo(1);
        assertThat(opened).containsExactly(leveled, tiered);
        assertThat(closed).containsExactly(leveled);
        assertThat(opening).containsExactly(leveledDir, r.directory());
        assertThat(tiered.options().compaction().style()).isEqualTo(CompactionOptions.Style.TIERED);
        assertThat(tiered.options().memtableSizeBytes()).as("the lesson's other options").isEqualTo(4096);
        assertThat(tiered.options().flushMode()).isEqualTo(leveled.options().flushMode());
        assertThat(tiered.stepGate().mode()).isEqualTo(StepMode.RUN);
        assertThat(tiered.stepGate().breakpoints()).as("a fresh engine starts with none").isEmpty();
        // the close flushed the memtable that held 'a' before the directory went: nothing lost
        int closedAt = indexOf(events, EngineEvent.EngineClosed.class);
        assertThat(events.subList(0, closedAt)).filteredOn(e -> e instanceof EngineEvent.FlushFinished).hasSize(1);
        assertThat(events.subList(closedAt, events.size())).first().isInstanceOf(EngineEvent.EngineClosed.class);
        assertThat(events.get(closedAt + 1)).as("then the fresh engine opens").isInstanceOf(EngineEvent.EngineOpened.class);

        r.advance();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).as(r.message()).isEqualTo(State.FINISHED);
        r.stop();
        assertThat(closed).containsExactly(leveled, tiered);
        assertThat(r.message()).isNull();
        assertThat(lessonDirectories()).as("no directory is left behind").isZero();
    }

    private static int indexOf(List<EngineEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events.size() + " events");
    }

    @Test
    void theSameFillsWriteTheSameKeysOnTheFreshEngine() throws Exception {
        LessonRunner r = runner("""
                { "do": "fill", "prefix": "k", "count": 3, "until": "count" },
                { "do": "freeze" }, { "do": "flush" },
                { "do": "expect", "check": "flushes", "count": 1 },
                { "do": "freshEngine", "compaction": "none" },
                { "do": "fill", "prefix": "k", "count": 3, "until": "count" },
                { "do": "expect", "check": "activeEntries", "count": 3 },
                { "do": "expect", "check": "value", "key": "k001", "value": "value-1" },
                { "do": "expect", "check": "absent", "key": "k004" },
                { "do": "expect", "check": "freezes", "count": 0 },
                { "do": "fill", "prefix": "k", "count": 2, "until": "count", "from": 2 },
                { "do": "expect", "check": "activeEntries", "count": 3 },
                { "do": "expect", "check": "absent", "key": "k004" },
                { "do": "fill", "prefix": "k", "count": 1, "until": "count" },
                { "do": "expect", "check": "value", "key": "k004", "value": "value-4" }
                """);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).as(r.message()).isEqualTo(State.FINISHED);
    }

    @Test
    void aFreshEngineWhileALessonThreadRunsFailsTheLessonAndLeavesNoDirectory() throws Exception {
        LessonRunner r = runner("""
                { "do": "breakpoints", "points": ["PUT_WRITE_MEMTABLE"] },
                { "do": "mode", "mode": "STEP" },
                { "do": "put", "key": "a", "value": "1", "thread": "w" },
                { "do": "awaitPaused", "thread": "w" },
                { "do": "freshEngine", "compaction": "tiered" }
                """);
        r.start();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).isEqualTo("Step 5 of 5 (fresh engine (tiered)): thread w is still running: join it "
                + "before a fresh engine");
        assertThat(r.engine().options().compaction().style()).as("the first engine stays")
                .isEqualTo(CompactionOptions.Style.LEVELED);
        r.stop();
        assertThat(lessonDirectories()).isZero();
    }

    @Test
    void aRestartAfterAFreshEngineBeginsAgainWithTheLessonsOwnStyle() throws Exception {
        LessonRunner r = runner("""
                { "do": "freshEngine", "compaction": "tiered" },
                { "do": "pause", "text": "tiered" }
                """);
        r.start();
        awaitPause(r);
        assertThat(r.engine().options().compaction().style()).isEqualTo(CompactionOptions.Style.TIERED);
        LsmEngine tiered = r.engine();
        r.restart();
        assertThat(r.awaitState(State.WAITING_FOR_USER, 20, TimeUnit.SECONDS)).isTrue();
        assertThat(tiered.isClosed()).isTrue();
        assertThat(r.engine()).isNotSameAs(tiered);
        assertThat(lessonDirectories()).isEqualTo(1);
        r.stop();
        assertThat(lessonDirectories()).isZero();
    }

    @Test
    void theCostsInATextAreTheEnginesAtThatMoment() throws Exception {
        LessonRunner r = runner(fourOverlappingFlushes() + """
                { "do": "pause", "text": "wa {writeAmplification}, runs {sortedRuns}, L0 {level0Tables}, tables {tables}, flushed {flushedBytes}, compacted {compactedBytes}, disk {diskBytes}, live {liveBytes}, space {spaceAmplification}; {a brace} {stays}x" },
                { "do": "compact" },
                { "do": "pause", "text": "wa {writeAmplification}, runs {sortedRuns}, L0 {level0Tables}, tables {tables}" }
                """.replace("{stays}x", "{ stays }"));
        r.start();
        awaitPause(r);
        EngineSnapshot s = r.engine().snapshot();
        long disk = s.sstables().stream().mapToLong(lsmviz.engine.event.EngineEvent.SSTableSummary::fileSize).sum();
        // the live data: zz once, k001..k080 with "value-1".."value-80"
        long live = "zz".length() + "in every table".length();
        for (int n = 1; n <= 80; n++) {
            live += String.format("k%03d", n).length() + ("value-" + n).length();
        }
        assertThat(s.sstables()).hasSize(4);
        assertThat(r.narration()).isEqualTo("wa 1.00, runs 4, L0 4, tables 4, flushed " + Bytes.size(disk)
                + ", compacted 0 B, disk " + Bytes.size(disk) + ", live " + Bytes.size(live) + ", space "
                + String.format(Locale.ROOT, "%.2f", disk / (double) live) + "; {a brace} { stays }");

        next(r);
        LevelsReport after = r.engine().levels(false);
        EngineSnapshot compacted = r.engine().snapshot();
        assertThat(compacted.sstables()).allSatisfy(t -> assertThat(t.level()).isEqualTo(1));
        assertThat(after.writeAmplification()).isGreaterThan(1.5);
        assertThat(r.narration()).isEqualTo("wa " + String.format(Locale.ROOT, "%.2f", after.writeAmplification())
                + ", runs 1, L0 0, tables " + compacted.sstables().size());
    }

    @Test
    void rememberedCostsOutliveAFreshEngineAndTheCostCheckComparesWithThem() throws Exception {
        LessonRunner r = runner(fourOverlappingFlushes() + """
                { "do": "compact" },
                { "do": "remember", "as": "leveled" },
                { "do": "freshEngine", "compaction": "none" },
                """ + fourOverlappingFlushes() + """
                { "do": "expect", "check": "cost", "cost": "sortedRuns", "above": "leveled" },
                { "do": "expect", "check": "cost", "cost": "writeAmplification", "below": "leveled" },
                { "do": "pause", "text": "none: {writeAmplification} and {sortedRuns} runs; leveled: {leveled.writeAmplification} and {leveled.sortedRuns} run" },
                { "do": "expect", "check": "cost", "cost": "tables", "below": "leveled", "waitMillis": 0 }
                """);
        r.start();
        awaitPause(r);
        assertThat(r.narration()).matches("none: 1\\.00 and 4 runs; leveled: \\d\\.\\d\\d and 1 run");
        double leveled = Double.parseDouble(r.narration().replaceAll(".*leveled: (\\S+) and.*", "$1"));
        assertThat(leveled).isGreaterThan(1.5);
        r.advance();
        assertThat(r.awaitEnd(20, TimeUnit.SECONDS)).isEqualTo(State.FAILED);
        assertThat(r.message()).endsWith("(expect tables below leveled's): expected tables below leveled's 1, found 4");
    }
}
