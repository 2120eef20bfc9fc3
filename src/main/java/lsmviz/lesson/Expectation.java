package lsmviz.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import lsmviz.lesson.Lesson.FieldProblem;

/**
 * What an {@code expect} step checks: one record per check, each with exactly the fields that
 * check takes. {@link #problem(EngineFacts.Context)} says what was found when it does not hold
 * (null when it does). The lesson file spells a check by its {@link #json() name} in the field
 * {@code "check"}; {@link #parse} builds the record from a file's fields.
 */
public sealed interface Expectation {

    /** Null when the expectation holds, else what was found instead. */
    String problem(EngineFacts.Context facts);

    /** The check's name as a lesson file writes it ({@code "immutables"}, {@code "lockHeld"}...). */
    String json();

    /** A short label for messages, such as {@code expect immutables = 1}. */
    String label();

    /**
     * Whether checking calls into the engine (a get, a snapshot): such a check runs on the
     * lesson's main thread, bounded like any engine call. The others read lock tables, the step
     * gate or counted events, which never block.
     */
    default boolean readsEngine() {
        return false;
    }

    /** A number to compare with: exactly {@code n}, or at least {@code n}. */
    record Amount(int n, boolean atLeast) {
        public Amount {
            if (n < 0) {
                throw new FieldProblem(atLeast ? "atLeast" : "count", "a number of things cannot be " + n);
            }
        }

        boolean holds(long found) {
            return atLeast ? found >= n : found == n;
        }

        @Override
        public String toString() {
            return (atLeast ? " >= " : " = ") + n;
        }
    }

    /** {@code key} has {@code value}. */
    record Value(String key, String value) implements Expectation {
        public String problem(EngineFacts.Context f) {
            String got = f.valueOf(key);
            return value.equals(got) ? null : "expected '" + key + "' = '" + value + "', found " + EngineFacts.shown(got);
        }

        public String json() {
            return "value";
        }

        public String label() {
            return "expect value '" + key + "' = '" + value + "'";
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** {@code key} is absent or deleted. */
    record Absent(String key) implements Expectation {
        public String problem(EngineFacts.Context f) {
            String got = f.valueOf(key);
            return got == null ? null : "expected '" + key + "' to be absent, found '" + got + "'";
        }

        public String json() {
            return "absent";
        }

        public String label() {
            return "expect absent '" + key + "'";
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** How many immutable memtables wait. */
    record Immutables(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.engine().snapshot().immutables().size(), "immutable memtable");
        }

        public String json() {
            return "immutables";
        }

        public String label() {
            return "expect immutables" + amount;
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** How many tables one level holds. */
    record LevelTables(int level, Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            long n = f.engine().snapshot().sstables().stream().filter(t -> t.level() == level).count();
            return EngineFacts.count(amount, n, "table in L" + level, "tables in L" + level);
        }

        public String json() {
            return "levelTables";
        }

        public String label() {
            return "expect L" + level + " tables" + amount;
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** How many SSTables are live. */
    record SSTables(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.engine().snapshot().sstables().size(), "SSTable");
        }

        public String json() {
            return "sstables";
        }

        public String label() {
            return "expect sstables" + amount;
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** How many entries the active memtable holds. */
    record ActiveEntries(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.engine().snapshot().active().entries(), "entry in the active memtable",
                    "entries in the active memtable");
        }

        public String json() {
            return "activeEntries";
        }

        public String label() {
            return "expect activeEntries" + amount;
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** The active memtable has reached its size limit. */
    record ActiveFull() implements Expectation {
        public String problem(EngineFacts.Context f) {
            long size = f.engine().snapshot().active().sizeBytes();
            long limit = f.engine().options().memtableSizeBytes();
            return size >= limit ? null
                    : "expected the active memtable to be full (" + limit + " bytes), it holds " + size + " bytes";
        }

        public String json() {
            return "activeFull";
        }

        public String label() {
            return "expect activeFull";
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    /** {@code lock} is held by {@code thread} (in {@code mode}, when given). */
    record LockHeld(String lock, String thread, LockMode mode) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.lockHeld(f.engine(), lock, thread, mode);
        }

        public String json() {
            return "lockHeld";
        }

        public String label() {
            return "expect lockHeld " + lock + " " + thread + (mode == null ? "" : " " + mode.label());
        }
    }

    /** {@code thread} waits for {@code lock} (in {@code mode}, when given). */
    record LockWaiting(String lock, String thread, LockMode mode) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.lockWaiting(f.engine(), lock, thread, mode);
        }

        public String json() {
            return "lockWaiting";
        }

        public String label() {
            return "expect lockWaiting " + lock + " " + thread + (mode == null ? "" : " " + mode.label());
        }
    }

    /** Nobody holds {@code lock}. */
    record LockFree(String lock) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.lockFree(f.engine(), lock);
        }

        public String json() {
            return "lockFree";
        }

        public String label() {
            return "expect lockFree " + lock;
        }
    }

    /** {@code thread} (any when null) is paused at {@code point} (any when null). */
    record Paused(String thread, ProbePoint point) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.paused(f.engine(), thread, point);
        }

        public String json() {
            return "paused";
        }

        public String label() {
            return "expect paused" + (thread == null ? "" : " " + thread) + (point == null ? "" : " at " + point);
        }
    }

    /** Write stalls begun since the lesson started. */
    record WriteStalls(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().writeStalls.get(), "write stall");
        }

        public String json() {
            return "writeStalls";
        }

        public String label() {
            return "expect writeStalls" + amount;
        }
    }

    /** Memtables frozen since the lesson started. */
    record Freezes(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().freezes.get(), "freeze");
        }

        public String json() {
            return "freezes";
        }

        public String label() {
            return "expect freezes" + amount;
        }
    }

    /** Writes in the write-ahead logs that the last crash lost (its report, from the engine). */
    record WritesLost(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            var crash = f.counters().crash;
            return crash == null ? "no crash happened yet" : EngineFacts.count(amount, crash.writesLost(), "lost write");
        }

        public String json() {
            return "writesLost";
        }

        public String label() {
            return "expect writesLost" + amount;
        }
    }

    /** Files recovery removed when the engine opened (leftovers of a flush or compaction that died). */
    record LeftoversRemoved(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().leftoversRemoved.get(), "file removed by recovery",
                    "files removed by recovery");
        }

        public String json() {
            return "leftoversRemoved";
        }

        public String label() {
            return "expect leftoversRemoved" + amount;
        }
    }

    /** Write-ahead logs recovery replayed into memtables when the engine opened. */
    record LogsReplayed(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().logsReplayed.get(), "log replayed", "logs replayed");
        }

        public String json() {
            return "logsReplayed";
        }

        public String label() {
            return "expect logsReplayed" + amount;
        }
    }

    /** Flushes finished since the lesson started. */
    record Flushes(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().flushes.get(), "finished flush");
        }

        public String json() {
            return "flushes";
        }

        public String label() {
            return "expect flushes" + amount;
        }
    }

    /**
     * The last get of {@code key} probed exactly {@code path}: one entry per probe,
     * {@code "memtable: <verdict>"} or {@code "sstable: <verdict>"}.
     */
    record GetPath(String key, List<String> path) implements Expectation {
        public GetPath {
            path = List.copyOf(path);
        }

        public String problem(EngineFacts.Context f) {
            List<String> got = f.counters().getPaths.get(key);
            if (got == null) {
                return "expected a get of '" + key + "' to have finished; none has";
            }
            return got.equals(path) ? null
                    : "expected the last get of '" + key + "' to probe " + path + ", it probed " + got;
        }

        public String json() {
            return "getPath";
        }

        public String label() {
            return "expect getPath '" + key + "'";
        }
    }

    /**
     * The engine's {@code cost} now is below (or, {@code above}, above) the same cost a
     * {@code remember} step kept under the name {@code than}: "tiered wrote less than leveled".
     */
    record CostCompared(Cost cost, String than, boolean above) implements Expectation {
        public String problem(EngineFacts.Context f) {
            lsmviz.engine.inspect.LevelsReport then = f.remembered().get(than);
            if (then == null) {
                return "expected costs remembered as '" + than + "'; none were";
            }
            lsmviz.engine.inspect.LevelsReport now = f.costs(cost == Cost.SPACE_AMPLIFICATION || cost == Cost.LIVE_BYTES);
            double a = cost.of(now);
            double b = cost.of(then);
            boolean holds = above ? a > b : a < b;
            return holds ? null : "expected " + cost.json() + " " + (above ? "above" : "below") + " " + than + "'s "
                    + cost.text(then) + ", found " + cost.text(now);
        }

        public String json() {
            return "cost";
        }

        public String label() {
            return "expect " + cost.json() + (above ? " above " : " below ") + than + "'s";
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }

    // ------------------------------------------------------------------------------------------
    // From a lesson file

    /** The fields a lesson file gives an {@code expect}, as read; null where absent. */
    record Fields(String check, String key, String value, String lock, String thread, LockMode mode,
            ProbePoint point, Integer count, Integer atLeast, List<String> path, Integer level, String cost,
            String below, String above) {}

    /** The checks by name, with the fields each takes besides {@code check} and {@code waitMillis}. */
    Map<String, List<String>> FIELDS = fieldsByCheck();

    private static Map<String, List<String>> fieldsByCheck() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> amount = List.of("count", "atLeast");
        m.put("value", List.of("key", "value"));
        m.put("absent", List.of("key"));
        m.put("immutables", amount);
        m.put("sstables", amount);
        m.put("activeEntries", amount);
        m.put("activeFull", List.of());
        m.put("lockHeld", List.of("lock", "thread", "mode"));
        m.put("lockWaiting", List.of("lock", "thread", "mode"));
        m.put("lockFree", List.of("lock"));
        m.put("paused", List.of("thread", "point"));
        m.put("writeStalls", amount);
        m.put("freezes", amount);
        m.put("flushes", amount);
        m.put("writesLost", amount);
        m.put("leftoversRemoved", amount);
        m.put("logsReplayed", amount);
        m.put("getPath", List.of("key", "path"));
        m.put("levelTables", List.of("level", "count", "atLeast"));
        m.put("cost", List.of("cost", "below", "above"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The expectation a lesson file's fields describe.
     *
     * @throws FieldProblem naming the field that is missing, wrong or not taken by the check
     */
    static Expectation parse(Fields f) {
        String check = f.check();
        if (check == null || check.isBlank()) {
            throw new FieldProblem("check", "missing field 'check' (one of " + String.join(", ", FIELDS.keySet()) + ")");
        }
        List<String> taken = FIELDS.get(check);
        if (taken == null) {
            throw new FieldProblem("check", "unknown check '" + check + "' (known: " + String.join(", ", FIELDS.keySet())
                    + ")");
        }
        refuseOthers(check, taken, f);
        return switch (check) {
            case "value" -> new Value(key(f), required("value", f.value(), "the value '" + f.key() + "' must have"));
            case "absent" -> new Absent(key(f));
            case "immutables" -> new Immutables(amount(f));
            case "sstables" -> new SSTables(amount(f));
            case "activeEntries" -> new ActiveEntries(amount(f));
            case "activeFull" -> new ActiveFull();
            case "lockHeld" -> new LockHeld(lock(f), required("thread", f.thread(), "the thread"), f.mode());
            case "lockWaiting" -> new LockWaiting(lock(f), required("thread", f.thread(), "the thread"), f.mode());
            case "lockFree" -> new LockFree(lock(f));
            case "paused" -> new Paused(f.thread(), f.point());
            case "writeStalls" -> new WriteStalls(amount(f));
            case "freezes" -> new Freezes(amount(f));
            case "flushes" -> new Flushes(amount(f));
            case "writesLost" -> new WritesLost(amount(f));
            case "leftoversRemoved" -> new LeftoversRemoved(amount(f));
            case "logsReplayed" -> new LogsReplayed(amount(f));
            case "getPath" -> new GetPath(key(f), path(f));
            case "levelTables" -> new LevelTables(level(f), amount(f));
            case "cost" -> costCompared(f);
            default -> throw new IllegalStateException("no record for check " + check);
        };
    }

    /** A field the check does not take is a mistake worth naming (a typo'd check, most likely). */
    private static void refuseOthers(String check, List<String> taken, Fields f) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("key", f.key());
        given.put("value", f.value());
        given.put("lock", f.lock());
        given.put("thread", f.thread());
        given.put("mode", f.mode());
        given.put("point", f.point());
        given.put("count", f.count());
        given.put("atLeast", f.atLeast());
        given.put("path", f.path());
        given.put("level", f.level());
        given.put("cost", f.cost());
        given.put("below", f.below());
        given.put("above", f.above());
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !taken.contains(e.getKey())) {
                List<String> known = new ArrayList<>(taken);
                known.add("waitMillis");
                throw new FieldProblem(e.getKey(), "check '" + check + "' takes no field '" + e.getKey()
                        + "' (it takes: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String required(String field, String v, String what) {
        if (v == null) {
            throw new FieldProblem(field, "missing field '" + field + "' (" + what + ")");
        }
        return v;
    }

    private static String key(Fields f) {
        Lesson.requireKey(f.key());
        return f.key();
    }

    private static String lock(Fields f) {
        String lock = f.lock();
        if (lock == null || lock.isBlank()) {
            throw new FieldProblem("lock", "missing field 'lock'");
        }
        if (!lock.equals(LsmEngine.FREEZE_LOCK) && !lock.equals(LsmEngine.STATE_LOCK)) {
            throw new FieldProblem("lock", "lock '" + lock + "' must be '" + LsmEngine.FREEZE_LOCK + "' or '"
                    + LsmEngine.STATE_LOCK + "'");
        }
        return lock;
    }

    private static Amount amount(Fields f) {
        if ((f.count() == null) == (f.atLeast() == null)) {
            throw new FieldProblem("count", "expect '" + f.check() + "' needs exactly one of 'count' and 'atLeast'");
        }
        return f.count() != null ? new Amount(f.count(), false) : new Amount(f.atLeast(), true);
    }

    private static int level(Fields f) {
        if (f.level() == null || f.level() < 0 || f.level() > 16) {
            throw new FieldProblem("level", "expect '" + f.check() + "' needs a field 'level' from 0 (L0) to 16");
        }
        return f.level();
    }

    private static CostCompared costCompared(Fields f) {
        String name = f.cost();
        if (name == null || name.isBlank()) {
            throw new FieldProblem("cost", "missing field 'cost' (one of " + String.join(", ", Cost.names()) + ")");
        }
        Cost cost = Cost.named(name);
        if (cost == null) {
            throw new FieldProblem("cost", "unknown cost '" + name + "' (known: " + String.join(", ", Cost.names()) + ")");
        }
        if ((f.below() == null) == (f.above() == null)) {
            throw new FieldProblem("below", "expect 'cost' needs exactly one of 'below' and 'above' (the name a "
                    + "remember step kept the costs to compare with under)");
        }
        return f.below() != null ? new CostCompared(cost, f.below(), false) : new CostCompared(cost, f.above(), true);
    }

    private static List<String> path(Fields f) {
        if (f.path() == null || f.path().isEmpty()) {
            throw new FieldProblem("path", "missing field 'path' (the probes of the last get of '" + f.key() + "')");
        }
        return f.path();
    }
}
