package lsmviz.lesson;

import lsmviz.engine.LsmEngine;

/**
 * The script's engine operations (put, get, delete, fill, freeze, flush), each run on the calling
 * thread: the lesson's main thread, or a lesson thread. A {@code get} whose value is not the one
 * the script expects fails the lesson.
 */
final class EngineOperations {
    private EngineOperations() {}

    /** One engine call, on the calling thread. */
    static void perform(LessonRun r, Operation op) {
        LsmEngine e = r.engine;
        if (op instanceof Operation.Put p) {
            e.put(EngineFacts.utf8(p.key()), EngineFacts.utf8(p.value()));
        } else if (op instanceof Operation.Get g) {
            String got = EngineFacts.text(e.get(EngineFacts.utf8(g.key())));
            if (g.expect() != null && !g.expect().equals(got)) {
                throw new LessonFailure("get '" + g.key() + "' returned " + EngineFacts.shown(got) + ", expected '" + g.expect() + "'");
            }
            if (g.expectAbsent() && got != null) {
                throw new LessonFailure("get '" + g.key() + "' returned '" + got + "', expected the key to be absent");
            }
        } else if (op instanceof Operation.Delete d) {
            e.delete(EngineFacts.utf8(d.key()));
        } else if (op instanceof Operation.Fill f) {
            fill(r, f);
        } else if (op instanceof Operation.Freeze) {
            e.freeze();
        } else if (op instanceof Operation.Flush) {
            e.flushOldest();
        } else if (op instanceof Operation.Compact) {
            compactOnce(e);
        } else {
            throw new IllegalStateException("no runner for operation " + op);
        }
    }

    private static void compactOnce(LsmEngine e) {
        try {
            e.compactOnce();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RunCancelled();
        }
    }

    /** Puts {@code prefix001}, {@code prefix002}... until the count or the {@code until} is reached. */
    private static void fill(LessonRun r, Operation.Fill f) {
        LsmEngine e = r.engine;
        long limit = e.options().memtableSizeBytes();
        boolean untilFull = f.until().equals("full");
        boolean untilFrozen = f.until().equals("frozen");
        if (f.from() != null) {
            r.fillCounters.put(f.prefix(), f.from() - 1); // the next key is prefix{from}
        }
        for (int i = 0; i < f.count() && !r.cancelled; i++) {
            if (untilFull && e.snapshot().active().sizeBytes() >= limit) {
                return;
            }
            long activeBefore = e.snapshot().active().id();
            int n = r.fillCounters.merge(f.prefix(), 1, Integer::sum);
            String value = "value-" + n;
            if (f.valueBytes() != null) {
                value = value.length() >= f.valueBytes() ? value.substring(0, f.valueBytes())
                        : value + ".".repeat(f.valueBytes() - value.length());
            }
            e.put(EngineFacts.utf8(f.prefix() + String.format("%03d", n)), EngineFacts.utf8(value));
            if (untilFrozen && e.snapshot().active().id() != activeBefore) {
                return;
            }
        }
    }
}
