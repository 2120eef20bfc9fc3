package lsmviz.engine.event;

import java.util.List;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;

/**
 * Everything the engine reports, as plain facts: ids, sizes, key ranges and thread names, never
 * live engine objects. Keys are shown as text ({@link lsmviz.engine.types.Bytes#display}).
 *
 * <p>Every event carries {@code seq} (increasing per engine; one thread's events are in order),
 * {@code nanos} ({@link System#nanoTime()} when it happened) and {@code thread} (the name of the
 * thread it happened on).
 */
public sealed interface EngineEvent {
    long seq();

    long nanos();

    String thread();

    /** The operations a user or workload can run. */
    enum Op { PUT, GET, DELETE, SCAN, FREEZE, FLUSH }

    /** An operation began. {@code key} is the key (or scan start), {@code null} where none. */
    record OperationStarted(long seq, long nanos, String thread, Op op, String key) implements EngineEvent {}

    /**
     * An operation ended. {@code outcome} is a short fact: "found", "not found", "deleted",
     * "42 entries", "nothing to do", "failed: ...".
     */
    record OperationFinished(long seq, long nanos, String thread, Op op, String key, String outcome,
            long durationNanos) implements EngineEvent {}

    /** The engine opened a directory and restored this state (immutable memtables and SSTables newest first). */
    record EngineOpened(long seq, long nanos, String thread, String directory, MemtableSummary active,
            List<MemtableSummary> immutables, List<SSTableSummary> sstables, long memtableLimitBytes,
            int maxImmutableMemtables) implements EngineEvent {}

    /** The engine closed: every memtable is flushed and every file closed. */
    record EngineClosed(long seq, long nanos, String thread) implements EngineEvent {}

    /**
     * The engine crashed (simulated): {@code kind} is "Process crash" or "Power cut"; {@code report}
     * says what the crash did to each file, first line a headline. The engine's last event.
     */
    record EngineCrashed(long seq, long nanos, String thread, String kind, List<String> report)
            implements EngineEvent {}

    /** A key was written into a memtable (a delete writes a tombstone). */
    record MemtableWritten(long seq, long nanos, String thread, long memtableId, String key, boolean tombstone,
            long memtableBytes, long memtableEntries) implements EngineEvent {}

    /**
     * The active memtable became immutable and a new, empty one took its place. {@code queueLength}
     * is the number of immutable memtables after the freeze.
     */
    record MemtableFrozen(long seq, long nanos, String thread, long memtableId, long newActiveMemtableId,
            long sizeBytes, long entries, String minKey, String maxKey, int queueLength) implements EngineEvent {}

    /** Flush step 1 done: the oldest immutable memtable was selected for {@code sstableId}. */
    record FlushStarted(long seq, long nanos, String thread, long memtableId, long sstableId, long entries,
            long sizeBytes) implements EngineEvent {}

    /**
     * Flush step 3: one record written into the SSTable being built. Published while the step gate
     * is in slow motion or step mode; at full speed the flush reports per block ({@link BlockSealed}).
     */
    record FlushRecordWritten(long seq, long nanos, String thread, long memtableId, long sstableId, long index,
            String key) implements EngineEvent {}

    /** A data block of the SSTable being built was sealed (its checksum computed). */
    record BlockSealed(long seq, long nanos, String thread, long sstableId, int blockNo, String firstKey,
            String lastKey, long offset, int length, int entries) implements EngineEvent {}

    /** The SSTable file is complete on disk and fsynced. */
    record SSTableWritten(long seq, long nanos, String thread, SSTableSummary sstable) implements EngineEvent {}

    /** Flush steps 4 and 5 done: the SSTable is in the state and the memtable is gone from it. */
    record FlushFinished(long seq, long nanos, String thread, long memtableId, long sstableId,
            long durationNanos) implements EngineEvent {}

    /**
     * The path a get took, in order: the memtables it looked into (active first, then immutable
     * newest first), then the SSTables it asked (newest first), until it found the key or ran out.
     * One event per get; {@link #probes()} spells it out.
     *
     * @param sourceIds ids of the memtables and SSTables probed, in probe order
     * @param verdicts  one code per probe: {@link #NOT_FOUND}, {@link #FOUND}, {@link #TOMBSTONE},
     *                  {@link #BLOOM_NO} or {@link #OUT_OF_RANGE}
     * @param memtables how many of the probes (the first ones) were memtables
     */
    record GetPath(long seq, long nanos, String thread, String key, long[] sourceIds, byte[] verdicts, int memtables)
            implements EngineEvent {
        public static final byte NOT_FOUND = 0;
        public static final byte FOUND = 1;
        public static final byte TOMBSTONE = 2;
        /** The SSTable's bloom filter said no: no block was read. */
        public static final byte BLOOM_NO = 3;
        /** The bloom filter said maybe, the table's key range said no: no block was read. */
        public static final byte OUT_OF_RANGE = 4;

        /** One step of the path. */
        public record Probe(boolean memtable, long id, String verdict) {}

        public List<Probe> probes() {
            java.util.ArrayList<Probe> out = new java.util.ArrayList<>(sourceIds.length);
            for (int i = 0; i < sourceIds.length; i++) {
                out.add(new Probe(i < memtables, sourceIds[i], switch (verdicts[i]) {
                    case FOUND -> "found";
                    case TOMBSTONE -> "tombstone";
                    case BLOOM_NO -> "bloom: no";
                    case OUT_OF_RANGE -> "bloom: maybe, out of key range";
                    default -> i < memtables ? "not found" : "bloom: maybe, not found";
                }));
            }
            return out;
        }
    }

    /**
     * A writer waits: the active memtable is full and the immutable queue has no free slot, or L0
     * has so many tables that writes are slowed (a millisecond each) or stopped until compaction
     * catches up. {@code reason} says which, in words: "L0 has 12 tables (writes stop at 12)".
     */
    record WriteStallBegan(long seq, long nanos, String thread, int queueLength, int maxQueueLength, String reason)
            implements EngineEvent {
        /** A stall on a full immutable queue (the only kind before levels). */
        public WriteStallBegan(long seq, long nanos, String thread, int queueLength, int maxQueueLength) {
            this(seq, nanos, thread, queueLength, maxQueueLength, queueFull(queueLength, maxQueueLength));
        }

        public static String queueFull(int queueLength, int maxQueueLength) {
            return "the immutable queue is full (" + queueLength + " of " + maxQueueLength + ")";
        }
    }

    /** A stalled writer goes on. */
    record WriteStallEnded(long seq, long nanos, String thread, long stalledNanos) implements EngineEvent {}

    /**
     * A thread asked for a lock that it could not take at once and now waits for it. {@code mode}
     * is "exclusive", "read" or "write". A lock taken at once has no request event: its
     * {@link LockAcquired} has {@code waitedNanos == 0}.
     */
    record LockRequested(long seq, long nanos, String thread, String lock, String mode) implements EngineEvent {}

    /** A thread got a lock after waiting {@code waitedNanos}. */
    record LockAcquired(long seq, long nanos, String thread, String lock, String mode, long waitedNanos)
            implements EngineEvent {}

    /** A thread let go of a lock it held for {@code heldNanos}. */
    record LockReleased(long seq, long nanos, String thread, String lock, String mode, long heldNanos)
            implements EngineEvent {}

    /**
     * A thread reached a probe point of the step gate. {@code paused} says whether it stopped there
     * (step mode) or went on. {@code point} is the {@link lsmviz.engine.step.ProbePoint} name.
     * {@code subject}: what the point is about to act on, where it acts on one thing (the memtable or
     * SSTable a get is about to ask, by id); 0 otherwise.
     */
    record StepReached(long seq, long nanos, String thread, String point, String narration, boolean paused,
            long subject) implements EngineEvent {
        /** A step with no subject. */
        public StepReached(long seq, long nanos, String thread, String point, String narration, boolean paused) {
            this(seq, nanos, thread, point, narration, paused, 0);
        }
    }

    /** A paused thread was released by Step or Continue. */
    record StepResumed(long seq, long nanos, String thread, String point) implements EngineEvent {}

    /** A write-ahead log fsync covered {@code offset} bytes of memtable {@code memtableId}'s log for {@code writers} puts. */
    record WalSynced(long seq, long nanos, String thread, long memtableId, long offset, int writers,
            long durationNanos) implements EngineEvent {}

    /**
     * Opening replayed memtable {@code memtableId}'s write-ahead log: {@code records} records;
     * {@code tornBytes} bytes of a half-written last record were cut off (0 when the log was whole).
     */
    record WalRecovered(long seq, long nanos, String thread, long memtableId, long records, long tornBytes,
            boolean active) implements EngineEvent {}

    /** Opening began: recovery reads the manifest, removes leftovers and replays the logs of {@code directory}. */
    record RecoveryStarted(long seq, long nanos, String thread, String directory) implements EngineEvent {}

    /**
     * Recovery replayed the manifest ({@code records} records): these SSTables are live, each in
     * its level (L0 newest first, then each level in key order).
     */
    record ManifestReplayed(long seq, long nanos, String thread, long records, List<SSTableSummary> sstables)
            implements EngineEvent {}

    /** Opening found and removed a file left by a crash ({@code reason} says why it was not needed). */
    record FileRemoved(long seq, long nanos, String thread, String file, String reason) implements EngineEvent {}

    /** A failure the engine reports (a log it could not delete, a listener that threw). */
    record EngineError(long seq, long nanos, String thread, String message) implements EngineEvent {}

    /**
     * A flush could not write its SSTable (a full disk, a failed fsync): memtable
     * {@code memtableId} stays in memory and in its write-ahead log, and no table is left behind.
     */
    record FlushFailed(long seq, long nanos, String thread, long memtableId, String message)
            implements EngineEvent {}

    // ---- compaction

    /** The input tables of one level. */
    record LevelTables(int level, List<Long> tableIds) {}

    /**
     * The compactor chose a compaction. {@code style} is "leveled", "tiered" or "none" (a user's
     * full compaction); {@code reason} says why in words; {@code score} is how far over its limit
     * the level is (1.0 = at it, 0 for a user's request). A trivial move moves its one table to
     * the output level without reading it; {@code bottommost}: tombstones can be dropped.
     */
    record CompactionPicked(long seq, long nanos, String thread, long compactionId, String style, String reason,
            double score, List<LevelTables> inputs, int outputLevel, boolean trivialMove, boolean bottommost)
            implements EngineEvent {}

    /**
     * How far a merge has come (coalesced: a few times a second at full speed, every record in
     * slow motion and stepping). Keys and their key+value bytes in and out; records dropped
     * because a newer version of the key was in the same merge, and tombstones dropped at the
     * bottom.
     */
    record CompactionProgress(long seq, long nanos, String thread, long compactionId, long keysIn, long keysOut,
            long overwritesDropped, long tombstonesDropped, long bytesIn, long bytesOut, String lastKey)
            implements EngineEvent {}

    /** A compaction output table is complete on disk and fsynced; it joins {@code level} at the install. */
    record CompactionOutputWritten(long seq, long nanos, String thread, long compactionId, int level,
            SSTableSummary sstable) implements EngineEvent {}

    /**
     * The compaction is in the state (its manifest record fsynced first): {@code added} joined
     * {@code outputLevel}, {@code removed} left their levels.
     */
    record CompactionInstalled(long seq, long nanos, String thread, long compactionId, int outputLevel,
            List<Long> added, List<Long> removed) implements EngineEvent {}

    /**
     * The compaction is done: file bytes read and written, keys in and out, and the tombstones it
     * dropped (only a merge into the bottom level for their keys drops one: below it nothing older
     * can come back) and {@code bottommost}, whether it was such a merge.
     */
    record CompactionFinished(long seq, long nanos, String thread, long compactionId, long durationNanos,
            long bytesRead, long bytesWritten, long keysIn, long keysOut, long tombstonesDropped, boolean bottommost)
            implements EngineEvent {
        /** Without the tombstone counts (traces written before they were reported). */
        public CompactionFinished(long seq, long nanos, String thread, long compactionId, long durationNanos,
                long bytesRead, long bytesWritten, long keysIn, long keysOut) {
            this(seq, nanos, thread, compactionId, durationNanos, bytesRead, bytesWritten, keysIn, keysOut, 0, false);
        }
    }

    /**
     * A compaction failed (a full disk, a failed fsync): nothing changed, its partial outputs are
     * deleted, and the engine stops taking writes (as after a failed flush).
     */
    record CompactionFailed(long seq, long nanos, String thread, long compactionId, String message)
            implements EngineEvent {}

    /**
     * A table left the levels. {@code readers}: gets and scans still reading it; its file is
     * deleted when the last of them is done ({@link TableDeleted}).
     */
    record TableObsolete(long seq, long nanos, String thread, long sstableId, int readers) implements EngineEvent {}

    /** An obsolete table's file was deleted. */
    record TableDeleted(long seq, long nanos, String thread, long sstableId, String file) implements EngineEvent {}

    /**
     * The levels changed (a flush or a compaction was installed, or the engine opened): each
     * level's tables, bytes, score and target, what compaction has cost so far, and the thresholds
     * the levels are held against. {@code style} is "leveled", "tiered" or "none"; L0 compacts at
     * {@code l0Trigger} tables (leveled), writers slow down at {@code l0Slowdown} and stop at
     * {@code l0Stop}. The report's live data is not measured (-1): that would read every table.
     */
    record LevelsChanged(long seq, long nanos, String thread, String style, int l0Trigger, int l0Slowdown,
            int l0Stop, lsmviz.engine.inspect.LevelsReport report) implements EngineEvent {}

    /** Plain facts about one SSTable; {@code level} 0 is L0. */
    record SSTableSummary(long id, String path, long fileSize, long entries, String minKey, String maxKey,
            int blocks, int indexBytes, int bloomBytes, int level) {
        /** A table in L0 (where every flush puts its table). */
        public SSTableSummary(long id, String path, long fileSize, long entries, String minKey, String maxKey,
                int blocks, int indexBytes, int bloomBytes) {
            this(id, path, fileSize, entries, minKey, maxKey, blocks, indexBytes, bloomBytes, 0);
        }
    }
}
