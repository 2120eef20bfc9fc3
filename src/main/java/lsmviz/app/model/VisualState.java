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
 * @param levels       the levels as the engine last reported them (sizes, scores, targets, costs),
 *                     or null before the first report
 * @param compactions  compactions under way (picked, not yet finished), oldest first
 * @param obsolete     tables a compaction replaced whose files are not deleted yet (a get or scan
 *                     still reads them)
 * @param compactionFailure why the last compaction failed (writes stop), or null
 * @param costs        write amplification and L0's tables over time, one point per report (at most
 *                     one per {@link #COST_POINT_SPACING_NANOS}), oldest first, at most {@link #COST_POINTS}
 * @param nanos        when the last event applied happened ({@link System#nanoTime()}), 0 before any:
 *                     "now" for a picture of the past (how long a lock had been held then)
 */
public record VisualState(long seq, String directory, long memtableLimit, int maxImmutable, MemtableVis active,
        List<MemtableVis> immutables, List<SSTableVis> sstables, FlushVis flush, List<LockVis> locks,
        List<String> stalledWriters, GetVis lastGet, List<PausedVis> paused, StepVis lastStep, boolean open,
        Counters counters, LevelsVis levels, List<CompactionVis> compactions, List<ObsoleteVis> obsolete,
        String compactionFailure, List<CostPoint> costs, long nanos, CrashVis crash) {

    /**
     * The engine crashed (simulated) at {@code nanos}: {@code kind} ("Power cut"), and the engine's
     * report of what the crash did (a headline first). Null while the engine is alive.
     */
    public record CrashVis(String kind, List<String> report, long nanos) {
        public CrashVis {
            report = List.copyOf(report);
        }
    }

    /** How many points of {@link #costs} the picture keeps (the oldest go first). */
    public static final int COST_POINTS = 240;
    /** Reports closer than this to the last point replace it: 240 points reach two minutes back at full speed. */
    public static final long COST_POINT_SPACING_NANOS = 500_000_000L;

    /**
     * The levels as the engine reported them at {@code nanos}: the compaction style, L0's
     * thresholds (compact at {@code l0Trigger} tables, slow writers at {@code l0Slowdown}, stop them
     * at {@code l0Stop}) and the engine's own report of each level and of the costs.
     */
    public record LevelsVis(String style, int l0Trigger, int l0Slowdown, int l0Stop,
            lsmviz.engine.inspect.LevelsReport report, long nanos) {
        /** The report's row for {@code level}, or null past the deepest level. */
        public lsmviz.engine.inspect.LevelsReport.Level level(int level) {
            return level < report.levels().size() ? report.levels().get(level) : null;
        }
    }

    /**
     * A compaction under way.
     *
     * @param inputs       the tables it reads, per level
     * @param inputBytes   their bytes (as the picture knew them when it was picked)
     * @param outputs      the output tables written so far (they join {@code outputLevel} at the install)
     * @param lastKey      the last key the merge wrote, or null before the first
     * @param installed    whether its outputs are in the levels already (it is deleting its inputs)
     */
    public record CompactionVis(long id, String thread, String style, String reason, double score,
            List<lsmviz.engine.event.EngineEvent.LevelTables> inputs, int outputLevel, boolean trivialMove,
            boolean bottommost, long inputBytes, long bytesIn, long keysIn, long keysOut, long tombstonesDropped,
            List<SSTableVis> outputs, String lastKey, boolean installed) {
        /** Whether {@code tableId} is one of its inputs. */
        public boolean reads(long tableId) {
            return inputs.stream().anyMatch(l -> l.tableIds().contains(tableId));
        }

        /** How far the merge is, 0 to 1, by input bytes read. */
        public double progress() {
            return installed ? 1 : inputBytes <= 0 ? 0 : Math.min(1, (double) bytesIn / inputBytes);
        }
    }

    /** A table that left its level; its file goes when {@code readers} gets and scans are done. */
    public record ObsoleteVis(SSTableVis table, int readers) {}

    /** One moment of the costs: write amplification and L0's table count. */
    public record CostPoint(long nanos, double writeAmplification, int l0Tables) {}

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

    /**
     * One step of a get's path: a memtable or an SSTable and what it said; {@code level} is the
     * table's level when the get asked it (-1 for a memtable, or a table no longer known).
     */
    public record ProbeVis(boolean memtable, long id, String verdict, int level) {}

    /** A thread paused at a probe point. */
    public record PausedVis(String thread, String point, String narration) {}

    /**
     * A probe point a thread reached: paused there (step mode) or passing it (slow motion);
     * {@code seq} is the sequence number of that event, so that two visits of one point differ;
     * {@code subject} the id of what it is about to act on (the memtable or SSTable a get asks), or 0.
     */
    public record StepVis(String thread, String point, String narration, boolean paused, long seq, long subject) {
        /** The id a thread paused here is about to ask, if it is paused at {@code probePoint}; else 0. */
        public long pausedSubject(String probePoint) {
            return paused && point.equals(probePoint) ? subject : 0;
        }
    }

    /** Totals since the engine opened. */
    public record Counters(long events, long puts, long gets, long deletes, long scans, long freezes, long flushes,
            long stalls, long errors, long compactions) {}

    /** The same picture with the locks taken from elsewhere (the live lock table). */
    public VisualState withLocks(List<LockVis> newLocks) {
        return new VisualState(seq, directory, memtableLimit, maxImmutable, active, immutables, sstables, flush,
                List.copyOf(newLocks), stalledWriters, lastGet, paused, lastStep, open, counters, levels, compactions,
                obsolete, compactionFailure, costs, nanos, crash);
    }

    public LockVis lock(String name) {
        return locks.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    /** The verdict of a probe a paused get is about to make. */
    public static final String ASKING = "asking now";

    /**
     * The get to mark in the picture: a get paused at a probe point (the memtable or SSTable it is
     * about to ask, verdict {@link #ASKING}, key not known yet), else the latest finished get.
     */
    public GetVis getShown() {
        if (lastStep != null && lastStep.paused() && lastStep.subject() != 0) {
            boolean memtable = lastStep.point().equals("GET_PROBE_MEMTABLE");
            if (memtable || lastStep.point().equals("GET_PROBE_SSTABLE")) {
                SSTableVis t = memtable ? null : table(lastStep.subject());
                return new GetVis(null, List.of(new ProbeVis(memtable, lastStep.subject(), ASKING,
                        t == null ? -1 : t.level())), ASKING, lastStep.seq());
            }
        }
        return lastGet;
    }

    /** The live table {@code id}, or null. */
    public SSTableVis table(long id) {
        for (SSTableVis t : sstables) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    public long bytesOnDisk() {
        return sstables.stream().mapToLong(SSTableVis::bytes).sum();
    }
}
