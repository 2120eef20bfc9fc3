package lsmviz.engine;

import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;

/**
 * All of the engine's structure at one moment. Never changed: a freeze or a flush builds a new one
 * and installs it whole under the state lock's write side.
 *
 * @param active     the mutable memtable that takes writes
 * @param immutables frozen memtables waiting for a flush, newest first (the last is flushed next)
 * @param sstables   SSTables on disk, newest first
 */
record EngineState(Memtable active, List<Memtable> immutables, List<SSTableReader> sstables) {

    EngineState {
        immutables = List.copyOf(immutables);
        sstables = List.copyOf(sstables);
    }

    /** Freeze: the active memtable goes to the front of the immutable queue; {@code fresh} takes writes. */
    EngineState withFrozenActive(Memtable fresh) {
        List<Memtable> queue = new ArrayList<>(immutables.size() + 1);
        queue.add(active);
        queue.addAll(immutables);
        return new EngineState(fresh, queue, sstables);
    }

    /** The memtable the next flush takes: the oldest immutable one, or null. */
    Memtable oldestImmutable() {
        return immutables.isEmpty() ? null : immutables.get(immutables.size() - 1);
    }

    /** Flush step 4: the new SSTable becomes the newest one. */
    EngineState withSSTableAdded(SSTableReader table) {
        List<SSTableReader> tables = new ArrayList<>(sstables.size() + 1);
        tables.add(table);
        tables.addAll(sstables);
        return new EngineState(active, immutables, tables);
    }

    /** Flush step 5: the flushed memtable leaves the queue. */
    EngineState withImmutableRemoved(Memtable flushed) {
        List<Memtable> queue = new ArrayList<>(immutables);
        if (!queue.remove(flushed)) {
            throw new IllegalStateException(flushed + " is not in the immutable queue");
        }
        return new EngineState(active, queue, sstables);
    }
}
