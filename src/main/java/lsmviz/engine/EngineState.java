package lsmviz.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;

/**
 * All of the engine's structure at one moment. Never changed: a freeze or a flush builds a new one
 * and installs it whole under the state lock's write side.
 */
final class EngineState {
    /** The mutable memtable that takes writes. */
    private final Memtable active;
    /** Frozen memtables waiting for a flush, newest first (the last is flushed next). */
    private final List<Memtable> immutables;
    /** SSTables on disk, newest first. */
    private final List<SSTableReader> sstables;
    /** The active memtable, then the immutable ones: the order a get looks in. */
    private final List<Memtable> memtables;

    EngineState(Memtable active, List<Memtable> immutables, List<SSTableReader> sstables) {
        this.active = active;
        this.immutables = List.copyOf(immutables);
        this.sstables = List.copyOf(sstables);
        List<Memtable> all = new ArrayList<>(immutables.size() + 1);
        all.add(active);
        all.addAll(immutables);
        this.memtables = List.copyOf(all);
    }

    Memtable active() {
        return active;
    }

    List<Memtable> immutables() {
        return immutables;
    }

    List<SSTableReader> sstables() {
        return sstables;
    }

    /** Every memtable in memory, newest first: the active one, then the immutable ones. */
    List<Memtable> memtables() {
        return memtables;
    }

    /** This state as plain facts, for tools and views. */
    EngineSnapshot facts(long listenerErrors) {
        return new EngineSnapshot(EngineEvents.summary(active), immutables.stream().map(EngineEvents::summary).toList(),
                sstables.stream().map(t -> EngineEvents.summary(t.info())).toList(), listenerErrors);
    }

    /**
     * Live records with {@code from <= key < to} in key order (null bounds are open): the newest
     * version of each key, deleted keys hidden.
     */
    Iterator<KeyValue> scan(byte[] from, byte[] to) {
        List<Iterator<KeyValue>> sources = new ArrayList<>();
        for (Memtable m : memtables) {
            sources.add(m.iterator(from, to));
        }
        for (SSTableReader t : sstables) {
            sources.add(t.iterator(from, to));
        }
        return MergingIterator.liveOnly(new MergingIterator(sources));
    }

    /** Freeze: the active memtable goes to the front of the immutable queue; {@code fresh} takes writes. */
    EngineState withFrozenActive(Memtable fresh) {
        return new EngineState(fresh, memtables, sstables);
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
