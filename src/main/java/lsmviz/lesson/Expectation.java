package lsmviz.lesson;

import java.util.List;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;

/**
 * What an {@code expect} step checks: one record per check, each with exactly the fields that
 * check takes. {@link #problem(EngineFacts.Context)} says what was found when it does not hold
 * (null when it does). Its {@link Check} names it in a lesson file and
 * builds it from the file's fields.
 */
public sealed interface Expectation {

    /** Null when the expectation holds, else what was found instead. */
    String problem(EngineFacts.Context facts);

    /** The check this is: its name in a lesson file, the fields it takes. */
    default Check kind() {
        return Check.of(getClass());
    }

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

        public String label() {
            return "expect " + kind().json() + " '" + key + "' = '" + value + "'";
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

        public String label() {
            return "expect " + kind().json() + " '" + key + "'";
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

        public String label() {
            return "expect " + kind().json() + amount;
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

        public String label() {
            return "expect " + kind().json() + amount;
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

        public String label() {
            return "expect " + kind().json() + amount;
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

        public String label() {
            return "expect " + kind().json();
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

        public String label() {
            return "expect " + kind().json() + " " + lock + " " + thread + (mode == null ? "" : " " + mode.label());
        }
    }

    /** {@code thread} waits for {@code lock} (in {@code mode}, when given). */
    record LockWaiting(String lock, String thread, LockMode mode) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.lockWaiting(f.engine(), lock, thread, mode);
        }

        public String label() {
            return "expect " + kind().json() + " " + lock + " " + thread + (mode == null ? "" : " " + mode.label());
        }
    }

    /** Nobody holds {@code lock}. */
    record LockFree(String lock) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.lockFree(f.engine(), lock);
        }

        public String label() {
            return "expect " + kind().json() + " " + lock;
        }
    }

    /** {@code thread} (any when null) is paused at {@code point} (any when null). */
    record Paused(String thread, ProbePoint point) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.paused(f.engine(), thread, point);
        }

        public String label() {
            return "expect " + kind().json() + (thread == null ? "" : " " + thread) + (point == null ? "" : " at " + point);
        }
    }

    /** Write stalls begun since the lesson started. */
    record WriteStalls(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().writeStalls.get(), "write stall");
        }

        public String label() {
            return "expect " + kind().json() + amount;
        }
    }

    /** Memtables frozen since the lesson started. */
    record Freezes(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().freezes.get(), "freeze");
        }

        public String label() {
            return "expect " + kind().json() + amount;
        }
    }

    /** Writes in the write-ahead logs that the last crash lost (its report, from the engine). */
    record WritesLost(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            var crash = f.counters().crash;
            return crash == null ? "no crash happened yet" : EngineFacts.count(amount, crash.writesLost(), "lost write");
        }

        public String label() {
            return "expect " + kind().json() + amount;
        }
    }

    /** Files recovery removed when the engine opened (leftovers of a flush or compaction that died). */
    record LeftoversRemoved(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().leftoversRemoved.get(), "file removed by recovery",
                    "files removed by recovery");
        }

        public String label() {
            return "expect " + kind().json() + amount;
        }
    }

    /** Write-ahead logs recovery replayed into memtables when the engine opened. */
    record LogsReplayed(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().logsReplayed.get(), "log replayed", "logs replayed");
        }

        public String label() {
            return "expect " + kind().json() + amount;
        }
    }

    /** Flushes finished since the lesson started. */
    record Flushes(Amount amount) implements Expectation {
        public String problem(EngineFacts.Context f) {
            return EngineFacts.count(amount, f.counters().flushes.get(), "finished flush");
        }

        public String label() {
            return "expect " + kind().json() + amount;
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

        public String label() {
            return "expect " + kind().json() + " '" + key + "'";
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

        public String label() {
            return "expect " + cost.json() + (above ? " above " : " below ") + than + "'s";
        }

        @Override
        public boolean readsEngine() {
            return true;
        }
    }
}
