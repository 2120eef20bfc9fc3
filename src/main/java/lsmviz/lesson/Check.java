package lsmviz.lesson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The checks an {@code expect} (or a question's choice) can make, each once: its name in the
 * field {@code "check"}, its record in {@link Expectation}, the fields it takes and how it is
 * built from them. The record says what the check means.
 */
public enum Check {
    VALUE("value", Expectation.Value.class, List.of("key", "value"),
            f -> new Expectation.Value(f.checkedKey(), f.required("value", f.value(), "the value '" + f.key()
                    + "' must have"))),
    ABSENT("absent", Expectation.Absent.class, List.of("key"), f -> new Expectation.Absent(f.checkedKey())),
    IMMUTABLES("immutables", Expectation.Immutables.class, amountFields(),
            f -> new Expectation.Immutables(f.amount())),
    SSTABLES("sstables", Expectation.SSTables.class, amountFields(), f -> new Expectation.SSTables(f.amount())),
    ACTIVE_ENTRIES("activeEntries", Expectation.ActiveEntries.class, amountFields(),
            f -> new Expectation.ActiveEntries(f.amount())),
    ACTIVE_FULL("activeFull", Expectation.ActiveFull.class, List.of(), f -> new Expectation.ActiveFull()),
    LOCK_HELD("lockHeld", Expectation.LockHeld.class, List.of("lock", "thread", "mode"),
            f -> new Expectation.LockHeld(f.checkedLock(), f.required("thread", f.thread(), "the thread"), f.mode())),
    LOCK_WAITING("lockWaiting", Expectation.LockWaiting.class, List.of("lock", "thread", "mode"),
            f -> new Expectation.LockWaiting(f.checkedLock(), f.required("thread", f.thread(), "the thread"), f.mode())),
    LOCK_FREE("lockFree", Expectation.LockFree.class, List.of("lock"), f -> new Expectation.LockFree(f.checkedLock())),
    PAUSED("paused", Expectation.Paused.class, List.of("thread", "point"),
            f -> new Expectation.Paused(f.thread(), f.point())),
    WRITE_STALLS("writeStalls", Expectation.WriteStalls.class, amountFields(),
            f -> new Expectation.WriteStalls(f.amount())),
    FREEZES("freezes", Expectation.Freezes.class, amountFields(), f -> new Expectation.Freezes(f.amount())),
    FLUSHES("flushes", Expectation.Flushes.class, amountFields(), f -> new Expectation.Flushes(f.amount())),
    WRITES_LOST("writesLost", Expectation.WritesLost.class, amountFields(),
            f -> new Expectation.WritesLost(f.amount())),
    LEFTOVERS_REMOVED("leftoversRemoved", Expectation.LeftoversRemoved.class, amountFields(),
            f -> new Expectation.LeftoversRemoved(f.amount())),
    LOGS_REPLAYED("logsReplayed", Expectation.LogsReplayed.class, amountFields(),
            f -> new Expectation.LogsReplayed(f.amount())),
    GET_PATH("getPath", Expectation.GetPath.class, List.of("key", "path"),
            f -> new Expectation.GetPath(f.checkedKey(), f.checkedPath())),
    LEVEL_TABLES("levelTables", Expectation.LevelTables.class, List.of("level", "count", "atLeast"),
            f -> new Expectation.LevelTables(f.checkedLevel(), f.amount())),
    COST("cost", Expectation.CostCompared.class, List.of("cost", "below", "above"), CheckFields::costCompared);

    private final String json;
    private final Class<? extends Expectation> type;
    private final List<String> fields;
    private final Function<CheckFields, Expectation> parser;

    Check(String json, Class<? extends Expectation> type, List<String> fields, Function<CheckFields, Expectation> parser) {
        this.json = json;
        this.type = type;
        this.fields = fields;
        this.parser = parser;
    }

    private static List<String> amountFields() {
        return List.of("count", "atLeast");
    }

    /** The name in the field {@code "check"}. */
    public String json() {
        return json;
    }

    /** The fields this check takes, besides {@code check} (and the holder's own). */
    public List<String> fields() {
        return fields;
    }

    /** The names of every check, in this list's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Check::json).toList();
    }

    /** The check whose record is {@code type}. */
    static Check of(Class<?> type) {
        for (Check c : values()) {
            if (c.type == type) {
                return c;
            }
        }
        throw new IllegalArgumentException(type + " is no check");
    }

    /**
     * The expectation a lesson file's fields describe; {@code holderField} is the holder's own field
     * ({@code waitMillis} for an expect, {@code text} for a choice), named when listing what it takes.
     *
     * @throws FieldProblem naming the field that is missing, wrong or not taken by the check
     */
    static Expectation parse(CheckFields f, String holderField) {
        String name = f.check();
        if (name == null || name.isBlank()) {
            throw new FieldProblem("check", "missing field 'check' (one of " + String.join(", ", names()) + ")");
        }
        Check check = Arrays.stream(values()).filter(c -> c.json.equals(name)).findFirst().orElseThrow(
                () -> new FieldProblem("check", "unknown check '" + name + "' (known: " + String.join(", ", names()) + ")"));
        check.refuseOthers(f, holderField);
        return check.parser.apply(f);
    }

    /** A field the check does not take is a mistake worth naming (a typo'd check, most likely). */
    private void refuseOthers(CheckFields f, String holderField) {
        for (String field : CheckFields.names("check", "waitMillis", "text")) {
            if (f.get(field) != null && !fields.contains(field)) {
                List<String> known = new ArrayList<>(fields);
                known.add(holderField);
                throw new FieldProblem(field, "check '" + json + "' takes no field '" + field + "' (it takes: "
                        + String.join(", ", known) + ")");
            }
        }
    }
}
