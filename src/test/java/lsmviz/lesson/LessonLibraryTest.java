package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.Options;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Malformed lesson files give one clear sentence naming the file and the field. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LessonLibraryTest {
    private static final String HEAD = """
            { "id": "t", "title": "T", "description": "One line.",
              "engine": { "memtableSizeBytes": 1024, "maxImmutableMemtables": 2, "flushMode": "manual" },
              "steps": [ %s ] }
            """;

    @TempDir
    Path dir;

    private static String lesson(String steps) {
        return HEAD.formatted(steps);
    }

    private static LessonFormatException failure(String json) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> LessonLibrary.parse("bad.json", json));
        assertThat(t).as("parsing should fail").isInstanceOf(LessonFormatException.class);
        return (LessonFormatException) t;
    }

    @Test
    void aWellFormedLessonParsesIntoRecords() throws Exception {
        Lesson l = LessonLibrary.parse("ok.json", lesson("""
                { "do": "say", "text": "hello" },
                { "do": "breakpoints", "points": ["FLUSH_ITERATE"] },
                { "do": "mode", "mode": "step", "slowMillis": 100 },
                { "do": "put", "key": "a", "value": "1", "thread": "w" },
                { "do": "join", "thread": "w" },
                { "do": "expect", "check": "lockHeld", "lock": "freeze lock", "thread": "w", "mode": "exclusive" }
                """));
        assertThat(l.steps()).hasSize(6);
        assertThat(l.steps().get(1)).isEqualTo(new GateStep.Breakpoints(java.util.List.of(ProbePoint.FLUSH_ITERATE)));
        assertThat(l.steps().get(3)).isEqualTo(new Operation.Put("a", "1", "w"));
        Options o = l.engine().toOptions();
        assertThat(o.memtableSizeBytes()).isEqualTo(1024);
        assertThat(o.maxImmutableMemtables()).isEqualTo(2);
        assertThat(o.flushMode()).isEqualTo(Options.FlushMode.MANUAL);
        assertThat(o.syncMode()).isEqualTo(lsmviz.engine.types.SyncMode.NONE);
    }

    @Test
    void invalidJsonNamesTheFileAndTheLine() {
        LessonFormatException e = failure("{ \"id\": \"t\",\n  \"title\": }");
        assertThat(e.file()).isEqualTo("bad.json");
        assertThat(e.getMessage()).startsWith("bad.json: not valid JSON at line 2");
    }

    @Test
    void anUnknownStepKindNamesTheStepAndListsTheKnownKinds() {
        LessonFormatException e = failure(lesson("{ \"do\": \"say\", \"text\": \"x\" }, { \"do\": \"frobnicate\" }"));
        assertThat(e.field()).isEqualTo("steps[1].do");
        assertThat(e.getMessage()).contains("bad.json", "steps[1].do", "unknown step kind 'frobnicate'", "awaitPaused");
    }

    @Test
    void aStepWithoutKindSaysThatDoIsMissing() {
        LessonFormatException e = failure(lesson("{ \"text\": \"x\" }"));
        assertThat(e.field()).isEqualTo("steps[0].do");
        assertThat(e.getMessage()).contains("missing field 'do'");
    }

    @Test
    void aMissingFieldOfAStepIsNamedWithItsPath() {
        LessonFormatException e = failure(lesson("{ \"do\": \"say\", \"text\": \"x\" }, { \"do\": \"put\", \"value\": \"1\" }"));
        assertThat(e.field()).isEqualTo("steps[1].key");
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[1].key: missing field 'key'");
    }

    @Test
    void aMissingTopLevelFieldIsNamed() {
        LessonFormatException e = failure("""
                { "id": "t", "description": "d", "engine": { "memtableSizeBytes": 1024,
                  "maxImmutableMemtables": 2, "flushMode": "manual" }, "steps": [ { "do": "say", "text": "x" } ] }
                """);
        assertThat(e.field()).isEqualTo("title");
        assertThat(e.getMessage()).contains("missing field 'title'");
    }

    @Test
    void aMisspelledFieldIsNamedWithTheKnownOnes() {
        LessonFormatException e = failure(lesson("{ \"do\": \"put\", \"key\": \"a\", \"vlaue\": \"1\" }"));
        assertThat(e.field()).isEqualTo("steps[0].vlaue");
        assertThat(e.getMessage()).contains("unknown field 'vlaue'", "value");
    }

    @Test
    void anUnknownProbePointNamesTheListEntry() {
        LessonFormatException e = failure(lesson("{ \"do\": \"breakpoints\", \"points\": [\"FLUSH_FOO\"] }"));
        assertThat(e.field()).isEqualTo("steps[0].points[0]");
        assertThat(e.getMessage()).contains("'FLUSH_FOO' is not one of", "FLUSH_ITERATE");
    }

    @Test
    void aWrongKindOfValueSaysWhatWasExpected() {
        LessonFormatException e = failure(lesson("{ \"do\": \"fill\", \"prefix\": \"k\", \"count\": \"ten\" }"));
        assertThat(e.field()).isEqualTo("steps[0].count");
        assertThat(e.getMessage()).contains("steps[0].count");
    }

    @Test
    void anEngineOptionOutOfRangeNamesTheOption() {
        LessonFormatException e = failure("""
                { "id": "t", "title": "T", "description": "d", "engine": { "memtableSizeBytes": 10,
                  "maxImmutableMemtables": 2, "flushMode": "manual" }, "steps": [ { "do": "say", "text": "x" } ] }
                """);
        assertThat(e.field()).isEqualTo("engine.memtableSizeBytes");
        assertThat(e.getMessage()).contains("memtableSizeBytes = 10 is outside the allowed range 1024..");
    }

    @Test
    void anUnknownFlushModeIsRefused() {
        LessonFormatException e = failure("""
                { "id": "t", "title": "T", "description": "d", "engine": { "memtableSizeBytes": 1024,
                  "maxImmutableMemtables": 2, "flushMode": "sometimes" }, "steps": [ { "do": "say", "text": "x" } ] }
                """);
        assertThat(e.field()).isEqualTo("engine.flushMode");
        assertThat(e.getMessage()).contains("'auto' or 'manual'");
    }

    @Test
    void joiningAThreadNoEarlierStepStartsIsRefused() {
        LessonFormatException e = failure(lesson("{ \"do\": \"join\", \"thread\": \"ghost\" }"));
        assertThat(e.field()).isEqualTo("steps[0].thread");
        assertThat(e.getMessage()).contains("'ghost'", "no earlier step starts");
    }

    @Test
    void aLessonThreadMayNotPauseOrControlTheGate() {
        LessonFormatException e = failure(lesson("""
                { "do": "startThread", "name": "w", "steps": [ { "do": "put", "key": "a", "value": "1" }, { "do": "pause" } ] }
                """));
        assertThat(e.field()).isEqualTo("steps[0].steps[1]");
        assertThat(e.getMessage()).contains("a lesson thread runs only operations");
    }

    @Test
    void aLessonThreadMayNotTakeTheFlushersName() {
        LessonFormatException e = failure(lesson("{ \"do\": \"flush\", \"thread\": \"flusher\" }"));
        assertThat(e.field()).isEqualTo("steps[0].thread");
        assertThat(e.getMessage()).contains("taken by the engine or the runner");
    }

    @Test
    void anExpectWithAnUnknownCheckListsTheKnownOnes() {
        LessonFormatException e = failure(lesson("{ \"do\": \"expect\", \"check\": \"magic\" }"));
        assertThat(e.field()).isEqualTo("steps[0].check");
        assertThat(e.getMessage()).contains("unknown check 'magic'", "immutables", "lockHeld");
    }

    @Test
    void aCountingExpectNeedsExactlyOneOfCountAndAtLeast() {
        LessonFormatException e = failure(lesson("{ \"do\": \"expect\", \"check\": \"sstables\" }"));
        assertThat(e.field()).isEqualTo("steps[0].count");
        assertThat(e.getMessage()).contains("exactly one of 'count' and 'atLeast'");
    }

    @Test
    void anExpectOnAnUnknownLockIsRefused() {
        LessonFormatException e = failure(lesson("{ \"do\": \"expect\", \"check\": \"lockFree\", \"lock\": \"big lock\" }"));
        assertThat(e.field()).isEqualTo("steps[0].lock");
        assertThat(e.getMessage()).contains("'freeze lock' or 'state lock'");
    }

    @Test
    void aFreshEngineTheCostsInTextsAndTheCostCheckParse() throws Exception {
        Lesson l = LessonLibrary.parse("ok.json", lesson("""
                { "do": "fill", "prefix": "k", "count": 5, "until": "count", "from": 3 },
                { "do": "remember", "as": "leveled" },
                { "do": "freshEngine", "compaction": "Tiered" },
                { "do": "pause", "text": "{writeAmplification} against {leveled.writeAmplification}; {not a cost}" },
                { "do": "expect", "check": "cost", "cost": "sortedRuns", "above": "leveled" }
                """));
        assertThat(l.steps().get(0)).isEqualTo(new Operation.Fill("k", 5, "count", null, 3, null));
        assertThat(l.steps().get(1)).isEqualTo(new Step.Remember("leveled"));
        assertThat(l.steps().get(2)).isEqualTo(new EngineStep.FreshEngine("tiered", null));
        assertThat(((EngineStep.FreshEngine) l.steps().get(2)).settings(l.engine()).toOptions())
                .as("the lesson's options, another style").satisfies(o -> {
                    assertThat(o.memtableSizeBytes()).isEqualTo(1024);
                    assertThat(o.compaction().style()).isEqualTo(lsmviz.engine.types.CompactionOptions.Style.TIERED);
                });
        assertThat(((Step.Expect) l.steps().get(4)).expectation())
                .isEqualTo(new Expectation.CostCompared(Cost.SORTED_RUNS, "leveled", true));
        assertThat(l.steps().get(4).label()).isEqualTo("expect sortedRuns above leveled's");
    }

    @Test
    void aFreshEngineWithAnUnknownStyleNamesTheField() {
        LessonFormatException e = failure(lesson("{ \"do\": \"freshEngine\", \"compaction\": \"universal\" }"));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].compaction: compaction 'universal' must be "
                + "'none', 'leveled' or 'tiered'");
        e = failure(lesson("{ \"do\": \"freshEngine\" }"));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].compaction: missing field 'compaction'");
        e = failure(lesson("{ \"do\": \"freshEngine\", \"compaction\": \"tiered\", \"memtableSizeBytes\": 1 }"));
        assertThat(e.field()).isEqualTo("steps[0].memtableSizeBytes");
        assertThat(e.getMessage()).contains("unknown field 'memtableSizeBytes' (known here: compaction, sync)");
        e = failure(lesson("{ \"do\": \"freshEngine\", \"compaction\": \"none\", \"sync\": \"always\" }"));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].sync: sync mode 'always' must be 'none', 'sync' or "
                + "'group'");
    }

    @Test
    void aCrashNamesItsKindAndTheNewChecksTakeACount() throws LessonFormatException {
        LessonFormatException e = failure(lesson("{ \"do\": \"crash\", \"kind\": \"meteor\" }"));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].kind: crash kind 'meteor' must be 'process' or "
                + "'power'");
        e = failure(lesson("{ \"do\": \"expect\", \"check\": \"writesLost\" }"));
        assertThat(e.getMessage()).contains("needs exactly one of 'count' and 'atLeast'");
        Lesson l = LessonLibrary.parse("ok.json", lesson("{ \"do\": \"crash\", \"kind\": \"POWER\" }, "
                + "{ \"do\": \"recover\" }"));
        assertThat(l.steps()).containsExactly(new EngineStep.Crash("power"), new EngineStep.Recover(null));
    }

    @Test
    void anUnknownCostInATextNamesTheStepAndListsTheCosts() {
        LessonFormatException e = failure(lesson("""
                { "do": "say", "text": "x" }, { "do": "say", "text": "each byte written {writeAmp} times" }
                """));
        assertThat(e.field()).isEqualTo("steps[1].text");
        assertThat(e.getMessage()).contains("unknown cost 'writeAmp' in {writeAmp}", "writeAmplification",
                "sortedRuns", "spaceAmplification");
        e = failure(lesson("{ \"do\": \"pause\", \"text\": \"{leveled.runs}\" }"));
        assertThat(e.field()).isEqualTo("steps[0].text");
        assertThat(e.getMessage()).contains("unknown cost 'runs' in {leveled.runs}");
    }

    @Test
    void costsMustBeRememberedBeforeATextOrACheckUsesThem() {
        LessonFormatException e = failure(lesson("""
                { "do": "pause", "text": "leveled wrote {leveled.writeAmplification}" },
                { "do": "remember", "as": "leveled" }
                """));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].text: steps[0] says {leveled.writeAmplification}, "
                + "but no earlier step remembers costs as 'leveled' (add { \"do\": \"remember\", \"as\": \"leveled\" } "
                + "before it)");
        e = failure(lesson("""
                { "do": "remember", "as": "leveled" },
                { "do": "expect", "check": "cost", "cost": "writeAmplification", "below": "levelled" }
                """));
        assertThat(e.field()).isEqualTo("steps[1].below");
        assertThat(e.getMessage()).contains("compares writeAmplification with 'levelled'", "no earlier step remembers");
    }

    @Test
    void aCostCheckNeedsAKnownCostAndOneOfBelowAndAbove() {
        LessonFormatException e = failure(lesson("""
                { "do": "remember", "as": "a" },
                { "do": "expect", "check": "cost", "cost": "writeAmplification" }
                """));
        assertThat(e.field()).isEqualTo("steps[1].below");
        assertThat(e.getMessage()).contains("exactly one of 'below' and 'above'");
        e = failure(lesson("""
                { "do": "remember", "as": "a" },
                { "do": "expect", "check": "cost", "cost": "speed", "below": "a" }
                """));
        assertThat(e.field()).isEqualTo("steps[1].cost");
        assertThat(e.getMessage()).contains("unknown cost 'speed'", "writeAmplification");
        e = failure(lesson("{ \"do\": \"expect\", \"check\": \"sstables\", \"count\": 1, \"below\": \"a\" }"));
        assertThat(e.field()).isEqualTo("steps[0].below");
        assertThat(e.getMessage()).contains("check 'sstables' takes no field 'below'");
    }

    @Test
    void aRememberedNameIsAWordThatIsNoCost() {
        LessonFormatException e = failure(lesson("{ \"do\": \"remember\", \"as\": \"first try\" }"));
        assertThat(e.field()).isEqualTo("steps[0].as");
        assertThat(e.getMessage()).contains("'first try' must be 1 to 32 letters and digits");
        e = failure(lesson("{ \"do\": \"remember\", \"as\": \"sortedRuns\" }"));
        assertThat(e.getMessage()).contains("'sortedRuns' is a cost's name");
    }

    @Test
    void aFillFromZeroIsRefused() {
        LessonFormatException e = failure(lesson("{ \"do\": \"fill\", \"prefix\": \"k\", \"count\": 3, \"from\": 0 }"));
        assertThat(e.getMessage()).isEqualTo("bad.json, field steps[0].from: from 0 is outside 1..100000");
    }

    @Test
    void anEmptyStepListIsRefused() {
        LessonFormatException e = failure(lesson(""));
        assertThat(e.field()).isEqualTo("steps");
    }

    @Test
    void theIndexNamesAFileThatIsMissing() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{ \"lessons\": [\"nope.json\"] }");
        assertThatThrownBy(() -> LessonLibrary.fromDirectory(dir))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageContaining("index.json, field lessons[0]: lists 'nope.json', which does not exist");
    }

    @Test
    void theIndexRefusesAPathOutsideItsDirectory() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{ \"lessons\": [\"../secret.json\"] }");
        assertThatThrownBy(() -> LessonLibrary.fromDirectory(dir))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageContaining("index.json, field lessons[0]: '../secret.json' is not a lesson file name");
    }

    @Test
    void aBadLessonInADirectoryNamesItsFile() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{ \"lessons\": [\"a.json\", \"b.json\"] }");
        Files.writeString(dir.resolve("a.json"), lesson("{ \"do\": \"say\", \"text\": \"x\" }"));
        Files.writeString(dir.resolve("b.json"), lesson("{ \"do\": \"get\" }"));
        assertThatThrownBy(() -> LessonLibrary.fromDirectory(dir))
                .isInstanceOf(LessonFormatException.class)
                .hasMessage("b.json, field steps[0].key: missing field 'key'");
    }

    @Test
    void twoLessonsWithOneIdAreRefused() throws IOException {
        Files.writeString(dir.resolve("index.json"), "{ \"lessons\": [\"a.json\", \"b.json\"] }");
        Files.writeString(dir.resolve("a.json"), lesson("{ \"do\": \"say\", \"text\": \"x\" }"));
        Files.writeString(dir.resolve("b.json"), lesson("{ \"do\": \"say\", \"text\": \"y\" }"));
        assertThatThrownBy(() -> LessonLibrary.fromDirectory(dir))
                .isInstanceOf(LessonFormatException.class)
                .hasMessageContaining("b.json, field id: id 't' is used by an earlier lesson");
    }

    @Test
    void lessonsLoadFromTheClasspathInTheIndexOrder() throws IOException {
        LessonLibrary lib = LessonLibrary.fromClasspath("/lsmviz/lesson/sample/index.json");
        assertThat(lib.lessons()).extracting(Lesson::id).containsExactly("second-listed-first", "first-file");
        assertThat(lib.origin()).isEqualTo("classpath:/lsmviz/lesson/sample/");
        assertThat(lib.byId("first-file")).isPresent();
    }

    @Test
    void theBuiltInLessonsLoadFromTheSourceDirectory() throws IOException {
        LessonLibrary lib = LessonLibrary.fromDirectory(LessonLibrary.SOURCE_DIRECTORY);
        assertThat(lib.lessons()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(LessonLibrary.load().lessons()).isEqualTo(lib.lessons());
    }
}
