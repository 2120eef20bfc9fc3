package lsmviz.app.predict;

import java.util.List;
import java.util.Optional;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;

/**
 * At a write's first step ({@code PUT_MAKE_ROOM}), before {@code makeRoomForWrite} decides: will it
 * just write, freeze the full memtable first, or stall? The engine's branches: (a) there is room,
 * write; (b) the memtable is full and so is the queue, but only a user flushes: write anyway, past
 * the limit; (c) full and the queue full: stall until the flusher frees a slot; (d) full and a slot
 * free: freeze. Before those, an L0 with too many tables slows writes down or stops them until
 * compaction catches up. The thread's next events say which branch it took.
 */
final class PutQuestion {
    static final String WRITE = "just write (there is room)";
    static final String FREEZE = "freeze the memtable first";
    static final String STALL = "stall (wait for the flusher or compaction)";
    static final List<String> CHOICES = List.of(WRITE, FREEZE, STALL);

    private PutQuestion() {}

    /** {@code op}: the write the thread runs (PUT or DELETE). */
    static Question at(String thread, EngineEvent.Op op, VisualState s) {
        String write = op == EngineEvent.Op.DELETE ? "delete" : "put";
        Facts f = new Facts(s);
        return new Question(thread, "Will this " + write + " just write, freeze the memtable, or stall?", CHOICES, e -> {
            if (!e.thread().equals(thread)) {
                return Optional.empty();
            }
            if (e instanceof EngineEvent.WriteStallBegan w) {
                return verdict(STALL, f.stalled(w.reason(), write));
            }
            if (e instanceof EngineEvent.MemtableFrozen || reached(e, "PUT_CHECK_ROOM", "FREEZE_RECHECK")) {
                return verdict(FREEZE, f.froze());
            }
            if (e instanceof EngineEvent.MemtableWritten
                    || reached(e, "PUT_WRITE_MEMTABLE", "DELETE_WRITE_TOMBSTONE")) {
                return verdict(WRITE, f.wrote(write));
            }
            return Optional.empty();
        });
    }

    private static boolean reached(EngineEvent e, String... points) {
        return e instanceof EngineEvent.StepReached r && List.of(points).contains(r.point());
    }

    private static Optional<Question.Verdict> verdict(String answer, String why) {
        return Optional.of(new Question.Verdict(CHOICES.indexOf(answer), why));
    }

    /** The picture when the thread stopped, in words for the why. */
    private record Facts(long memtable, long bytes, long limit, int queued, int slots) {
        Facts(VisualState s) {
            this(s.active().id(), s.active().bytes(), s.memtableLimit(), s.immutables().size(), s.maxImmutable());
        }

        boolean full() {
            return bytes >= limit;
        }

        /** "memtable #4 held 1,040 of 1,024 bytes" */
        String held() {
            return "memtable #" + memtable + " held " + Format.count(bytes) + " of " + Format.count(limit) + " bytes";
        }

        String queue() {
            return queued + " of " + slots + " queued";
        }

        String stalled(String reason, String write) {
            if (reason.contains("slow down")) {
                return reason + ": the " + write + " waited a millisecond to give the compactor the CPU";
            }
            if (reason.startsWith("L0")) {
                return reason + ": the " + write + " waits until compaction shrinks L0";
            }
            return held() + " and " + reason + ": the " + write + " waits until the flusher frees a slot";
        }

        String froze() {
            return full() ? held() + " and a slot was free (" + queue() + "), so it froze"
                    : "other writers filled memtable #" + memtable + " while this one waited, and a slot was free, so it"
                            + " froze";
        }

        String wrote(String write) {
            if (!full()) {
                return held() + ": there was room, so the " + write + " wrote at once";
            }
            if (queued >= slots) {
                return held() + " and the queue was full (" + queue() + "), but auto-flush is off: nobody would free"
                        + " a slot, so the memtable grows past its limit instead of waiting forever";
            }
            return "another writer froze memtable #" + memtable + " while this one waited: the new memtable had room";
        }
    }
}
