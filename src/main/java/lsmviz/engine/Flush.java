package lsmviz.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;
import lsmviz.engine.compaction.CompactionStats;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.KeyValue;

/**
 * The flush, in the seed's five steps: select the oldest immutable memtable, iterate its records
 * in key order, write them into a new SSTable, add the table, remove the memtable. It holds the
 * freeze lock throughout (one flush, freeze or install at a time), the state lock's read side only
 * to read and its write side only to swap. The flusher thread ({@link Flusher}) and a user's
 * request both come here.
 */
final class Flush {
    private final CurrentState current;
    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;
    private final StepGate gate;
    private final EngineEvents events;
    private final DbDirectory dir;
    private final TableBuilder tables;
    private final WalSet wals;
    private final CompactionStats stats;
    private final Runnable roomFreed;
    private final Runnable levelsChanged;

    /**
     * {@code roomFreed}: run after each flush (writers stalled on the queue go on, the compactor
     * looks again); {@code levelsChanged}: tells the listeners the new levels.
     */
    Flush(CurrentState current, StepGate gate, EngineEvents events, DbDirectory dir, TableBuilder tables,
            WalSet wals, CompactionStats stats, Runnable roomFreed, Runnable levelsChanged) {
        this.current = current;
        this.freezeLock = current.freezeLock();
        this.stateLock = current.stateLock();
        this.gate = gate;
        this.events = events;
        this.dir = dir;
        this.tables = tables;
        this.wals = wals;
        this.stats = stats;
        this.roomFreed = roomFreed;
        this.levelsChanged = levelsChanged;
    }

    boolean flushOldestIfAny() {
        try {
            long t0 = events.operationStarted(Op.FLUSH, null);
            boolean done = flushLocked();
            events.operationFinished(Op.FLUSH, null, done ? "flushed" : "nothing to do", t0);
            return done;
        } finally {
            gate.operationEnded();
        }
    }

    boolean flushLocked() {
        freezeLock.lock();
        try {
            return flushOldestLocked();
        } finally {
            freezeLock.unlock();
        }
    }

    /** The seed's five steps. REQUIRES: the freeze lock is held. */
    private boolean flushOldestLocked() {
        requireFreezeLock();
        long t0 = System.nanoTime();
        // Step 1: select the oldest immutable memtable.
        Memtable oldest;
        stateLock.lockRead();
        try {
            // @probe FLUSH_SELECT_OLDEST
            gate.reach(ProbePoint.FLUSH_SELECT_OLDEST);
            oldest = current.get().oldestImmutable();
        } finally {
            stateLock.unlockRead();
        }
        if (oldest == null) {
            return false;
        }
        long tableId = dir.newFileNumber();
        events.flushStarted(oldest, tableId);
        // Step 2: iterate over its records in key order. No state
        // lock from here to the swap: the memtable is immutable.
        // @probe FLUSH_ITERATE
        gate.reach(ProbePoint.FLUSH_ITERATE);
        Iterator<KeyValue> records = new RecordFeed(oldest.iterator());
        // Step 3: write them one by one into a new SSTable.
        TableFile table = tables.build(oldest, tableId, records);
        // Steps 4 and 5 in one swap under the state write lock:
        // readers see the memtable or the SSTable, never neither.
        Version before = current.get().version();
        stateLock.lockWrite();
        try {
            // @probe FLUSH_ADD_SSTABLE
            gate.reach(ProbePoint.FLUSH_ADD_SSTABLE);
            EngineState next = current.get().withSSTableAdded(table);
            // @probe FLUSH_REMOVE_MEMTABLE
            gate.reach(ProbePoint.FLUSH_REMOVE_MEMTABLE);
            current.replace(next.withImmutableRemoved(oldest));
        } finally {
            stateLock.unlockWrite();
        }
        before.unpin(); // a new version of the tables is current
        wals.delete(oldest); // its records are in the table now
        stats.flushed(table.meta().bytes());
        roomFreed.run(); // stalled writers go on; L0 grew, so a compaction may be due
        events.flushFinished(oldest, tableId, t0);
        levelsChanged.run();
        return true;
    }

    private void requireFreezeLock() {
        if (!freezeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("flush requires the freeze lock");
        }
    }

    /** Feeds the SSTable writer, stopping at the step gate before each record. */
    private final class RecordFeed implements Iterator<KeyValue> {
        private final Iterator<KeyValue> records;

        RecordFeed(Iterator<KeyValue> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public KeyValue next() {
            if (!records.hasNext()) {
                throw new NoSuchElementException();
            }
            // @probe FLUSH_WRITE_RECORD
            gate.reach(ProbePoint.FLUSH_WRITE_RECORD);
            return records.next();
        }
    }
}
