package lsmviz.app.model;

import java.util.List;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;

/**
 * Pictures for view-model tests, folded by the real {@link Projector} from the events an engine
 * would send: each call appends events and returns the picture after them.
 */
public final class Pictures {
    private final Projector p = new Projector();
    private long seq;

    /** An engine just opened: memtable #1 active, {@code maxImmutable} places in the queue. */
    public Pictures(long memtableLimit, int maxImmutable) {
        p.apply(new EngineEvent.EngineOpened(++seq, 0, "main", "/data", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(), memtableLimit, maxImmutable));
    }

    public Pictures put(long memtable, String key, long bytes, long entries) {
        p.apply(new EngineEvent.MemtableWritten(++seq, 0, "writer-1", memtable, key, false, bytes, entries));
        return this;
    }

    public Pictures freeze(long memtable, long fresh, long bytes, long entries, String min, String max, int queue) {
        p.apply(new EngineEvent.MemtableFrozen(++seq, 0, "writer-1", memtable, fresh, bytes, entries, min, max, queue));
        return this;
    }

    public Pictures flushStarted(long memtable, long sstable, long entries) {
        p.apply(new EngineEvent.FlushStarted(++seq, 0, "flusher", memtable, sstable, entries, 100));
        return this;
    }

    public Pictures recordWritten(long memtable, long sstable, long index) {
        p.apply(new EngineEvent.FlushRecordWritten(++seq, 0, "flusher", memtable, sstable, index, "k" + index));
        return this;
    }

    public Pictures stall(String thread) {
        p.apply(new EngineEvent.WriteStallBegan(++seq, 0, thread, 1, 1));
        return this;
    }

    public Pictures paused(String thread, String point) {
        p.apply(new EngineEvent.StepReached(++seq, 0, thread, point, "narration of " + point, true));
        return this;
    }

    public Pictures passed(String thread, String point) {
        p.apply(new EngineEvent.StepReached(++seq, 0, thread, point, "narration of " + point, false));
        return this;
    }

    public Pictures resumed(String thread, String point) {
        p.apply(new EngineEvent.StepResumed(++seq, 0, thread, point));
        return this;
    }

    public Pictures acquired(String thread, String lock, String mode, long nanos) {
        p.apply(new EngineEvent.LockAcquired(++seq, nanos, thread, lock, mode, 0));
        return this;
    }

    public Pictures requested(String thread, String lock, String mode, long nanos) {
        p.apply(new EngineEvent.LockRequested(++seq, nanos, thread, lock, mode));
        return this;
    }

    public Pictures closed() {
        p.apply(new EngineEvent.EngineClosed(++seq, 0, "main"));
        return this;
    }

    /** Memtable {@code memtable} flushed into table {@code table} (keys a to z). */
    public Pictures flushed(long memtable, long table) {
        p.apply(new EngineEvent.FlushStarted(++seq, 0, "flusher", memtable, table, 2, 100));
        p.apply(new EngineEvent.SSTableWritten(++seq, 0, "flusher",
                new EngineEvent.SSTableSummary(table, "/data/" + table + ".sst", 180, 2, "a", "z", 1, 30, 20)));
        p.apply(new EngineEvent.FlushFinished(++seq, 0, "flusher", memtable, table, 1000));
        return this;
    }

    /** The projection the pictures come from. */
    public Projector projector() {
        return p;
    }

    public VisualState now() {
        return p.snapshot();
    }
}
