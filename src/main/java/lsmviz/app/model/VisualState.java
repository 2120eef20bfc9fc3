package lsmviz.app.model;

import java.util.List;

/**
 * What the window shows at one moment, as plain immutable data: a projection of the engine's
 * event stream ({@link Projector}). Live mode, replay and stepping back all build it the same way.
 *
 * @param seq          the sequence number of the last event applied
 * @param directory    the data directory
 * @param memtableLimit the active memtable's size limit in bytes (for its fill gauge)
 * @param maxImmutable how many immutable memtables may wait before writers stall
 * @param active       the active memtable
 * @param immutables   immutable memtables, newest first
 * @param sstables     SSTables on disk, newest first
 * @param flush        the flush in progress, or null
 * @param locks        the freeze lock and the state lock, in that order
 * @param stalledWriters threads waiting in a write stall
 * @param lastGet      the path of the latest get, or null
 * @param paused       threads stopped at the step gate, in the order they stopped
 * @param lastStep     the latest probe point a thread reached (paused or in slow motion), or null
 *                     (none yet, or the engine closed)
 * @param open         whether an engine is open (false before the first open and after a close)
 * @param counters     totals since the engine opened
 */
public record VisualState(long seq, String directory, long memtableLimit, int maxImmutable, MemtableVis active,
        List<MemtableVis> immutables, List<SSTableVis> sstables, FlushVis flush, List<LockVis> locks,
        List<String> stalledWriters, GetVis lastGet, List<PausedVis> paused, StepVis lastStep, boolean open,
        Counters counters) {

    /** A memtable; key bounds are null while it is empty. {@code recentKeys}: newest first. */
    public record MemtableVis(long id, long bytes, long entries, String minKey, String maxKey, List<String> recentKeys) {}

    /**
     * An SSTable on disk; {@code fromMemtable} is the memtable a flush wrote it from, 0 when not
     * known (a table that was already on disk when the engine opened, or a compaction's output);
     * {@code level} is 0 for L0.
     */
    public record SSTableVis(long id, long bytes, long entries, String minKey, String maxKey, int blocks,
            int indexBytes, int bloomBytes, String path, long fromMemtable, int level) {
        /** The same table in another level (a trivial move). */
        public SSTableVis atLevel(int newLevel) {
            return new SSTableVis(id, bytes, entries, minKey, maxKey, blocks, indexBytes, bloomBytes, path, fromMemtable,
                    newLevel);
        }
    }

    /** A data block sealed during a flush. */
    public record BlockVis(int blockNo, int entries, int length, String firstKey, String lastKey) {}

    /** The flush running now: which memtable goes into which table, and how far it got. */
    public record FlushVis(long memtableId, long sstableId, long totalRecords, long recordsWritten,
            List<BlockVis> blocks, String thread, boolean written) {}

    /** One lock: holders and waiters (in queue order). */
    public record LockVis(String name, List<HolderVis> holders, List<WaiterVis> waiters) {
        public boolean heldBy(String thread) {
            return holders.stream().anyMatch(h -> h.thread().equals(thread));
        }
    }

    /** {@code mode}: exclusive, read or write. */
    public record HolderVis(String thread, String mode, long sinceNanos) {}

    public record WaiterVis(String thread, String mode, long sinceNanos) {}

    /** The latest get: its key, where it looked, and the answer. */
    public record GetVis(String key, List<ProbeVis> probes, String outcome, long seq) {}

    /** One step of a get's path: a memtable or an SSTable and what it said. */
    public record ProbeVis(boolean memtable, long id, String verdict) {}

    /** A thread paused at a probe point. */
    public record PausedVis(String thread, String point, String narration) {}

    /**
     * A probe point a thread reached: paused there (step mode) or passing it (slow motion);
     * {@code seq} is the sequence number of that event, so that two visits of one point differ.
     */
    public record StepVis(String thread, String point, String narration, boolean paused, long seq) {}

    /** Totals since the engine opened. */
    public record Counters(long events, long puts, long gets, long deletes, long scans, long freezes, long flushes,
            long stalls, long errors, long compactions) {}

    /** The same picture with the locks taken from elsewhere (the live lock table). */
    public VisualState withLocks(List<LockVis> newLocks) {
        return new VisualState(seq, directory, memtableLimit, maxImmutable, active, immutables, sstables, flush,
                List.copyOf(newLocks), stalledWriters, lastGet, paused, lastStep, open, counters);
    }

    public LockVis lock(String name) {
        return locks.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    public long bytesOnDisk() {
        return sstables.stream().mapToLong(SSTableVis::bytes).sum();
    }
}
