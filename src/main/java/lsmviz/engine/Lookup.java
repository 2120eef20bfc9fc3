package lsmviz.engine;

import lsmviz.engine.compaction.CompactionStats;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.BloomFilter;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.KeyValue;

/**
 * A get's story: where it looks for a key, newest first, in one snapshot of the state. It holds
 * the state lock only to take the snapshot (and pin its tables); the probes run with no lock.
 */
final class Lookup {
    private final CurrentState current;
    private final StepGate gate;
    private final CompactionStats stats;

    Lookup(CurrentState current, StepGate gate, CompactionStats stats) {
        this.current = current;
        this.gate = gate;
        this.stats = stats;
    }

    /**
     * Newest first: the active memtable, the immutable ones, then
     * the SSTables. The first that knows the key answers (with a
     * tombstone: deleted). Each probe goes into {@code probes}.
     */
    KeyValue find(byte[] key, EngineEvents.Probes probes) {
        EngineState s = current.pinned();
        try {
            return lookup(s, key, probes);
        } finally {
            s.version().unpin();
        }
    }

    /**
     * Newest first: the memtables, then every L0 table (they may
     * overlap), then in each deeper level the one table whose key
     * range holds the key, if any: a binary search on the ranges.
     */
    private KeyValue lookup(EngineState s, byte[] key, EngineEvents.Probes probes) {
        for (Memtable m : s.memtables()) {
            // @probe GET_PROBE_MEMTABLE
            gate.reach(ProbePoint.GET_PROBE_MEMTABLE, m.id());
            KeyValue found = m.get(key);
            probes.memtable(m.id(), found);
            if (found != null) {
                return found;
            }
        }
        long hash = BloomFilter.hash(key);
        int asked = 0;
        KeyValue found = null;
        for (SSTableReader t : s.version().level0()) {
            asked++;
            found = probe(t, key, hash, probes);
            if (found != null) {
                break;
            }
        }
        for (int n = 0; found == null && n < s.version().sortedLevels().size(); n++) {
            SSTableReader t = s.version().sortedLevels().get(n).tableFor(key);
            if (t != null) {
                asked++;
                found = probe(t, key, hash, probes);
            }
        }
        stats.got(asked);
        return found;
    }

    private KeyValue probe(SSTableReader t, byte[] key, long hash, EngineEvents.Probes probes) {
        // @probe GET_PROBE_SSTABLE
        gate.reach(ProbePoint.GET_PROBE_SSTABLE, t.id());
        SSTableReader.Lookup l = t.get(key, hash);
        probes.sstable(t.id(), l);
        return l.found();
    }
}
