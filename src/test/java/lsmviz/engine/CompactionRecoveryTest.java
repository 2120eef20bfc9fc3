package lsmviz.engine;

import static lsmviz.engine.CompactionEngineTest.levelsOf;
import static lsmviz.engine.CompactionTestSupport.fillL0;
import static lsmviz.engine.CompactionTestSupport.manualCompaction;
import static lsmviz.engine.CompactionTestSupport.sstFiles;
import static lsmviz.engine.CompactionTestSupport.tableFiles;
import static lsmviz.engine.EngineTestSupport.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lsmviz.engine.CompactionTestSupport.Call;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CorruptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reopening a directory that compactions changed: the levels come back exactly, damage is named, leftovers go. */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompactionRecoveryTest {
    private static final int MAX_LEVELS = 4;

    @TempDir
    Path dir;

    @TempDir
    Path copy;

    /** Random puts and deletes with the compactor running; once all is settled, auto flush and compaction off. */
    private TreeMap<String, String> writeAndSettle(LsmEngine e, long seed, int ops) throws InterruptedException {
        Random r = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        for (int i = 0; i < ops; i++) {
            String k = CompactionEngineTest.key(r.nextInt(800));
            if (r.nextInt(4) == 0) {
                e.delete(b(k));
                model.remove(k);
            } else {
                String v = CompactionEngineTest.value(r, i);
                e.put(b(k), b(v));
                model.put(k, v);
            }
        }
        // settled first (with auto flush off, one already under way could still finish), then off
        assertThat(e.awaitFlushes(60_000)).isTrue();
        assertThat(e.awaitCompactions(60_000)).isTrue();
        e.setAutoFlush(false); // no more background flushes or compactions
        return model;
    }

    private static void assertModel(LsmEngine e, TreeMap<String, String> model) throws IOException {
        CompactionEngineTest.checkAgainstModel(e, model, "reopened");
    }

    private static List<String> levelRows(LevelsReport report) {
        return report.levels().stream().map(l -> "L" + l.level() + " " + l.tables() + " tables " + l.bytes() + " bytes")
                .toList();
    }

    @Test
    void reopenRestoresEveryLevelExactlyAfterACleanClose() throws Exception {
        List<List<String>> levels;
        List<String> rows;
        TreeMap<String, String> model;
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options())) {
            model = writeAndSettle(e, 5, 6000);
            e.flushAll();
            levels = levelsOf(e.snapshot(), MAX_LEVELS);
            rows = levelRows(e.levels(false));
        }
        assertThat(levels.subList(2, MAX_LEVELS + 1)).as("tables in L2 or deeper").anyMatch(l -> !l.isEmpty());
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options().withFlushMode(Options.FlushMode.MANUAL))) {
            assertThat(levelsOf(e.snapshot(), MAX_LEVELS)).isEqualTo(levels);
            assertThat(levelRows(e.levels(false))).isEqualTo(rows);
            assertModel(e, model);
        }
    }

    @Test
    void reopenAfterACrashLikeCloseRestoresTheLevelsAndTheMemtables() throws Exception {
        List<List<String>> levels;
        TreeMap<String, String> model;
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options())) {
            model = writeAndSettle(e, 6, 5000);
            e.closeWithoutFlush();
            // the levels as the engine left them: a flush already under way when auto-flush went
            // off finishes during the close, so a picture taken before it could miss its table
            levels = levelsOf(e.snapshot(), MAX_LEVELS);
        }
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options().withFlushMode(Options.FlushMode.MANUAL))) {
            assertThat(levelsOf(e.snapshot(), MAX_LEVELS)).isEqualTo(levels);
            assertModel(e, model);
        }
    }

    /** Copies the directory as it is on disk now (not its LOCK): what a crash at this moment would leave. */
    private void copyDirectory() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("LOCK")) {
                    Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static List<String> picks(Recorder rec) {
        return rec.of(EngineEvent.CompactionPicked.class).stream()
                .map(p -> p.inputs() + " -> L" + p.outputLevel() + (p.trivialMove() ? " (move)" : ""))
                .toList();
    }

    /**
     * The compact pointers come back too: an engine that never closed and one reopened from a copy
     * of its directory go on to make the very same compactions (round-robin picks included).
     */
    @Test
    void aReopenedEngineMakesTheSameCompactionsAsOneThatNeverClosed() throws Exception {
        Options opts = manualCompaction().withCompaction(CompactionOptions.defaults().withL0(2, 6, 10)
                .withLevels(8 * 1024, 2, MAX_LEVELS));
        Recorder kept = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, opts, kept)) {
            for (int round = 0; round < 6; round++) {
                fillL0(e, "k", 2, 100 + 40 * round);
                while (e.compactOnce()) {
                    // until nothing is due
                }
            }
            assertThat(Manifest.read(dir).pointers()).as("round-robin compactions moved pointers").isNotEmpty();
            copyDirectory();
            kept.clear();
            for (int round = 6; round < 10; round++) {
                fillL0(e, "k", 2, 100 + 40 * round);
                while (e.compactOnce()) {
                    // until nothing is due
                }
            }
        }
        Recorder reopened = new Recorder();
        try (LsmEngine e = LsmEngine.open(copy, opts, reopened)) {
            for (int round = 6; round < 10; round++) {
                fillL0(e, "k", 2, 100 + 40 * round);
                while (e.compactOnce()) {
                    // until nothing is due
                }
            }
            assertThat(picks(kept)).as("round-robin compactions below L0 after the copy")
                    .anyMatch(p -> p.startsWith("[LevelTables[level=1") && !p.endsWith("(move)"));
            assertThat(picks(reopened)).isEqualTo(picks(kept));
        }
    }

    @Test
    void aTableTheManifestNamesButTheDiskLacksStopsTheOpenNamingTheFileAndWhatToDo() throws Exception {
        TreeMap<String, String> model;
        SSTableSummary victim;
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options())) {
            model = writeAndSettle(e, 7, 4000);
            e.flushAll();
            victim = e.snapshot().sstables().stream().filter(t -> t.level() > 0).findFirst().orElseThrow();
        }
        Path file = Path.of(victim.path());
        Path aside = copy.resolve("aside.sst");
        Files.move(file, aside);
        assertThatThrownBy(() -> LsmEngine.open(dir, CompactionEngineTest.options()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("in L" + victim.level())
                .hasMessageContaining("the file is missing")
                .hasMessageContaining("Put the file back or restore the directory from a backup")
                .satisfies(ex -> assertThat(((CorruptionException) ex).file().getFileName())
                        .isEqualTo(file.getFileName()));
        assertThat(Files.exists(aside)).isTrue();
        // the failed open let go of the directory and changed nothing: with the file back, all is there
        Files.move(aside, file);
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options().withFlushMode(Options.FlushMode.MANUAL))) {
            assertModel(e, model);
        }
    }

    @Test
    void openingWithFewerLevelsThanTheDataUsesSaysHowManyAreNeeded() throws Exception {
        int deepest;
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options())) {
            writeAndSettle(e, 8, 5000);
            deepest = e.snapshot().sstables().stream().mapToInt(SSTableSummary::level).max().orElseThrow();
        }
        assertThat(deepest).isGreaterThanOrEqualTo(2);
        Options fewer = CompactionEngineTest.options().withFlushMode(Options.FlushMode.MANUAL)
                .withCompaction(CompactionOptions.defaults().withL0(2, 6, 10).withLevels(16 * 1024, 4, deepest - 1));
        assertThatThrownBy(() -> LsmEngine.open(dir, fewer)).isInstanceOf(IOException.class)
                .hasMessageContaining("is in L" + deepest)
                .hasMessageContaining("--max-levels " + deepest);
        try (LsmEngine e = LsmEngine.open(dir, CompactionEngineTest.options().withFlushMode(Options.FlushMode.MANUAL))) {
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::level).contains(deepest);
        }
    }

    /**
     * A crash after the outputs are written and fsynced but before the manifest names them (the
     * compactor paused at the install, the directory copied): the reopened copy removes the
     * outputs, reports them, and keeps every key in the inputs.
     */
    @Test
    void outputsOfACompactionThatNeverInstalledAreRemovedAtOpen() throws Exception {
        TreeMap<String, String> model;
        TreeSet<String> live;
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            model = fillL0(e, "k", 3, 150);
            live = tableFiles(e.snapshot());
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_INSTALL));
            e.stepGate().setMode(StepMode.STEP);
            Call<Boolean> compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 10, TimeUnit.SECONDS)).isTrue();
            assertThat(sstFiles(dir)).hasSizeGreaterThan(live.size());
            copyDirectory();
            e.stepGate().setMode(StepMode.RUN);
            e.stepGate().continueAll();
            assertThat(compaction.join20()).isTrue();
        }
        TreeSet<String> orphans = sstFiles(copy);
        orphans.removeAll(live);
        assertThat(orphans).isNotEmpty();
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(copy, manualCompaction(), rec)) {
            assertThat(rec.of(EngineEvent.FileRemoved.class)).extracting(f -> Path.of(f.file()).getFileName().toString(),
                    EngineEvent.FileRemoved::reason)
                    .containsExactlyInAnyOrderElementsOf(orphans.stream().map(n -> org.assertj.core.api.Assertions.tuple(n,
                            "an SSTable written by a flush or compaction that never completed")).toList());
            assertThat(sstFiles(copy)).isEqualTo(live).isEqualTo(tableFiles(e.snapshot()));
            assertModel(e, model);
            assertThat(e.compactOnce()).as("the compaction can run again").isTrue();
            assertModel(e, model);
        }
    }

    /** A crash after the install but before the old files went: they are removed at open, as replaced. */
    @Test
    void inputsACompactionReplacedButDidNotYetDeleteAreRemovedAtOpen() throws Exception {
        TreeMap<String, String> model;
        TreeSet<String> inputs;
        try (LsmEngine e = LsmEngine.open(dir, manualCompaction())) {
            model = fillL0(e, "k", 3, 150);
            inputs = tableFiles(e.snapshot());
            e.stepGate().setBreakpoints(EnumSet.of(ProbePoint.COMPACT_DELETE_OBSOLETE));
            e.stepGate().setMode(StepMode.STEP);
            Call<Boolean> compaction = new Call<>("compact-caller", e::compactOnce);
            assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_DELETE_OBSOLETE, 10, TimeUnit.SECONDS)).isTrue();
            copyDirectory();
            e.stepGate().setMode(StepMode.RUN);
            e.stepGate().continueAll();
            assertThat(compaction.join20()).isTrue();
        }
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(copy, manualCompaction(), rec)) {
            List<String> removed = new ArrayList<>();
            rec.of(EngineEvent.FileRemoved.class).forEach(f -> {
                assertThat(f.reason()).isEqualTo("an SSTable a compaction replaced (its file was not yet deleted)");
                removed.add(Path.of(f.file()).getFileName().toString());
            });
            assertThat(removed).containsExactlyInAnyOrderElementsOf(inputs);
            assertThat(sstFiles(copy)).isEqualTo(tableFiles(e.snapshot())).doesNotContainAnyElementsOf(inputs);
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::level).doesNotContain(0);
            assertModel(e, model);
        }
    }
}
