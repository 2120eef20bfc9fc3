package lsmviz.app.lesson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.app.lesson.Lesson.Expect;
import lsmviz.engine.EngineSnapshot;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.step.PausedThread;

/**
 * What a lesson asks of the engine, in words: whether an {@code expect} holds (and if not, what
 * was found instead), and where a thread is stuck when a wait runs out.
 */
final class EngineFacts {
    private EngineFacts() {}

    /** Facts the engine's events tell the run: counts and the path of each key's last get. */
    static final class Counters implements EventListener {
        final AtomicInteger writeStalls = new AtomicInteger();
        final AtomicInteger freezes = new AtomicInteger();
        final AtomicInteger flushes = new AtomicInteger();
        final Map<String, List<String>> getPaths = new ConcurrentHashMap<>();

        @Override
        public void onEvent(EngineEvent e) {
            if (e instanceof EngineEvent.WriteStallBegan) {
                writeStalls.incrementAndGet();
            } else if (e instanceof EngineEvent.MemtableFrozen) {
                freezes.incrementAndGet();
            } else if (e instanceof EngineEvent.FlushFinished) {
                flushes.incrementAndGet();
            } else if (e instanceof EngineEvent.GetPath g) {
                List<String> path = new ArrayList<>();
                for (EngineEvent.GetPath.Probe p : g.probes()) {
                    path.add((p.memtable() ? "memtable: " : "sstable: ") + p.verdict());
                }
                getPaths.put(g.key(), List.copyOf(path));
            }
        }

        /** The get path is a per-operation event: this listener asks for every event. */
        @Override
        public Detail detail() {
            return Detail.ALL;
        }
    }

    /** Null when the expect holds, else what was found instead. */
    static String check(LsmEngine e, Counters counters, Expect x) {
        switch (x.kind()) {
            case VALUE: {
                String got = text(e.get(utf8(x.key())));
                return x.value().equals(got) ? null
                        : "expected '" + x.key() + "' = '" + x.value() + "', found " + shown(got);
            }
            case ABSENT: {
                String got = text(e.get(utf8(x.key())));
                return got == null ? null : "expected '" + x.key() + "' to be absent, found '" + got + "'";
            }
            case IMMUTABLES:
                return count(x, e.snapshot().immutables().size(), "immutable memtable");
            case SSTABLES:
                return count(x, e.snapshot().sstables().size(), "SSTable");
            case ACTIVE_ENTRIES:
                return count(x, e.snapshot().active().entries(), "entry in the active memtable",
                        "entries in the active memtable");
            case ACTIVE_FULL: {
                EngineSnapshot.MemtableSummary a = e.snapshot().active();
                long limit = e.options().memtableSizeBytes();
                return a.sizeBytes() >= limit ? null : "expected the active memtable to be full (" + limit
                        + " bytes), it holds " + a.sizeBytes() + " bytes";
            }
            case LOCK_HELD: {
                LockView v = e.lockTable().view(x.lock());
                boolean ok = v.holders().stream().anyMatch(h -> h.thread().equals(x.thread())
                        && (x.mode() == null || h.mode() == x.mode()));
                return ok ? null : "expected the " + x.lock() + " to be held by " + x.thread() + mode(x)
                        + "; " + holders(v);
            }
            case LOCK_WAITING: {
                LockView v = e.lockTable().view(x.lock());
                boolean ok = v.waiters().stream().anyMatch(w -> w.thread().equals(x.thread())
                        && (x.mode() == null || w.mode() == x.mode()));
                return ok ? null : "expected " + x.thread() + " to wait for the " + x.lock() + mode(x) + "; "
                        + waiters(v);
            }
            case LOCK_FREE: {
                LockView v = e.lockTable().view(x.lock());
                return v.holders().isEmpty() ? null : "expected the " + x.lock() + " to be free; " + holders(v);
            }
            case PAUSED: {
                boolean ok = e.stepGate().paused().stream().anyMatch(p -> (x.thread() == null
                        || p.thread().equals(x.thread())) && (x.point() == null || p.point() == x.point()));
                return ok ? null : "expected " + (x.thread() == null ? "a thread" : x.thread()) + " to be paused"
                        + (x.point() == null ? "" : " at " + x.point()) + "; " + pausedNow(e);
            }
            case WRITE_STALLS:
                return count(x, counters.writeStalls.get(), "write stall");
            case FREEZES:
                return count(x, counters.freezes.get(), "freeze");
            case FLUSHES:
                return count(x, counters.flushes.get(), "finished flush");
            case GET_PATH: {
                List<String> got = counters.getPaths.get(x.key());
                if (got == null) {
                    return "expected a get of '" + x.key() + "' to have finished; none has";
                }
                return got.equals(x.path()) ? null
                        : "expected the last get of '" + x.key() + "' to probe " + x.path() + ", it probed " + got;
            }
            default:
                throw new IllegalStateException("no check for " + x.kind());
        }
    }

    private static String count(Expect x, long found, String thing) {
        return count(x, found, thing, thing + "s");
    }

    private static String count(Expect x, long found, String one, String many) {
        if (x.count() != null && found == x.count() || x.atLeast() != null && found >= x.atLeast()) {
            return null;
        }
        long n = x.count() != null ? x.count() : x.atLeast();
        return "expected " + (x.count() != null ? "" : "at least ") + n + " " + (n == 1 ? one : many) + ", found "
                + found;
    }

    private static String mode(Expect x) {
        return x.mode() == null ? "" : " (" + x.mode().label() + ")";
    }

    // ------------------------------------------------------------------------------------------
    // Telling where threads are

    /** Where {@code thread} is stuck: paused at a point, waiting for a lock (held by whom), or else. */
    static String diagnose(LsmEngine e, String thread) {
        List<String> facts = new ArrayList<>();
        for (PausedThread p : e.stepGate().paused()) {
            if (p.thread().equals(thread)) {
                facts.add(thread + " is paused at " + p.point() + " (release it with step or continue)");
            }
        }
        for (LockView v : e.lockTable().snapshot()) {
            for (LockView.Waiter w : v.waiters()) {
                if (w.thread().equals(thread)) {
                    facts.add(thread + " waits for the " + v.lock() + " (" + w.mode().label() + "); " + holders(v));
                }
            }
        }
        if (facts.isEmpty()) {
            facts.add(thread + " is neither paused nor waiting for a lock (a stalled writer waits for a flush)");
        }
        List<PausedThread> paused = e.stepGate().paused();
        if (paused.stream().anyMatch(p -> !p.thread().equals(thread))) {
            facts.add(pausedNow(e));
        }
        return String.join("; ", facts);
    }

    static String notPaused(LsmEngine e, String thread) {
        return (thread == null ? "no thread is paused" : "thread " + thread + " is not paused") + "; " + pausedNow(e);
    }

    static String pausedNow(LsmEngine e) {
        List<PausedThread> paused = new ArrayList<>(e.stepGate().paused());
        if (paused.isEmpty()) {
            return "no thread is paused now";
        }
        paused.sort(Comparator.comparingLong(PausedThread::sinceNanos));
        List<String> out = new ArrayList<>();
        for (PausedThread p : paused) {
            out.add(p.thread() + " at " + p.point());
        }
        return "paused now: " + String.join(", ", out);
    }

    private static String holders(LockView v) {
        if (v.holders().isEmpty()) {
            return "nobody holds it";
        }
        List<String> out = new ArrayList<>();
        for (LockView.Holder h : v.holders()) {
            out.add(h.thread() + " (" + h.mode().label() + ")");
        }
        return "held by " + String.join(", ", out);
    }

    private static String waiters(LockView v) {
        if (v.waiters().isEmpty()) {
            return "nobody waits for it";
        }
        List<String> out = new ArrayList<>();
        for (LockView.Waiter w : v.waiters()) {
            out.add(w.thread() + " (" + w.mode().label() + ")");
        }
        return "waiting: " + String.join(", ", out);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static String shown(String value) {
        return value == null ? "nothing (absent)" : "'" + value + "'";
    }
}
