package lsmviz.lesson;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

/**
 * One lesson as read from its JSON file: what it is called, the engine it runs on and the
 * scripted steps. Every record checks itself when it is built, so a lesson that parsed is one the
 * runner can run; the format is described in {@code package-info.java}.
 *
 * @param id          short name, unique in the library ({@code a-z}, digits and {@code -})
 * @param title       what the picker shows in bold
 * @param description one line under the title in the picker
 * @param engine      the options of the fresh engine the lesson opens
 * @param steps       the script, run top to bottom
 */
public record Lesson(String id, String title, String description, EngineSettings engine, List<Step> steps) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern THREAD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    /** The runner's own threads and the engine's: lesson threads may not take these names. */
    static final Set<String> RESERVED_THREADS = Set.of(LsmEngine.FLUSHER_THREAD, LessonRunner.MAIN_THREAD,
            LessonRunner.CONTROL_THREAD);
    private static final long MAX_WAIT_MILLIS = 120_000;

    public Lesson {
        require("id", id);
        if (!ID.matcher(id).matches()) {
            throw new FieldProblem("id", "id '" + id + "' must be 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        require("title", title);
        require("description", description);
        if (description.contains("\n")) {
            throw new FieldProblem("description", "description must be one line (the picker shows one line per lesson)");
        }
        if (engine == null) {
            throw new FieldProblem("engine", "missing field 'engine' (the engine options)");
        }
        if (steps == null || steps.isEmpty()) {
            throw new FieldProblem("steps", "missing field 'steps' (a lesson has at least one step)");
        }
        steps = List.copyOf(steps);
        checkThreadsAreStartedBeforeJoined(steps);
        checkCostsAreRememberedBeforeUsed(steps);
    }

    /** A {@code join} must name a thread that an earlier step starts. */
    private static void checkThreadsAreStartedBeforeJoined(List<Step> steps) {
        Set<String> started = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof StartThread t) {
                started.add(t.name());
            } else if (s instanceof Operation op && op.thread() != null) {
                started.add(op.thread());
            } else if (s instanceof Join j && !started.contains(j.thread())) {
                throw new FieldProblem("steps[" + i + "].thread", "steps[" + i + "] joins thread '" + j.thread()
                        + "', which no earlier step starts (start it with startThread or an operation's 'thread')");
            }
        }
    }

    /**
     * A text's {@code {name.cost}} and a {@code cost} check's {@code below} or {@code above} must
     * name costs that an earlier {@code remember} step keeps.
     */
    private static void checkCostsAreRememberedBeforeUsed(List<Step> steps) {
        Set<String> remembered = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String text = s instanceof Say say ? say.text() : s instanceof Pause p ? p.text() : null;
            for (CostText.Placeholder p : CostText.placeholders("steps[" + i + "].text", text)) {
                if (p.remembered() != null && !remembered.contains(p.remembered())) {
                    throw new FieldProblem("steps[" + i + "].text", "steps[" + i + "] says " + p.written()
                            + ", but no earlier step remembers costs as '" + p.remembered() + "' (add { \"do\": "
                            + "\"remember\", \"as\": \"" + p.remembered() + "\" } before it)");
                }
            }
            if (s instanceof Expect x && x.expectation() instanceof Expectation.CostCompared c
                    && !remembered.contains(c.than())) {
                String field = c.above() ? "above" : "below";
                throw new FieldProblem("steps[" + i + "]." + field, "steps[" + i + "] compares " + c.cost().json()
                        + " with '" + c.than() + "', but no earlier step remembers costs as '" + c.than()
                        + "' (add { \"do\": \"remember\", \"as\": \"" + c.than() + "\" } before it)");
            }
            if (s instanceof Remember r) {
                remembered.add(r.as());
            }
        }
    }

    /** Short label for the picker and logs. */
    @Override
    public String toString() {
        return title;
    }

    // ------------------------------------------------------------------------------------------
    // Engine options

    /**
     * The options of the lesson's engine. Only what a lesson needs to choose; the rest are small
     * fixed values so that tables and blocks stay easy to see.
     *
     * @param memtableSizeBytes     the active memtable freezes once it reaches this (1024 or more)
     * @param maxImmutableMemtables immutable memtables that may wait for a flush (1 to 64)
     * @param flushMode             {@code auto} (a background flusher) or {@code manual}
     * @param syncMode              {@code none} (the default), {@code sync} or {@code group}
     * @param blockSizeBytes        SSTable block size, 256 by default
     * @param compaction            {@code none} (the default: the lesson's tables stay in L0 as its
     *                              story counts them), {@code leveled} or {@code tiered}
     */
    public record EngineSettings(Long memtableSizeBytes, Integer maxImmutableMemtables, String flushMode,
            String syncMode, Integer blockSizeBytes, String compaction) {

        public EngineSettings {
            if (memtableSizeBytes == null) {
                throw new FieldProblem("memtableSizeBytes", "missing field 'memtableSizeBytes'");
            }
            if (maxImmutableMemtables == null) {
                throw new FieldProblem("maxImmutableMemtables", "missing field 'maxImmutableMemtables'");
            }
            require("flushMode", flushMode);
            flushMode = flushMode.toLowerCase(Locale.ROOT);
            if (!flushMode.equals("auto") && !flushMode.equals("manual")) {
                throw new FieldProblem("flushMode", "flushMode '" + flushMode + "' must be 'auto' or 'manual'");
            }
            syncMode = syncMode == null ? "none" : syncMode.toLowerCase(Locale.ROOT);
            if (!Set.of("none", "sync", "group").contains(syncMode)) {
                throw new FieldProblem("syncMode", "syncMode '" + syncMode + "' must be 'none', 'sync' or 'group'");
            }
            blockSizeBytes = blockSizeBytes == null ? 256 : blockSizeBytes;
            compaction = compaction == null ? "none" : compaction.toLowerCase(Locale.ROOT);
            if (!Set.of("none", "leveled", "tiered").contains(compaction)) {
                throw new FieldProblem("compaction", "compaction '" + compaction
                        + "' must be 'none', 'leveled' or 'tiered'");
            }
            try {
                toOptions(memtableSizeBytes, maxImmutableMemtables, flushMode, syncMode, blockSizeBytes, compaction);
            } catch (IllegalArgumentException e) {
                // the engine's message names the option, the value and the allowed range
                throw new FieldProblem(e.getMessage().split(" ", 2)[0], e.getMessage());
            }
        }

        /** The engine options these settings stand for. */
        public Options toOptions() {
            return toOptions(memtableSizeBytes, maxImmutableMemtables, flushMode, syncMode, blockSizeBytes, compaction);
        }

        private static Options toOptions(long memtable, int maxImmutable, String flush, String sync, int block,
                String compaction) {
            return new Options(memtable, block, Math.max(memtable, 1L << 20), maxImmutable,
                    Options.defaults().bloomBitsPerKey(),
                    flush.equals("auto") ? Options.FlushMode.BACKGROUND : Options.FlushMode.MANUAL,
                    SyncMode.valueOf(sync.toUpperCase(Locale.ROOT)), CompactionOptions.defaults()
                            .withStyle(CompactionOptions.Style.valueOf(compaction.toUpperCase(Locale.ROOT))));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Steps

    /** One step of a script. The JSON field {@code "do"} names its kind. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "do")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Say.class, name = "say"),
        @JsonSubTypes.Type(value = Pause.class, name = "pause"),
        @JsonSubTypes.Type(value = Put.class, name = "put"),
        @JsonSubTypes.Type(value = Get.class, name = "get"),
        @JsonSubTypes.Type(value = Delete.class, name = "delete"),
        @JsonSubTypes.Type(value = Fill.class, name = "fill"),
        @JsonSubTypes.Type(value = Freeze.class, name = "freeze"),
        @JsonSubTypes.Type(value = Flush.class, name = "flush"),
        @JsonSubTypes.Type(value = Compact.class, name = "compact"),
        @JsonSubTypes.Type(value = FreshEngine.class, name = "freshEngine"),
        @JsonSubTypes.Type(value = Remember.class, name = "remember"),
        @JsonSubTypes.Type(value = Crash.class, name = "crash"),
        @JsonSubTypes.Type(value = Recover.class, name = "recover"),
        @JsonSubTypes.Type(value = AutoFlush.class, name = "autoFlush"),
        @JsonSubTypes.Type(value = Breakpoints.class, name = "breakpoints"),
        @JsonSubTypes.Type(value = Mode.class, name = "mode"),
        @JsonSubTypes.Type(value = AwaitPaused.class, name = "awaitPaused"),
        @JsonSubTypes.Type(value = SingleStep.class, name = "step"),
        @JsonSubTypes.Type(value = Continue.class, name = "continue"),
        @JsonSubTypes.Type(value = StartThread.class, name = "startThread"),
        @JsonSubTypes.Type(value = Join.class, name = "join"),
        @JsonSubTypes.Type(value = Expect.class, name = "expect")
    })
    public sealed interface Step permits Say, Pause, Operation, FreshEngine, Remember, Crash, Recover, AutoFlush,
            Breakpoints, Mode,
            AwaitPaused, SingleStep, Continue, StartThread, Join, Expect {

        /** A short human label, such as {@code put 'apple'}: used in step lists and error messages. */
        String label();
    }

    /** The step kinds, as they are spelled in the JSON field {@code "do"}. */
    public static final List<String> STEP_KINDS = java.util.Arrays.stream(
            Step.class.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name).toList();

    /**
     * A call into the engine: runs on the lesson's main thread, or, when {@code thread} is set, on
     * a new lesson thread of that name, concurrently (join it later).
     */
    public sealed interface Operation extends Step permits Put, Get, Delete, Fill, Freeze, Flush, Compact {
        /** The lesson thread to run on, or null for the lesson's main thread. */
        String thread();
    }

    /**
     * Shows {@code text} as the narration, its placeholders ({@code {writeAmplification}},
     * {@code {leveled.sortedRuns}}: see {@link Cost}) filled in from the engine at that moment.
     */
    public record Say(String text) implements Step {
        public Say {
            require("text", text);
            CostText.placeholders("text", text);
        }

        @Override
        public String label() {
            return "say";
        }
    }

    /**
     * Waits for the user (Next); shows {@code text} as the narration first, when given, its
     * placeholders filled in as a {@link Say}'s are.
     */
    public record Pause(String text) implements Step {
        public Pause {
            CostText.placeholders("text", text);
        }

        @Override
        public String label() {
            return "pause";
        }
    }

    /** Puts a key. */
    public record Put(String key, String value, String thread) implements Operation {
        public Put {
            requireKey(key);
            if (value == null) {
                throw new FieldProblem("value", "missing field 'value' (use delete to remove a key)");
            }
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "put '" + key + "'" + on(thread);
        }
    }

    /**
     * Gets a key. With {@code expect}, the value must be that; with {@code expectAbsent: true}, the
     * key must be absent or deleted.
     */
    public record Get(String key, String thread, String expect, Boolean expectAbsent) implements Operation {
        public Get {
            requireKey(key);
            checkThreadName("thread", thread);
            expectAbsent = Boolean.TRUE.equals(expectAbsent);
            if (expect != null && expectAbsent) {
                throw new FieldProblem("expectAbsent", "a get cannot both 'expect' a value and 'expectAbsent'");
            }
        }

        @Override
        public String label() {
            return "get '" + key + "'" + on(thread);
        }
    }

    /** Deletes a key (writes a tombstone). */
    public record Delete(String key, String thread) implements Operation {
        public Delete {
            requireKey(key);
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "delete '" + key + "'" + on(thread);
        }
    }

    /**
     * Puts up to {@code count} keys {@code prefix001}, {@code prefix002}... (numbering goes on
     * across fills with the same prefix; {@code from} starts it again at that number, so the fill
     * overwrites keys an earlier one wrote), each with a value of {@code valueBytes} bytes when set.
     * Stops early as {@code until} says: {@code frozen} (the default) after the put that froze the
     * active memtable; {@code full} as soon as the active memtable is full but not yet frozen (the
     * next put will freeze it); {@code count} never.
     */
    public record Fill(String prefix, Integer count, String until, Integer valueBytes, Integer from, String thread)
            implements Operation {
        public Fill {
            require("prefix", prefix);
            if (count == null) {
                throw new FieldProblem("count", "missing field 'count' (the most puts this fill makes)");
            }
            if (count < 1 || count > 10_000) {
                throw new FieldProblem("count", "count " + count + " is outside 1..10000");
            }
            until = until == null ? "frozen" : until;
            if (!Set.of("frozen", "full", "count").contains(until)) {
                throw new FieldProblem("until", "until '" + until + "' must be 'frozen', 'full' or 'count'");
            }
            if (valueBytes != null && (valueBytes < 1 || valueBytes > 4096)) {
                throw new FieldProblem("valueBytes", "valueBytes " + valueBytes + " is outside 1..4096");
            }
            if (from != null && (from < 1 || from > 100_000)) {
                throw new FieldProblem("from", "from " + from + " is outside 1..100000");
            }
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "fill '" + prefix + "'" + (from == null ? "" : " from " + from) + " until " + until + on(thread);
        }
    }

    /** Freezes the active memtable now (the Freeze button). */
    public record Freeze(String thread) implements Operation {
        public Freeze {
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "freeze" + on(thread);
        }
    }

    /** Flushes the oldest immutable memtable into an SSTable (the Flush button). */
    public record Flush(String thread) implements Operation {
        public Flush {
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "flush" + on(thread);
        }
    }

    /**
     * Runs the one compaction the engine's policy says is due, if any (also with background work
     * off); it runs on the engine's compactor thread, which is where a lesson pauses it.
     */
    public record Compact(String thread) implements Operation {
        public Compact {
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "compact" + on(thread);
        }
    }

    /**
     * Closes the lesson's engine as a stop does (its memtables flushed first: nothing is lost),
     * deletes its directory, and opens a fresh engine in a fresh directory with the lesson's engine
     * options but compaction {@code compaction}: the same writes can then run again under another
     * style (and, with {@code sync}, another sync mode). Like the first engine, the new one starts in RUN
     * mode with no breakpoints; fill numbering
     * and the counted events (freezes, flushes, write stalls, get paths) start again, and the costs a
     * {@code remember} kept stay. Every lesson thread must have ended (join it first).
     */
    public record FreshEngine(String compaction, String sync) implements Step {
        public FreshEngine {
            require("compaction", compaction);
            compaction = compaction.toLowerCase(Locale.ROOT);
            if (!Set.of("none", "leveled", "tiered").contains(compaction)) {
                throw new FieldProblem("compaction", "compaction '" + compaction
                        + "' must be 'none', 'leveled' or 'tiered'");
            }
            if (sync != null) {
                sync = sync.toLowerCase(Locale.ROOT);
                if (!Set.of("none", "sync", "group").contains(sync)) {
                    throw new FieldProblem("sync", "sync mode '" + sync + "' must be 'none', 'sync' or 'group'");
                }
            }
        }

        /** The lesson's engine settings with this step's compaction style (and sync mode, when given). */
        public EngineSettings settings(EngineSettings lesson) {
            return new EngineSettings(lesson.memtableSizeBytes(), lesson.maxImmutableMemtables(), lesson.flushMode(),
                    sync == null ? lesson.syncMode() : sync, lesson.blockSizeBytes(), compaction);
        }

        @Override
        public String label() {
            return "fresh engine (" + compaction + (sync == null ? "" : ", sync " + sync) + ")";
        }
    }

    /**
     * Keeps the engine's costs now (every {@link Cost}, space amplification measured) under the
     * name {@code as}: a later text shows them as {@code {as.writeAmplification}}, a later
     * {@code cost} check compares with them. They outlive a {@link FreshEngine}.
     */
    public record Remember(String as) implements Step {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");

        public Remember {
            require("as", as);
            if (!NAME.matcher(as).matches()) {
                throw new FieldProblem("as", "name '" + as
                        + "' must be 1 to 32 letters and digits, starting with a letter (texts write {" + "name.cost})");
            }
            if (Cost.named(as) != null) {
                throw new FieldProblem("as", "name '" + as + "' is a cost's name: {" + as
                        + "} would mean the cost now; choose another");
            }
        }

        @Override
        public String label() {
            return "remember costs as " + as;
        }
    }

    /**
     * Crashes the engine (simulated), wherever its threads are, even paused at the step gate:
     * {@code kind} is {@code process} (kill -9: what reached the operating system survives) or
     * {@code power} (a power cut: what was not fsynced is lost). The lesson's threads die with it.
     */
    public record Crash(String kind) implements Step {
        public Crash {
            require("kind", kind);
            kind = kind.toLowerCase(Locale.ROOT);
            if (!Set.of("process", "power").contains(kind)) {
                throw new FieldProblem("kind", "crash kind '" + kind + "' must be 'process' or 'power'");
            }
        }

        public lsmviz.engine.types.CrashKind crashKind() {
            return kind.equals("power") ? lsmviz.engine.types.CrashKind.POWER : lsmviz.engine.types.CrashKind.PROCESS;
        }

        @Override
        public String label() {
            return "crash (" + crashKind().label().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /**
     * Opens the crashed engine's directory again with the lesson's options: recovery replays the
     * manifest and the logs, and removes what a half-done flush or compaction left.
     */
    public record Recover(String note) implements Step {
        @Override
        public String label() {
            return "recover";
        }
    }

    /** Turns the engine's background flusher on or off. */
    public record AutoFlush(Boolean on) implements Step {
        public AutoFlush {
            if (on == null) {
                throw new FieldProblem("on", "missing field 'on' (true or false)");
            }
        }

        @Override
        public String label() {
            return "auto-flush " + (on ? "on" : "off");
        }
    }

    /** Sets the probe points where threads stop in STEP mode (a lesson starts with none). */
    public record Breakpoints(List<ProbePoint> points) implements Step {
        public Breakpoints {
            if (points == null) {
                throw new FieldProblem("points", "missing field 'points' (a list of probe point names, may be empty)");
            }
            for (int i = 0; i < points.size(); i++) {
                if (points.get(i) == null) {
                    throw new FieldProblem("points[" + i + "]", "points[" + i + "] is null: name a probe point");
                }
            }
            points = List.copyOf(points);
        }

        @Override
        public String label() {
            return "breakpoints " + points;
        }
    }

    /**
     * Sets the step gate's mode: RUN, SLOW (with {@code slowMillis} per probe point) or STEP.
     * Switching to RUN or SLOW releases every paused thread.
     */
    public record Mode(StepMode mode, Long slowMillis) implements Step {
        public Mode {
            if (mode == null) {
                throw new FieldProblem("mode", "missing field 'mode' (RUN, SLOW or STEP)");
            }
            if (slowMillis != null && (slowMillis < 0 || slowMillis > 60_000)) {
                throw new FieldProblem("slowMillis", "slowMillis " + slowMillis + " is outside 0..60000");
            }
        }

        @Override
        public String label() {
            return "mode " + mode;
        }
    }

    /**
     * Waits until a thread is paused at the step gate: {@code thread} (any when absent) at
     * {@code point} (any when absent), for at most {@code timeoutMillis} (10 s by default).
     */
    public record AwaitPaused(String thread, ProbePoint point, Long timeoutMillis) implements Step {
        public AwaitPaused {
            timeoutMillis = checkWait("timeoutMillis", timeoutMillis, 10_000);
        }

        @Override
        public String label() {
            return "await " + (thread == null ? "a thread" : thread) + " paused"
                    + (point == null ? "" : " at " + point);
        }
    }

    /**
     * Releases one paused thread ({@code thread}, or the one paused longest) by one probe point: it
     * stops again at the very next one.
     */
    public record SingleStep(String thread) implements Step {
        @Override
        public String label() {
            return "step " + (thread == null ? "the longest-paused thread" : thread);
        }
    }

    /** Releases {@code thread} (every paused thread when absent) to run on to its next breakpoint. */
    public record Continue(String thread) implements Step {
        @Override
        public String label() {
            return "continue " + (thread == null ? "every paused thread" : thread);
        }
    }

    /**
     * Starts a lesson thread called {@code name} that runs {@code steps} (operations and expects
     * only) while the script goes on.
     */
    public record StartThread(String name, List<Step> steps) implements Step {
        public StartThread {
            require("name", name);
            checkThreadName("name", name);
            if (steps == null || steps.isEmpty()) {
                throw new FieldProblem("steps", "missing field 'steps' (what thread '" + name + "' runs)");
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                boolean allowed = s instanceof Expect || s instanceof Operation op && op.thread() == null;
                if (!allowed) {
                    throw new FieldProblem("steps[" + i + "]", "steps[" + i + "] of thread '" + name + "' is '"
                            + s.label() + "': a lesson thread runs only operations without 'thread'"
                            + " (put, get, delete, fill, freeze, flush, compact) and expects");
                }
            }
            steps = List.copyOf(steps);
        }

        @Override
        public String label() {
            return "start thread " + name;
        }
    }

    /** Waits (at most {@code timeoutMillis}, 10 s by default) for a lesson thread to finish. */
    public record Join(String thread, Long timeoutMillis) implements Step {
        public Join {
            require("thread", thread);
            timeoutMillis = checkWait("timeoutMillis", timeoutMillis, 10_000);
        }

        @Override
        public String label() {
            return "join " + thread;
        }
    }

    /**
     * An assertion on the engine ({@link Expectation}, one record per check). Checked again and
     * again for up to {@code waitMillis} (5 s by default; 0 checks once) until it holds: a failing
     * expect fails the lesson with a message saying what was expected and what was found.
     */
    public record Expect(Expectation expectation, long waitMillis) implements Step {
        /** Every field an {@code expect} may have in a lesson file (each check takes some of them). */
        public static final List<String> JSON_FIELDS = List.of("check", "key", "value", "lock", "thread", "mode",
                "point", "count", "atLeast", "path", "level", "cost", "below", "above", "waitMillis");

        public Expect {
            if (expectation == null) {
                throw new FieldProblem("check", "missing field 'check'");
            }
            checkWait("waitMillis", waitMillis, 0);
        }

        /** An expect as a lesson file spells it: {@code check} names the kind, the rest are its fields. */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Expect fromFile(@com.fasterxml.jackson.annotation.JsonProperty("check") String check,
                @com.fasterxml.jackson.annotation.JsonProperty("key") String key,
                @com.fasterxml.jackson.annotation.JsonProperty("value") String value,
                @com.fasterxml.jackson.annotation.JsonProperty("lock") String lock,
                @com.fasterxml.jackson.annotation.JsonProperty("thread") String thread,
                @com.fasterxml.jackson.annotation.JsonProperty("mode") LockMode mode,
                @com.fasterxml.jackson.annotation.JsonProperty("point") ProbePoint point,
                @com.fasterxml.jackson.annotation.JsonProperty("count") Integer count,
                @com.fasterxml.jackson.annotation.JsonProperty("atLeast") Integer atLeast,
                @com.fasterxml.jackson.annotation.JsonProperty("path") List<String> path,
                @com.fasterxml.jackson.annotation.JsonProperty("level") Integer level,
                @com.fasterxml.jackson.annotation.JsonProperty("cost") String cost,
                @com.fasterxml.jackson.annotation.JsonProperty("below") String below,
                @com.fasterxml.jackson.annotation.JsonProperty("above") String above,
                @com.fasterxml.jackson.annotation.JsonProperty("waitMillis") Long waitMillis) {
            Expectation e = Expectation.parse(new Expectation.Fields(check, key, value, lock, thread, mode, point,
                    count, atLeast, path, level, cost, below, above));
            return new Expect(e, checkWait("waitMillis", waitMillis, 5_000));
        }

        @Override
        public String label() {
            return expectation.label();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Checks shared by the records

    /**
     * A field of a lesson file has a bad value. {@link #field()} names the field, relative to the
     * object it belongs to; the library adds the file and the path to that object.
     */
    public static final class FieldProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public FieldProblem(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The field, relative to the object being built (such as {@code key} or {@code steps[2]}). */
        public String field() {
            return field;
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new FieldProblem(field, "missing field '" + field + "'");
        }
    }

    static void requireKey(String key) {
        require("key", key);
        if (key.length() > 256) {
            throw new FieldProblem("key", "key '" + key.substring(0, 20) + "...' is longer than 256 characters");
        }
    }

    private static void checkThreadName(String field, String name) {
        if (name == null) {
            return;
        }
        if (!THREAD.matcher(name).matches()) {
            throw new FieldProblem(field, "thread name '" + name
                    + "' must be 1 to 32 of letters, digits, '-' and '_', starting with a letter");
        }
        if (RESERVED_THREADS.contains(name)) {
            throw new FieldProblem(field, "thread name '" + name + "' is taken by the engine or the runner (taken: "
                    + String.join(", ", new java.util.TreeSet<>(RESERVED_THREADS)) + ")");
        }
    }

    private static long checkWait(String field, Long millis, long dflt) {
        if (millis == null) {
            return dflt;
        }
        if (millis < 0 || millis > MAX_WAIT_MILLIS) {
            throw new FieldProblem(field, field + " " + millis + " is outside 0.." + MAX_WAIT_MILLIS);
        }
        return millis;
    }

    private static String on(String thread) {
        return thread == null ? "" : " on " + thread;
    }
}
