package lsmviz.lesson;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;

/**
 * The fields a lesson file may give a check, as read (null where absent): in an {@code expect},
 * with its {@code waitMillis}, or in a question's choice, with its {@code text}. {@link Check}
 * says which of them each check takes; the methods here read one field, checked.
 */
record CheckFields(String check, String key, String value, String lock, String thread, LockMode mode,
        ProbePoint point, Integer count, Integer atLeast, List<String> path, Integer level, String cost,
        String below, String above, Long waitMillis, String text) {

    /** The field names, as a lesson file spells them, but {@code except}. */
    static List<String> names(String... except) {
        List<String> no = List.of(except);
        return Arrays.stream(CheckFields.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(n -> !no.contains(n)).toList();
    }

    /** The value of the field called {@code name}. */
    Object get(String name) {
        try {
            return CheckFields.class.getDeclaredMethod(name).invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no field " + name, e);
        }
    }

    String required(String field, String v, String what) {
        if (v == null) {
            throw new FieldProblem(field, "missing field '" + field + "' (" + what + ")");
        }
        return v;
    }

    String checkedKey() {
        FieldChecks.requireKey(key);
        return key;
    }

    String checkedLock() {
        if (lock == null || lock.isBlank()) {
            throw new FieldProblem("lock", "missing field 'lock'");
        }
        if (!lock.equals(LsmEngine.FREEZE_LOCK) && !lock.equals(LsmEngine.STATE_LOCK)) {
            throw new FieldProblem("lock", "lock '" + lock + "' must be '" + LsmEngine.FREEZE_LOCK + "' or '"
                    + LsmEngine.STATE_LOCK + "'");
        }
        return lock;
    }

    Expectation.Amount amount() {
        if ((count == null) == (atLeast == null)) {
            throw new FieldProblem("count", "expect '" + check + "' needs exactly one of 'count' and 'atLeast'");
        }
        return count != null ? new Expectation.Amount(count, false) : new Expectation.Amount(atLeast, true);
    }

    int checkedLevel() {
        if (level == null || level < 0 || level > 16) {
            throw new FieldProblem("level", "expect '" + check + "' needs a field 'level' from 0 (L0) to 16");
        }
        return level;
    }

    List<String> checkedPath() {
        if (path == null || path.isEmpty()) {
            throw new FieldProblem("path", "missing field 'path' (the probes of the last get of '" + key + "')");
        }
        return path;
    }

    Expectation.CostCompared costCompared() {
        if (cost == null || cost.isBlank()) {
            throw new FieldProblem("cost", "missing field 'cost' (one of " + String.join(", ", Cost.names()) + ")");
        }
        Cost c = Cost.named(cost);
        if (c == null) {
            throw new FieldProblem("cost", "unknown cost '" + cost + "' (known: " + String.join(", ", Cost.names()) + ")");
        }
        if ((below == null) == (above == null)) {
            throw new FieldProblem("below", "expect 'cost' needs exactly one of 'below' and 'above' (the name a "
                    + "remember step kept the costs to compare with under)");
        }
        return below != null ? new Expectation.CostCompared(c, below, false) : new Expectation.CostCompared(c, above, true);
    }
}
