package lsmviz.lesson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.inspect.LevelsReport;
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
        /** Files recovery removed, and logs it replayed, when this engine opened. */
        final AtomicInteger leftoversRemoved = new AtomicInteger();
        final AtomicInteger logsReplayed = new AtomicInteger();
        /** The last crash of the lesson's engine, carried over to the engine that recovers from it. */
        volatile lsmviz.engine.types.CrashReport crash;

        @Override
        public void onEvent(EngineEvent e) {
            if (e instanceof EngineEvent.WriteStallBegan) {
                writeStalls.incrementAndGet();
            } else if (e instanceof EngineEvent.MemtableFrozen) {
                freezes.incrementAndGet();
            } else if (e instanceof EngineEvent.FlushFinished) {
                flushes.incrementAndGet();
            } else if (e instanceof EngineEvent.FileRemoved) {
                leftoversRemoved.incrementAndGet();
            } else if (e instanceof EngineEvent.WalRecovered) {
                logsReplayed.incrementAndGet();
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

    /**
     * What an {@link Expectation} looks at: the lesson's engine, the events it counted, and the
     * costs {@code remember} steps kept, by name.
     */
    record Context(LsmEngine engine, Counters counters, Map<String, LevelsReport> remembered) {
        /** The value of {@code key} as text, or null when it is absent or deleted. */
        String valueOf(String key) {
            return text(engine.get(utf8(key)));
        }

        /** The engine's costs now; {@code measureSpace} also reads every table for the live data. */
        LevelsReport costs(boolean measureSpace) {
            return engine.levels(measureSpace);
        }
    }

    static String count(Expectation.Amount a, long found, String thing) {
        return count(a, found, thing, thing + "s");
    }

    static String count(Expectation.Amount a, long found, String one, String many) {
        if (a.holds(found)) {
            return null;
        }
        return "expected " + (a.atLeast() ? "at least " : "") + a.n() + " " + (a.n() == 1 ? one : many) + ", found "
                + found;
    }

    static String lockHeld(LsmEngine e, String lock, String thread, LockMode mode) {
        LockView v = e.lockTable().view(lock);
        boolean ok = v.holders().stream().anyMatch(h -> h.thread().equals(thread) && (mode == null || h.mode() == mode));
        return ok ? null : "expected the " + lock + " to be held by " + thread + mode(mode) + "; " + holders(v);
    }

    static String lockWaiting(LsmEngine e, String lock, String thread, LockMode mode) {
        LockView v = e.lockTable().view(lock);
        boolean ok = v.waiters().stream().anyMatch(w -> w.thread().equals(thread) && (mode == null || w.mode() == mode));
        return ok ? null : "expected " + thread + " to wait for the " + lock + mode(mode) + "; " + waiters(v);
    }

    static String lockFree(LsmEngine e, String lock) {
        LockView v = e.lockTable().view(lock);
        return v.holders().isEmpty() ? null : "expected the " + lock + " to be free; " + holders(v);
    }

    static String paused(LsmEngine e, String thread, lsmviz.engine.step.ProbePoint point) {
        boolean ok = e.stepGate().paused().stream().anyMatch(p -> (thread == null || p.thread().equals(thread))
                && (point == null || p.point() == point));
        return ok ? null : "expected " + (thread == null ? "a thread" : thread) + " to be paused"
                + (point == null ? "" : " at " + point) + "; " + pausedNow(e);
    }

    private static String mode(LockMode m) {
        return m == null ? "" : " (" + m.label() + ")";
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
