package lsmviz.app.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsmviz.app.model.VisualState.BlockVis;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.CostPoint;
import lsmviz.app.model.VisualState.Counters;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.GetVis;
import lsmviz.app.model.VisualState.LevelsVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.MemtableVis;
import lsmviz.app.model.VisualState.ObsoleteVis;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;

/**
 * Folds engine events into a {@link VisualState}: {@code apply} each event in order, then take a
 * {@link #snapshot()}. Plain Java, no JavaFX: the same fold serves live mode (fed from the engine),
 * replay (fed from a trace file) and stepping back (re-fed from a checkpoint). Applying is cheap;
 * building a snapshot copies the lists, so the window takes one per pulse, not one per event.
 */
public final class Projector {
    private static final int RECENT_KEYS = 6;

    private long seq;
    private long nanos;
    private String directory = "";
    private long memtableLimit = 1;
    private int maxImmutable = 1;
    private MutableMemtable active = new MutableMemtable(0);
    private final Deque<MemtableVis> immutables = new ArrayDeque<>(); // newest first
    /** The live tables as a get searches them: L0 newest first, then L1, L2 ... each by key. Immutable. */
    private List<SSTableVis> sstables = List.of();
    /** Output tables of running compactions (by compaction id): they join the picture at the install. */
    private final Map<Long, List<SSTableVis>> outputs = new LinkedHashMap<>();
    private MutableFlush flush;
    /** Compactions under way, by id, in the order they were picked. */
    private final Map<Long, CompactionVis> running = new LinkedHashMap<>();
    /** Tables a compaction's install took out of the levels, until the engine says they are obsolete. */
    private final Map<Long, SSTableVis> replaced = new LinkedHashMap<>();
    /** Obsolete tables whose files are not deleted yet, by id. */
    private final Map<Long, ObsoleteVis> obsolete = new LinkedHashMap<>();
    private LevelsVis levels;
    /** The crash the engine died of, or null while it lives. */
    private VisualState.CrashVis crash;
    private String compactionFailure;
    /** Immutable; replaced at each levels report. */
    private List<CostPoint> costs = List.of();
    private final Map<String, MutableLock> locks = new LinkedHashMap<>();
    private final List<String> stalled = new ArrayList<>();
    private GetVis lastGet;
    private EngineEvent.GetPath lastGetPath;
    private final Map<String, PausedVis> paused = new LinkedHashMap<>();
    private VisualState.StepVis lastStep;
    private boolean open;
    private long events;
    private long puts;
    private long gets;
    private long deletes;
    private long scans;
    private long freezes;
    private long flushes;
    private long stalls;
    private long compactions;
    private long errors;

    public Projector() {
        resetLocks();
    }

    /**
     * A deep copy of this fold: applying events to the copy leaves this one untouched and the
     * other way round. Cheap enough for checkpoints (the immutable parts of the picture are shared).
     */
    public Projector copy() {
        Projector c = new Projector();
        c.seq = seq;
        c.nanos = nanos;
        c.directory = directory;
        c.memtableLimit = memtableLimit;
        c.maxImmutable = maxImmutable;
        c.active = active.copy();
        c.immutables.addAll(immutables);
        c.sstables = sstables;
        c.outputs.putAll(outputs);
        c.flush = flush == null ? null : flush.copy();
        c.running.putAll(running);
        c.replaced.putAll(replaced);
        c.obsolete.putAll(obsolete);
        c.levels = levels;
        c.compactionFailure = compactionFailure;
        c.crash = crash;
        c.costs = costs;
        c.locks.clear();
        for (Map.Entry<String, MutableLock> l : locks.entrySet()) {
            c.locks.put(l.getKey(), l.getValue().copy());
        }
        c.stalled.addAll(stalled);
        c.lastGet = lastGet;
        c.lastGetPath = lastGetPath;
        c.paused.putAll(paused);
        c.lastStep = lastStep;
        c.open = open;
        c.events = events;
        c.puts = puts;
        c.gets = gets;
        c.deletes = deletes;
        c.scans = scans;
        c.freezes = freezes;
        c.flushes = flushes;
        c.stalls = stalls;
        c.compactions = compactions;
        c.errors = errors;
        return c;
    }

    private void resetLocks() {
        locks.clear();
        locks.put(LsmEngine.FREEZE_LOCK, new MutableLock(LsmEngine.FREEZE_LOCK));
        locks.put(LsmEngine.STATE_LOCK, new MutableLock(LsmEngine.STATE_LOCK));
    }

    /** Applies one event. Events must come in sequence order. */
    public void apply(EngineEvent e) {
        seq = e.seq();
        nanos = e.nanos();
        events++;
        if (e instanceof EngineEvent.EngineOpened o) {
            opened(o);
        } else if (e instanceof EngineEvent.RecoveryStarted r) {
            recoveryStarted(r);
        } else if (e instanceof EngineEvent.ManifestReplayed m) {
            sstables = m.sstables().stream().map(t -> vis(t, t.level(), 0)).toList();
        } else if (e instanceof EngineEvent.WalRecovered w) {
            if (w.active()) {
                active = new MutableMemtable(w.memtableId());
                active.entries = w.records();
            } else {
                immutables.addFirst(new MemtableVis(w.memtableId(), 0, w.records(), null, null, List.of()));
            }
        } else if (e instanceof EngineEvent.EngineCrashed c) {
            // the picture stays as the engine died: a flush half-written, a thread paused, a lock held
            crash = new VisualState.CrashVis(c.kind(), c.report(), c.nanos());
            open = false;
        } else if (e instanceof EngineEvent.EngineClosed c) {
            stopped();
        } else if (e instanceof EngineEvent.OperationFinished f) {
            switch (f.op()) {
                case PUT -> puts++;
                case GET -> gets++;
                case DELETE -> deletes++;
                case SCAN -> scans++;
                default -> { }
            }
        } else if (e instanceof EngineEvent.MemtableWritten w) {
            if (w.memtableId() == active.id) {
                active.written(w.key(), w.memtableBytes(), w.memtableEntries());
            }
        } else if (e instanceof EngineEvent.MemtableFrozen f) {
            MutableMemtable was = active;
            immutables.addFirst(new MemtableVis(f.memtableId(), f.sizeBytes(), f.entries(), f.minKey(), f.maxKey(),
                    was.id == f.memtableId() ? was.recent() : List.of()));
            active = new MutableMemtable(f.newActiveMemtableId());
            freezes++;
        } else if (e instanceof EngineEvent.FlushStarted s) {
            flush = new MutableFlush(s.memtableId(), s.sstableId(), s.entries(),
                s.thread());
        } else if (e instanceof EngineEvent.FlushRecordWritten r) {
            if (flush != null && flush.sstableId == r.sstableId()) {
                flush.records = Math.max(flush.records, r.index() + 1);
            }
        } else if (e instanceof EngineEvent.BlockSealed b) {
            if (flush != null && flush.sstableId == b.sstableId()) {
                flush.blocks.add(new BlockVis(b.blockNo(), b.entries(), b.length(), b.firstKey(), b.lastKey()));
                flush.sealedRecords += b.entries();
                flush.records = Math.max(flush.records, flush.sealedRecords);
            }
        } else if (e instanceof EngineEvent.SSTableWritten w) {
            if (flush != null && flush.sstableId == w.sstable().id()) {
                flush.written = w.sstable();
                flush.records = flush.total;
            }
        } else if (e instanceof EngineEvent.FlushFinished f) {
            immutables.removeIf(m -> m.id() == f.memtableId());
            EngineEvent.SSTableSummary t = flush != null && flush.written != null
                    && flush.written.id() == f.sstableId() ? flush.written : null;
            if (t != null) {
                sstables = Shelving.flushed(sstables, vis(t, t.level(), f.memtableId()));
            }
            flush = null;
            flushes++;
        } else if (e instanceof EngineEvent.CompactionPicked p) {
            picked(p);
        } else if (e instanceof EngineEvent.CompactionProgress p) {
            running.computeIfPresent(p.compactionId(), (id, c) -> Compactions.progressed(c, p));
        } else if (e instanceof EngineEvent.CompactionOutputWritten w) {
            SSTableVis out = vis(w.sstable(), w.level(), 0);
            outputs.computeIfAbsent(w.compactionId(), id -> new ArrayList<>()).add(out);
            running.computeIfPresent(w.compactionId(), (id, c) -> Compactions.wrote(c, out));
        } else if (e instanceof EngineEvent.CompactionInstalled i) {
            List<SSTableVis> written = outputs.remove(i.compactionId());
            for (long id : i.removed()) {
                SSTableVis gone = findTable(id);
                if (gone != null) {
                    replaced.put(id, gone);
                }
            }
            sstables = Shelving.installed(sstables, i.removed(), i.added(), i.outputLevel(),
                    written == null ? List.of() : written);
            running.computeIfPresent(i.compactionId(), (id, c) -> Compactions.installed(c));
            compactions++;
        } else if (e instanceof EngineEvent.CompactionFinished f) {
            running.remove(f.compactionId());
        } else if (e instanceof EngineEvent.CompactionFailed f) {
            outputs.remove(f.compactionId());
            running.remove(f.compactionId());
            compactionFailure = f.message();
            errors++;
        } else if (e instanceof EngineEvent.TableObsolete o) {
            SSTableVis t = replaced.remove(o.sstableId());
            if (t != null) {
                obsolete.put(o.sstableId(), new ObsoleteVis(t, o.readers()));
            }
        } else if (e instanceof EngineEvent.TableDeleted d) {
            obsolete.remove(d.sstableId());
            replaced.remove(d.sstableId());
        } else if (e instanceof EngineEvent.LevelsChanged l) {
            levels = new LevelsVis(l.style(), l.l0Trigger(), l.l0Slowdown(), l.l0Stop(), l.report(), l.nanos());
            costs = Compactions.withPoint(costs, new CostPoint(l.nanos(), l.report().writeAmplification(),
                    l.report().levels().isEmpty() ? 0 : l.report().levels().get(0).tables()), VisualState.COST_POINTS,
                    VisualState.COST_POINT_SPACING_NANOS);
        } else if (e instanceof EngineEvent.GetPath p) {
            lastGetPath = p; // expanded once per snapshot, not once per get
            lastGet = null;
        } else if (e instanceof EngineEvent.WriteStallBegan s) {
            stalled.add(s.thread());
            stalls++;
        } else if (e instanceof EngineEvent.WriteStallEnded s) {
            stalled.remove(s.thread());
        } else if (e instanceof EngineEvent.LockRequested r) {
            lock(r.lock()).waiters.put(r.thread(),
                new WaiterVis(r.thread(), r.mode(), r.nanos()));
        } else if (e instanceof EngineEvent.LockAcquired a) {
            lock(a.lock()).acquired(a.thread(), a.mode(), a.nanos());
        } else if (e instanceof EngineEvent.LockReleased r) {
            lock(r.lock()).released(r.thread(), r.mode());
        } else if (e instanceof EngineEvent.StepReached s) {
            lastStep = new VisualState.StepVis(s.thread(), s.point(), s.narration(), s.paused(), s.seq(), s.subject());
            if (s.paused()) {
                paused.put(s.thread(), new PausedVis(s.thread(), s.point(), s.narration()));
            }
        } else if (e instanceof EngineEvent.StepResumed r) {
            paused.remove(r.thread());
            if (lastStep != null && lastStep.paused() && lastStep.thread().equals(r.thread())) {
                lastStep = new VisualState.StepVis(r.thread(), lastStep.point(), lastStep.narration(), false,
                        lastStep.seq(), lastStep.subject());
            }
        } else if (e instanceof EngineEvent.EngineError || e instanceof EngineEvent.FlushFailed) {
            errors++;
        }
        // OperationStarted, WalSynced, FileRemoved: the log shows them; the picture does not change
    }

    /** The engine closed or died: nothing runs, nothing is held. */
    private void stopped() {
        open = false;
        lastStep = null;
        paused.clear();
        stalled.clear();
        resetLocks();
        flush = null;
        outputs.clear();
        running.clear();
    }

    /**
     * Recovery began: the dead engine's picture goes; the tables appear as the manifest is
     * replayed, and each memtable as its log is, until the engine opens.
     */
    private void recoveryStarted(EngineEvent.RecoveryStarted r) {
        stopped();
        crash = null;
        directory = r.directory();
        active = new MutableMemtable(0);
        immutables.clear();
        sstables = List.of();
        replaced.clear();
        obsolete.clear();
        compactionFailure = null;
        lastGet = null;
        lastGetPath = null;
    }

    private void opened(EngineEvent.EngineOpened o) {
        crash = null;
        directory = o.directory();
        memtableLimit = Math.max(1, o.memtableLimitBytes());
        maxImmutable = Math.max(1, o.maxImmutableMemtables());
        MemtableSummary a = o.active();
        active = new MutableMemtable(a.id());
        active.bytes = a.sizeBytes();
        active.entries = a.entries();
        active.min = a.minKey();
        active.max = a.maxKey();
        immutables.clear();
        for (MemtableSummary m : o.immutables()) {
            immutables.addLast(new MemtableVis(m.id(), m.sizeBytes(), m.entries(), m.minKey(), m.maxKey(), List.of()));
        }
        sstables = o.sstables().stream().map(t -> vis(t, t.level(), 0)).toList(); // already in search order
        outputs.clear();
        running.clear();
        replaced.clear();
        obsolete.clear();
        compactionFailure = null;
        costs = List.of();
        flush = null;
        stalled.clear();
        paused.clear();
        lastStep = null;
        open = true;
        lastGet = null;
        lastGetPath = null;
        resetLocks();
    }

    private static SSTableVis vis(EngineEvent.SSTableSummary t, int level, long fromMemtable) {
        return new SSTableVis(t.id(), t.fileSize(), t.entries(), t.minKey(), t.maxKey(), t.blocks(), t.indexBytes(),
                t.bloomBytes(), t.path(), fromMemtable, level);
    }

    private void picked(EngineEvent.CompactionPicked p) {
        long bytes = 0;
        for (EngineEvent.LevelTables l : p.inputs()) {
            for (long id : l.tableIds()) {
                SSTableVis t = findTable(id);
                bytes += t == null ? 0 : t.bytes();
            }
        }
        running.put(p.compactionId(), new CompactionVis(p.compactionId(), p.thread(), p.style(), p.reason(), p.score(),
                List.copyOf(p.inputs()), p.outputLevel(), p.trivialMove(), p.bottommost(), bytes, 0, 0, 0, 0, List.of(),
                null, false));
        compactionFailure = null;
    }

    private SSTableVis findTable(long id) {
        for (SSTableVis t : sstables) {
            if (t.id() == id) {
                return t;
            }
        }
        return null;
    }

    private MutableLock lock(String name) {
        return locks.computeIfAbsent(name, MutableLock::new);
    }

    private GetVis lastGet() {
        if (lastGet == null && lastGetPath != null) {
            EngineEvent.GetPath p = lastGetPath;
            List<ProbeVis> probes = new ArrayList<>(p.sourceIds().length);
            String outcome = "not found";
            for (EngineEvent.GetPath.Probe probe : p.probes()) {
                SSTableVis t = probe.memtable() ? null : findTable(probe.id());
                probes.add(new ProbeVis(probe.memtable(), probe.id(), probe.verdict(), t == null ? -1 : t.level()));
                if (probe.verdict().equals("found")) {
                    outcome = "found";
                } else if (probe.verdict().equals("tombstone")) {
                    outcome = "deleted";
                }
            }
            lastGet = new GetVis(p.key(), List.copyOf(probes), outcome, p.seq());
        }
        return lastGet;
    }

    /**
     * The engine's lock table, read at one moment (never blocking): who holds and waits on each
     * lock now. It corrects what the lock events told, and stands in for them when the window asks
     * for structure events only. Returns whether the picture changed.
     */
    public boolean sampleLocks(List<LockVis> sample) {
        boolean changed = false;
        for (LockVis l : sample) {
            changed |= lock(l.name()).sampled(l);
        }
        return changed;
    }

    /** The state now, as immutable data. */
    public VisualState snapshot() {
        List<LockVis> lockList = new ArrayList<>();
        for (MutableLock l : locks.values()) {
            lockList.add(l.vis());
        }
        return new VisualState(seq, directory, memtableLimit, maxImmutable, active.vis(), List.copyOf(immutables),
                sstables, flush == null ? null : flush.vis(), List.copyOf(lockList),
                List.copyOf(stalled), lastGet(), List.copyOf(paused.values()), lastStep, open,
                new Counters(events, puts, gets, deletes, scans, freezes, flushes, stalls, errors, compactions), levels,
                List.copyOf(running.values()), List.copyOf(obsolete.values()), compactionFailure, costs, nanos, crash);
    }

    private static final class MutableMemtable {
        final long id;
        long bytes;
        long entries;
        String min;
        String max;
        final ArrayDeque<String> recent = new ArrayDeque<>();

        MutableMemtable(long id) {
            this.id = id;
        }

        void written(String key, long bytes, long entries) {
            this.bytes = bytes;
            this.entries = entries;
            if (min == null || key.compareTo(min) < 0) {
                min = key;
            }
            if (max == null || key.compareTo(max) > 0) {
                max = key;
            }
            recent.remove(key);
            recent.addFirst(key);
            if (recent.size() > RECENT_KEYS) {
                recent.removeLast();
            }
        }

        List<String> recent() {
            return List.copyOf(recent);
        }

        MutableMemtable copy() {
            MutableMemtable c = new MutableMemtable(id);
            c.bytes = bytes;
            c.entries = entries;
            c.min = min;
            c.max = max;
            c.recent.addAll(recent);
            return c;
        }

        MemtableVis vis() {
            return new MemtableVis(id, bytes, entries, min, max, recent());
        }
    }

    private static final class MutableFlush {
        final long memtableId;
        final long sstableId;
        final long total;
        final String thread;
        long records;
        long sealedRecords;
        final List<BlockVis> blocks = new ArrayList<>();
        EngineEvent.SSTableSummary written;

        MutableFlush(long memtableId, long sstableId, long total, String thread) {
            this.memtableId = memtableId;
            this.sstableId = sstableId;
            this.total = total;
            this.thread = thread;
        }

        FlushVis vis() {
            return new FlushVis(memtableId, sstableId, total, records, List.copyOf(blocks), thread, written != null);
        }

        MutableFlush copy() {
            MutableFlush c = new MutableFlush(memtableId, sstableId, total, thread);
            c.records = records;
            c.sealedRecords = sealedRecords;
            c.blocks.addAll(blocks);
            c.written = written;
            return c;
        }
    }
}
