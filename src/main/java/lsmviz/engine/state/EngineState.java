package lsmviz.engine.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.types.KeyValue;

/**
 * All of the engine's structure at one moment: the memtables, and the {@link Version} of the
 * SSTables on disk. Never changed: a freeze, a flush or a compaction builds a new one and installs
 * it whole under the state lock's write side.
 */
public final class EngineState {
    /** The mutable memtable that takes writes. */
    private final Memtable active;
    /** Frozen memtables waiting for a flush, newest first (the last is flushed next). */
    private final List<Memtable> immutables;
    /** The SSTables, by level. */
    private final Version version;
    /** The active memtable, then the immutable ones: the order a get looks in. */
    private final List<Memtable> memtables;

    public EngineState(Memtable active, List<Memtable> immutables, Version version) {
        this.active = active;
        this.immutables = List.copyOf(immutables);
        this.version = version;
        List<Memtable> all = new ArrayList<>(immutables.size() + 1);
        all.add(active);
        all.addAll(immutables);
        this.memtables = List.copyOf(all);
    }

    public Memtable active() {
        return active;
    }

    public List<Memtable> immutables() {
        return immutables;
    }

    public Version version() {
        return version;
    }

    public Levels levels() {
        return version.levels();
    }

    /** Every memtable in memory, newest first: the active one, then the immutable ones. */
    public List<Memtable> memtables() {
        return memtables;
    }

    /**
     * Live records with {@code from <= key < to} in key order (null bounds are open): the newest
     * version of each key, deleted keys hidden. The caller keeps the version pinned until done.
     */
    public Iterator<KeyValue> scan(byte[] from, byte[] to) {
        List<Iterator<KeyValue>> sources = new ArrayList<>();
        for (Memtable m : memtables) {
            sources.add(m.iterator(from, to));
        }
        sources.addAll(version.iterators(from, to));
        return MergingIterator.liveOnly(new MergingIterator(sources));
    }

    /** Freeze: the active memtable goes to the front of the immutable queue; {@code fresh} takes writes. */
    public EngineState withFrozenActive(Memtable fresh) {
        return new EngineState(fresh, memtables, version);
    }

    /** The memtable the next flush takes: the oldest immutable one, or null. */
    public Memtable oldestImmutable() {
        return immutables.isEmpty() ? null : immutables.get(immutables.size() - 1);
    }

    /** Flush step 4: the new SSTable becomes the newest one in L0. */
    public EngineState withSSTableAdded(TableFile table) {
        return new EngineState(active, immutables, version.withFlushed(table));
    }

    /** Flush step 5: the flushed memtable leaves the queue. */
    public EngineState withImmutableRemoved(Memtable flushed) {
        List<Memtable> queue = new ArrayList<>(immutables);
        if (!queue.remove(flushed)) {
            throw new IllegalStateException(flushed + " is not in the immutable queue");
        }
        return new EngineState(active, queue, version);
    }

    /** A compaction's swap: the same memtables, the tables of {@code next}. */
    public EngineState withVersion(Version next) {
        return new EngineState(active, immutables, next);
    }
}
