package lsmviz.lesson;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import lsmviz.engine.LsmEngine;

/** The checks the format's records share: each throws a {@link FieldProblem} naming the field. */
final class FieldChecks {
    private static final Pattern THREAD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    /** The runner's own threads and the engine's: lesson threads may not take these names. */
    static final Set<String> RESERVED_THREADS = Set.of(LsmEngine.FLUSHER_THREAD, LessonRunner.MAIN_THREAD,
            LessonRunner.CONTROL_THREAD);
    private static final long MAX_WAIT_MILLIS = 120_000;

    private FieldChecks() {}

    static void require(String field, String value) {
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

    /** {@code value}, lower case, when it is one of {@code allowed}; {@code dflt} when absent. */
    static String oneOf(String field, String value, String dflt, String what, String... allowed) {
        if (value == null) {
            if (dflt == null) {
                throw new FieldProblem(field, "missing field '" + field + "'");
            }
            return dflt;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (!Set.of(allowed).contains(v)) {
            throw new FieldProblem(field, what + " '" + v + "' must be " + either(allowed));
        }
        return v;
    }

    private static String either(String... allowed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            sb.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ").append('\'').append(allowed[i]).append('\'');
        }
        return sb.toString();
    }

    static void checkThreadName(String field, String name) {
        if (name == null) {
            return;
        }
        if (!THREAD.matcher(name).matches()) {
            throw new FieldProblem(field, "thread name '" + name
                    + "' must be 1 to 32 of letters, digits, '-' and '_', starting with a letter");
        }
        if (RESERVED_THREADS.contains(name)) {
            throw new FieldProblem(field, "thread name '" + name + "' is taken by the engine or the runner (taken: "
                    + String.join(", ", new TreeSet<>(RESERVED_THREADS)) + ")");
        }
    }

    static long checkWait(String field, Long millis, long dflt) {
        if (millis == null) {
            return dflt;
        }
        if (millis < 0 || millis > MAX_WAIT_MILLIS) {
            throw new FieldProblem(field, field + " " + millis + " is outside 0.." + MAX_WAIT_MILLIS);
        }
        return millis;
    }

    /** " on writer-A" for a label, or nothing for the lesson's main thread. */
    static String on(String thread) {
        return thread == null ? "" : " on " + thread;
    }
}
