package lsmviz.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.sstable.SSTableWriter;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * The engine's one event emitter: one method per event, each a no-op when nobody listens (or
 * nobody wants that much detail), so that every hook in the storage code is one line. What an
 * event says is built here, from plain facts, only when someone will read it.
 *
 * <p>Puts, deletes, gets and scans are detail ({@link EventBus#detailed()}); freezes, flushes,
 * stalls, steps, recovery and errors are structure ({@link EventBus#enabled()}). Listeners that
 * want structure only still see the active memtable fill up, in steps of 1/32 of its limit.
 */
final class EngineEvents implements StepGate.Observer, WriteAheadLog.SyncListener {
    private final EventBus bus;
    private final StepGate gate;
    private final long memtableLimit;

    EngineEvents(EventBus bus, StepGate gate, Options options) {
        this.bus = bus;
        this.gate = gate;
        this.memtableLimit = options.memtableSizeBytes();
    }

    EventBus bus() {
        return bus;
    }

    StepGate gate() {
        return gate;
    }

    private static long now() {
        return System.nanoTime();
    }

    private static String thread() {
        return EventBus.currentThread();
    }

    private static String text(byte[] key) {
        return key == null ? null : Bytes.display(key);
    }

    // ---- operations

    private boolean wanted(Op op) {
        return op == Op.FREEZE || op == Op.FLUSH ? bus.enabled() : bus.detailed();
    }

    private void publish(Op op, EngineEvent e) {
        if (op == Op.FREEZE || op == Op.FLUSH) {
            bus.publish(e);
        } else {
            bus.publishDetailed(e);
        }
    }

    /** An operation begins; returns its start time (0 when nobody wants it). */
    long operationStarted(Op op, byte[] key) {
        if (!wanted(op)) {
            return 0;
        }
        long t = now();
        publish(op, new EngineEvent.OperationStarted(bus.nextSeq(), t, thread(), op, text(key)));
        return t;
    }

    /** An operation that began at {@code t0} ends with {@code outcome}. */
    void operationFinished(Op op, byte[] key, String outcome, long t0) {
        if (!wanted(op)) {
            return;
        }
        long t = now();
        publish(op, new EngineEvent.OperationFinished(bus.nextSeq(), t, thread(), op, text(key), outcome,
                t0 == 0 ? 0 : t - t0));
    }

    /** A put or delete went into {@code m}, which now takes {@code size} bytes. */
    void memtableWritten(Memtable m, byte[] key, byte[] value, long size) {
        if (bus.detailed()) {
            bus.publishDetailed(written(m, key, value, size));
        } else if (bus.enabled() && crossedFillMark(size, key.length + (value == null ? 0 : value.length))) {
            bus.publish(written(m, key, value, size));
        }
    }

    private EngineEvent written(Memtable m, byte[] key, byte[] value, long size) {
        return new EngineEvent.MemtableWritten(bus.nextSeq(), now(), thread(), m.id(), text(key), value == null,
                size, m.entryCount());
    }

    /** Whether a write that grew the memtable to {@code size} crossed a 1/32 mark of its limit. */
    private boolean crossedFillMark(long size, int written) {
        long before = size - written - Memtable.ENTRY_OVERHEAD;
        return size * 32 / memtableLimit != Math.max(0, before) * 32 / memtableLimit;
    }

    /** A new record of a get's probes: one that records nothing when nobody wants it. */
    Probes probes() {
        return bus.detailed() ? new Probes() : Probes.OFF;
    }

    /** A get's path, as {@code probes} recorded it. */
    void getPath(byte[] key, Probes probes) {
        if (probes.on && bus.detailed()) {
            bus.publishDetailed(new EngineEvent.GetPath(bus.nextSeq(), now(), thread(), text(key),
                    Arrays.copyOf(probes.ids, probes.size),
                    Arrays.copyOf(probes.verdicts, probes.size), probes.memtables));
        }
    }

    /** The memtables and SSTables one get asked, and what each said. */
    static final class Probes {
        static final Probes OFF = new Probes(false);
        final boolean on;
        long[] ids;
        byte[] verdicts;
        int size;
        int memtables;

        private Probes(boolean on) {
            this.on = on;
        }

        Probes() {
            this(true);
            ids = new long[8];
            verdicts = new byte[8];
        }

        void memtable(long id, KeyValue found) {
            if (on) {
                add(id, found == null ? EngineEvent.GetPath.NOT_FOUND : verdict(found));
                memtables++;
            }
        }

        void sstable(long id, SSTableReader.Lookup l) {
            if (on) {
                add(id, l.found() != null ? verdict(l.found())
                        : !l.bloomMaybe() ? EngineEvent.GetPath.BLOOM_NO
                        : !l.inKeyRange() ? EngineEvent.GetPath.OUT_OF_RANGE : EngineEvent.GetPath.NOT_FOUND);
            }
        }

        private static byte verdict(KeyValue found) {
            return found.isTombstone() ? EngineEvent.GetPath.TOMBSTONE : EngineEvent.GetPath.FOUND;
        }

        private void add(long id, byte verdict) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, 2 * size);
                verdicts = Arrays.copyOf(verdicts, 2 * size);
            }
            ids[size] = id;
            verdicts[size++] = verdict;
        }
    }

    // ---- structure

    void engineOpened(Path dir, EngineSnapshot s, Options o) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.EngineOpened(bus.nextSeq(), now(), thread(), dir.toString(), s.active(),
                    s.immutables(), s.sstables(), o.memtableSizeBytes(), o.maxImmutableMemtables()));
        }
    }

    /** The levels now; {@code report} is built only when someone listens. */
    void levelsChanged(java.util.function.Supplier<lsmviz.engine.inspect.LevelsReport> report, CompactionOptions c) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.LevelsChanged(bus.nextSeq(), now(), thread(),
                    c.style().name().toLowerCase(java.util.Locale.ROOT), c.l0Trigger(), c.l0Slowdown(), c.l0Stop(),
                    report.get()));
        }
    }

    void engineClosed() {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.EngineClosed(bus.nextSeq(), now(), thread()));
        }
    }

    void crashed(CrashReport report) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.EngineCrashed(bus.nextSeq(), now(), thread(), report.kind().label(),
                    report.describe()));
        }
    }

    void memtableFrozen(Memtable frozen, Memtable fresh, int queueLength) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.MemtableFrozen(bus.nextSeq(), now(), thread(), frozen.id(), fresh.id(),
                    frozen.sizeBytes(), frozen.entryCount(), text(frozen.minKey()), text(frozen.maxKey()),
                    queueLength));
        }
    }

    void flushStarted(Memtable m, long sstableId) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FlushStarted(bus.nextSeq(), now(), thread(), m.id(), sstableId,
                    m.entryCount(), m.sizeBytes()));
        }
    }

    /**
     * The SSTable writer's progress as events: each sealed block, and each record only when
     * someone can follow it (slow motion or stepping). At full speed a flush writes millions of
     * records a second, and the blocks (their entry counts and key ranges) tell the same story.
     */
    SSTableWriter.Progress flushProgress(long memtableId, long sstableId) {
        return new SSTableWriter.Progress() {
            @Override
            public void recordWritten(long index, byte[] key) {
                if (bus.enabled() && gate.mode() != StepMode.RUN) {
                    bus.publish(new EngineEvent.FlushRecordWritten(bus.nextSeq(), now(), thread(), memtableId,
                            sstableId, index, text(key)));
                }
            }

            @Override
            public void blockSealed(BlockHandle b) {
                if (bus.enabled()) {
                    bus.publish(new EngineEvent.BlockSealed(bus.nextSeq(), now(), thread(), sstableId, b.blockNo(),
                            text(b.firstKey()), text(b.lastKey()), b.offset(), b.length(), b.entryCount()));
                }
            }
        };
    }

    void sstableWritten(SSTableInfo info) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.SSTableWritten(bus.nextSeq(), now(), thread(), summary(info, 0)));
        }
    }

    void flushFinished(Memtable m, long sstableId, long t0) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FlushFinished(bus.nextSeq(), now(), thread(), m.id(), sstableId,
                    now() - t0));
        }
    }

    /** A writer begins to wait for room, for {@code reason}; returns when (the clock is read either way). */
    long writeStallBegan(int queueLength, int maxQueueLength, String reason) {
        long t = now();
        if (bus.enabled()) {
            bus.publish(new EngineEvent.WriteStallBegan(bus.nextSeq(), t, thread(), queueLength, maxQueueLength,
                    reason));
        }
        return t;
    }

    /** A writer that began to wait at {@code since} goes on (nothing when it never waited: 0). */
    void writeStallEnded(long since) {
        if (since != 0 && bus.enabled()) {
            long t = now();
            bus.publish(new EngineEvent.WriteStallEnded(bus.nextSeq(), t, thread(), t - since));
        }
    }

    void recoveryStarted(Path directory) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.RecoveryStarted(bus.nextSeq(), now(), thread(), directory.toString()));
        }
    }

    void manifestReplayed(long records, Version v) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.ManifestReplayed(bus.nextSeq(), now(), thread(), records, tables(v)));
        }
    }

    void walRecovered(long memtableId, WriteAheadLog.Replay r, boolean active) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.WalRecovered(bus.nextSeq(), now(), thread(), memtableId,
                    r.records().size(), r.tornBytes(), active));
        }
    }

    void fileRemoved(Path f, String reason) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FileRemoved(bus.nextSeq(), now(), thread(), f.getFileName().toString(),
                    reason));
        }
    }

    void flushFailed(long memtableId, String message) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FlushFailed(bus.nextSeq(), now(), thread(), memtableId, message));
        }
    }

    void error(String message) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.EngineError(bus.nextSeq(), now(), thread(), message));
        }
    }

    @Override
    public void reached(ProbePoint point, boolean paused, long subject) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.StepReached(bus.nextSeq(), now(), thread(), point.name(),
                    point.narration(), paused, subject));
        }
    }

    @Override
    public void resumed(ProbePoint point) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.StepResumed(bus.nextSeq(), now(), thread(), point.name()));
        }
    }

    @Override
    public void synced(long memtableId, long offset, int writers, long nanos) {
        if (bus.detailed()) {
            bus.publishDetailed(new EngineEvent.WalSynced(bus.nextSeq(), now(), thread(), memtableId, offset,
                    writers, nanos));
        }
    }

    // ---- plain facts

    /** The state {@code s} as plain facts, for tools and views. */
    static EngineSnapshot facts(EngineState s, long listenerErrors) {
        return new EngineSnapshot(summary(s.active()), s.immutables().stream().map(EngineEvents::summary).toList(),
                tables(s.version()), listenerErrors);
    }

    /** Every table of {@code v}, L0 newest first, then level by level. */
    private static List<SSTableSummary> tables(Version v) {
        Levels levels = v.levels();
        List<SSTableSummary> tables = new ArrayList<>();
        for (int n = 0; n <= levels.maxLevel(); n++) {
            for (TableMeta t : levels.level(n)) {
                tables.add(summary(v.file(t.id()).reader().info(), n));
            }
        }
        return tables;
    }

    static MemtableSummary summary(Memtable m) {
        return new MemtableSummary(m.id(), m.sizeBytes(), m.entryCount(), text(m.minKey()), text(m.maxKey()));
    }

    /** Table {@code i}, in level {@code level}. */
    static SSTableSummary summary(SSTableInfo i, int level) {
        return new SSTableSummary(i.id(), i.path().toString(), i.fileSize(), i.entryCount(), text(i.minKey()),
                text(i.maxKey()), i.blocks().size(), i.indexBytes(), i.bloomBytes(), level);
    }
}
