package lsmviz.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import org.junit.jupiter.api.Test;

/** A copy of the fold is exact (same picture) and independent (each evolves on its own). */
class ProjectorCopyTest {
    private long seq;

    private long s() {
        return ++seq;
    }

    /** Events that leave every mutable part of the fold non-empty: memtables, a flush, locks, stalls, steps, a get. */
    private List<EngineEvent> busy() {
        List<EngineEvent> es = new ArrayList<>();
        es.add(new EngineEvent.EngineOpened(s(), 0, "main", "/data", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(new EngineEvent.SSTableSummary(0, "/data/0.sst", 10, 1, "a", "a", 1, 5, 5)),
                4096, 2));
        es.add(new EngineEvent.MemtableWritten(s(), 0, "writer-1", 1, "k1", false, 100, 1));
        es.add(new EngineEvent.OperationFinished(s(), 0, "writer-1", Op.PUT, "k1", "stored", 10));
        es.add(new EngineEvent.MemtableFrozen(s(), 0, "writer-1", 1, 2, 100, 1, "k1", "k1", 1));
        es.add(new EngineEvent.MemtableWritten(s(), 0, "writer-1", 2, "k2", false, 50, 1));
        es.add(new EngineEvent.LockAcquired(s(), 1, "flusher", LsmEngine.FREEZE_LOCK, "exclusive", 0));
        es.add(new EngineEvent.FlushStarted(s(), 0, "flusher", 1, 3, 1, 100));
        es.add(new EngineEvent.FlushRecordWritten(s(), 0, "flusher", 1, 3, 0, "k1"));
        es.add(new EngineEvent.BlockSealed(s(), 0, "flusher", 3, 0, "k1", "k1", 0, 40, 1));
        es.add(new EngineEvent.LockRequested(s(), 2, "writer-2", LsmEngine.FREEZE_LOCK, "exclusive"));
        es.add(new EngineEvent.LockAcquired(s(), 3, "reader", LsmEngine.STATE_LOCK, "read", 0));
        es.add(new EngineEvent.WriteStallBegan(s(), 0, "writer-3", 2, 2));
        es.add(new EngineEvent.StepReached(s(), 0, "flusher", "FLUSH_WRITE_RECORD", "Flush, step 3", true));
        es.add(new EngineEvent.GetPath(s(), 0, "reader", "k1", new long[] {2, 1}, new byte[] {0, 1}, 2));
        return es;
    }

    /** What happens next: each part of the fold changes again. */
    private List<EngineEvent> next() {
        List<EngineEvent> es = new ArrayList<>();
        es.add(new EngineEvent.MemtableWritten(s(), 0, "writer-1", 2, "k0", false, 90, 2));
        es.add(new EngineEvent.StepResumed(s(), 0, "flusher", "FLUSH_WRITE_RECORD"));
        es.add(new EngineEvent.SSTableWritten(s(), 0, "flusher",
                new EngineEvent.SSTableSummary(3, "/data/3.sst", 90, 1, "k1", "k1", 1, 20, 10)));
        es.add(new EngineEvent.FlushFinished(s(), 0, "flusher", 1, 3, 100));
        es.add(new EngineEvent.LockReleased(s(), 4, "flusher", LsmEngine.FREEZE_LOCK, "exclusive", 3));
        es.add(new EngineEvent.LockAcquired(s(), 5, "writer-2", LsmEngine.FREEZE_LOCK, "exclusive", 3));
        es.add(new EngineEvent.LockReleased(s(), 6, "reader", LsmEngine.STATE_LOCK, "read", 3));
        es.add(new EngineEvent.WriteStallEnded(s(), 0, "writer-3", 1000));
        es.add(new EngineEvent.GetPath(s(), 0, "reader", "zz", new long[] {2, 3}, new byte[] {0, 3}, 1));
        es.add(new EngineEvent.EngineError(s(), 0, "flusher", "disk full"));
        return es;
    }

    @Test
    void aCopyShowsTheSamePictureAndEvolvesIndependently() {
        Projector original = new Projector();
        busy().forEach(original::apply);
        VisualState before = original.snapshot();

        Projector copy = original.copy();
        assertThat(copy.snapshot()).isEqualTo(before);
        assertThat(before.flush()).isNotNull();
        assertThat(before.stalledWriters()).isNotEmpty();
        assertThat(before.paused()).isNotEmpty();
        assertThat(before.lock(LsmEngine.FREEZE_LOCK).waiters()).isNotEmpty();

        List<EngineEvent> more = next();
        more.forEach(copy::apply);
        VisualState after = copy.snapshot();
        assertThat(after).isNotEqualTo(before);
        assertThat(original.snapshot()).as("the original is untouched by the copy's events").isEqualTo(before);

        more.forEach(original::apply);
        assertThat(original.snapshot()).as("the same events give the same picture").isEqualTo(after);
    }

    @Test
    void changingTheOriginalLeavesTheCopyAlone() {
        Projector original = new Projector();
        busy().forEach(original::apply);
        Projector copy = original.copy();
        VisualState before = copy.snapshot();
        next().forEach(original::apply);
        assertThat(copy.snapshot()).isEqualTo(before);
    }

    @Test
    void copiesTakenAtEveryEventContinueLikeTheFoldTheyCameFrom() {
        List<EngineEvent> all = new ArrayList<>(busy());
        all.addAll(next());
        Projector whole = new Projector();
        all.forEach(whole::apply);
        VisualState end = whole.snapshot();
        for (int k = 0; k <= all.size(); k++) {
            Projector head = new Projector();
            all.subList(0, k).forEach(head::apply);
            Projector tail = head.copy();
            all.subList(k, all.size()).forEach(tail::apply);
            assertThat(tail.snapshot()).as("copy at %d", k).isEqualTo(end);
        }
    }
}
