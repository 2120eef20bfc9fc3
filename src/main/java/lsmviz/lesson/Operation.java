package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.checkThreadName;
import static lsmviz.lesson.FieldChecks.on;
import static lsmviz.lesson.FieldChecks.require;
import static lsmviz.lesson.FieldChecks.requireKey;

import java.util.Set;

/**
 * A call into the engine: runs on the lesson's main thread, or, when {@code thread} is set, on a
 * new lesson thread of that name, concurrently (join it later).
 */
public sealed interface Operation extends Step {
    /** The lesson thread to run on, or null for the lesson's main thread. */
    String thread();

    /** Puts a key. */
    record Put(String key, String value, String thread) implements Operation {
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
    record Get(String key, String thread, String expect, Boolean expectAbsent) implements Operation {
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
    record Delete(String key, String thread) implements Operation {
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
    record Fill(String prefix, Integer count, String until, Integer valueBytes, Integer from, String thread)
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
    record Freeze(String thread) implements Operation {
        public Freeze {
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "freeze" + on(thread);
        }
    }

    /** Flushes the oldest immutable memtable into an SSTable (the Flush button). */
    record Flush(String thread) implements Operation {
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
    record Compact(String thread) implements Operation {
        public Compact {
            checkThreadName("thread", thread);
        }

        @Override
        public String label() {
            return "compact" + on(thread);
        }
    }
}
