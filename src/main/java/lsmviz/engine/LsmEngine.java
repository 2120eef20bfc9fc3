package lsmviz.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.compaction.CompactionPolicies;
import lsmviz.engine.compaction.CompactionPolicy;
import lsmviz.engine.compaction.CompactionStats;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.io.CrashableFileIO;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * A log-structured merge tree over one directory: an active memtable, a queue of immutable
 * memtables and SSTables on disk in levels. This class is the engine's face and the write's story
 * (put, delete, making room for a write); each other story has its own file: {@link Freeze},
 * {@link Flush} (the seed's five steps), {@link Lookup} (a get), {@link Compaction}, and
 * {@link Recovery} (opening). The state and its two locks (the freeze lock and the state lock, in
 * that order) are {@link CurrentState}'s; the threads are {@link Flusher}'s and {@link Compactor}'s.
 *
 * <p>Every public method may be called from any thread. Keys are 1 to
 * {@link Options#MAX_KEY_BYTES} bytes, values 0 to {@link Options#MAX_VALUE_BYTES}.
 */
public final class LsmEngine implements AutoCloseable {
    public static final String FREEZE_LOCK = CurrentState.FREEZE_LOCK;
    public static final String STATE_LOCK = CurrentState.STATE_LOCK;
    public static final String FLUSHER_THREAD = Flusher.THREAD;
    public static final String COMPACTOR_THREAD = Compactor.THREAD;

    private final Options options;
    private final DbDirectory dir;
    private final EventBus bus = new EventBus();
    private final StepGate gate;
    private final EngineEvents events;
    private final LockTable lockTable = new LockTable();
    private final WalSet wals;
    private final Manifest manifest;
    private final TableBuilder tables;
    private final Freeze freeze;
    private final Flush flush;
    private final Lookup lookup;
    private final Flusher flusher;
    private final CompactionPolicy policy;
    private final CompactionStats stats;
    private final CompactionEvents compactionEvents;
    private final Compactor compactor;
    private final Shutdown shutdown;
    /** The state and its two locks: the only place the state is replaced. */
    private final CurrentState current;
    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;

    private LsmEngine(DbDirectory dir, Options options, EventListener listener, StepGate gate) throws IOException {
        this.dir = dir;
        this.options = options;
        this.gate = gate;
        if (listener != null) {
            bus.addListener(listener); // it hears what opening finds
        }
        events = new EngineEvents(bus, gate, options);
        compactionEvents = new CompactionEvents(events);
        wals = new WalSet(dir, options, events);
        CompactionOptions c = options.compaction();
        gate.setObserver(events); // recovery may pause at the gate too
        Recovery.Restored restored = Recovery.run(dir, wals, events, gate, c.maxLevels(), this::tableUnused);
        gate.operationEnded();
        current = new CurrentState(restored.state(), bus, lockTable);
        freezeLock = current.freezeLock();
        stateLock = current.stateLock();
        manifest = restored.manifest();
        tables = new TableBuilder(dir, options, events, manifest, this::tableUnused);
        policy = CompactionPolicies.of(c, options.memtableSizeBytes());
        stats = new CompactionStats(c.maxLevels());
        lookup = new Lookup(current, gate, stats);
        flush = new Flush(current, gate, events, dir, tables, wals, stats, this::flushed, this::reportLevels);
        boolean background = options.flushMode() == Options.FlushMode.BACKGROUND;
        flusher = new Flusher(background, options.maxImmutableMemtables(),
                () -> current.peek().immutables().size(), flush::flushOldestIfAny);
        freeze = new Freeze(current, gate, events, wals, flusher, options.maxImmutableMemtables());
        compactor = new Compactor(stopping -> new Compaction(options, policy, dir, manifest, gate, current, stats,
                compactionEvents, this::tableUnused, stopping), flusher::autoFlush);
        shutdown = new Shutdown(dir, bus, gate, events, current, wals, manifest, freeze, flush, flusher, compactor,
                lockTable);
        flusher.start(); // idle while auto-flush is off
        compactor.start(); // likewise
        // no lock: nobody else sees the engine yet
        events.engineOpened(dir.path(), EngineEvents.facts(current.peek(), 0), options);
        reportLevels();
    }

    /** A flush freed a slot in the queue and grew L0: stalled writers and the compactor look again. */
    private void flushed() {
        flusher.roomFreed();
        compactor.wake();
    }

    /** Tells the listeners the levels now (after an open, a flush or a compaction's install). */
    void reportLevels() {
        events.levelsChanged(() -> stats.report(current.peek().levels(), policy, -1), options.compaction());
    }

    /**
     * Whether an engine (in this process or another) has {@code dir} open now, as its {@code LOCK}
     * file tells; false for a directory with no {@code LOCK} file. For tools that clean up
     * directories a crashed process left behind.
     */
    public static boolean isInUse(Path dir) throws IOException {
        return DbDirectory.inUse(dir);
    }

    /** Opens (creating if needed) the engine in {@code dir}, restoring its SSTables. */
    public static LsmEngine open(Path dir, Options options) throws IOException {
        return open(dir, options, null, FileIO.DEFAULT);
    }

    /** Opens with a listener attached from the first event on (so it sees what opening found). */
    public static LsmEngine open(Path dir, Options options, EventListener listener) throws IOException {
        return open(dir, options, listener, FileIO.DEFAULT);
    }

    /**
     * Opens with a file layer that can simulate a crash ({@link #crash}): what the window and the
     * shell use. It costs a copy of a file's durable bytes before its first write after each sync.
     */
    public static LsmEngine openCrashable(Path dir, Options options, EventListener listener) throws IOException {
        return openCrashable(dir, options, listener, new StepGate());
    }

    /** The same, recovery stopping at {@code gate} (set up by the caller: step mode, breakpoints). */
    public static LsmEngine openCrashable(Path dir, Options options, EventListener listener, StepGate gate)
            throws IOException {
        return open(dir, options, listener, new CrashableFileIO(), gate);
    }

    /** Opens with every file written through {@code io}: the test seam for failing disks. */
    public static LsmEngine open(Path dir, Options options, EventListener listener, FileIO io)
            throws IOException {
        return open(dir, options, listener, io, new StepGate());
    }

    private static LsmEngine open(Path dir, Options options, EventListener listener, FileIO io, StepGate gate)
            throws IOException {
        DbDirectory d = DbDirectory.lock(dir, io);
        try {
            return new LsmEngine(d, options, listener, gate);
        } catch (IOException | RuntimeException | Error e) {
            d.close();
            throw e;
        }
    }

    // ---- Writes

    public void put(byte[] key, byte[] value) {
        Options.checkValue(value);
        write(key, value, Op.PUT);
    }

    /** Deletes a key by writing a tombstone. */
    public void delete(byte[] key) {
        write(key, null, Op.DELETE);
    }

    private void write(byte[] callerKey, byte[] callerValue, Op op) {
        try {
            Options.checkKey(callerKey);
            // Copies: a caller reusing its arrays cannot change what is stored.
            writeOperation(callerKey.clone(), callerValue == null ? null : callerValue.clone(), op);
        } finally {
            gate.operationEnded();
        }
    }

    private void writeOperation(byte[] key, byte[] value, Op op) {
        checkOpen();
        long t0 = events.operationStarted(op, key);
        makeRoomForWrite();
        Memtable m;
        WalSet.Log log;
        WriteAheadLog.Appended w;
        // The state lock's read side: a writer must not write into
        // a memtable that a freeze (the write side) is freezing.
        stateLock.lockRead();
        try {
            // Re-checked under the lock: close() waits out writes
            // already in here, and a later one must fail instead.
            checkOpen();
            m = current.get().active();
            log = wals.of(m);
            if (value == null) {
                // @probe DELETE_WRITE_TOMBSTONE
                gate.reach(ProbePoint.DELETE_WRITE_TOMBSTONE);
            } else {
                // @probe PUT_WRITE_MEMTABLE
                gate.reach(ProbePoint.PUT_WRITE_MEMTABLE);
            }
            // The log first, then the memtable, under the log's lock
            // so that the two keep the writes in the same order.
            w = log.append(key, value, () -> m.put(key, value));
        } finally {
            stateLock.unlockRead();
        }
        // Durable before acknowledged, with no state lock held.
        log.awaitDurable(w.end());
        events.memtableWritten(m, key, value, w.applied());
        String outcome = value == null ? "deleted" : "stored";
        events.operationFinished(op, key, outcome, t0);
    }

    /**
     * Makes room in the active memtable before a write, the way
     * LevelDB's MakeRoomForWrite does. Each branch is a state.
     */
    private void makeRoomForWrite() {
        long stalledSince = 0;
        boolean slowed = false;
        try {
            // Once per write, before the first decision: which
            // branch below will it take?
            // @probe PUT_MAKE_ROOM
            gate.reach(ProbePoint.PUT_MAKE_ROOM);
            while (true) {
                checkOpen();
                EngineState s = current.peek(); // a glance: freezeIfStill re-checks
                long size = s.active().sizeBytes();
                int queued = s.immutables().size();
                int slots = options.maxImmutableMemtables();
                int level0 = s.levels().level(0).size();
                CompactionOptions c = options.compaction();
                boolean compacting = flusher.autoFlush() && c.style() != CompactionOptions.Style.NONE;
                if (compacting && level0 >= c.l0Stop()) {
                    // (s) L0 has too many tables: a get would look in
                    //     every one. Stop until compaction shrinks it.
                    if (stalledSince == 0) {
                        stalledSince = events.writeStallBegan(queued, slots, "L0 has " + level0
                                + " tables (writes stop at " + c.l0Stop() + ")");
                    }
                    compactor.awaitLevel0(50);
                } else if (compacting && level0 >= c.l0Slowdown() && !slowed) {
                    // (t) L0 is filling up: slow this write by a
                    //     millisecond, as LevelDB does, to give the
                    //     compactor the CPU instead of stopping later.
                    slowed = true;
                    long t = events.writeStallBegan(queued, slots, "L0 has " + level0
                            + " tables (writes slow down at " + c.l0Slowdown() + ")");
                    sleepMillisecond();
                    events.writeStallEnded(t);
                } else if (size < options.memtableSizeBytes()) {
                    // (a) There is room in the active memtable.
                    return;
                } else if (queued >= slots && !flusher.autoFlush()) {
                    // (b) It is full, so is the queue, and only a user
                    //     flushes: rather than wait forever, let the
                    //     active memtable grow past its limit.
                    return;
                } else if (queued >= slots) {
                    // (c) It is full and so is the immutable queue:
                    //     stall until the flusher frees a slot.
                    if (stalledSince == 0) {
                        stalledSince = events.writeStallBegan(queued, slots,
                                EngineEvent.WriteStallBegan.queueFull(queued, slots));
                    }
                    flusher.awaitRoom();
                } else {
                    // (d) It is full and a slot is free: freeze it.
                    //     Another writer may get there first, so
                    //     freezeIfStill re-checks, under the lock.
                    // @probe PUT_CHECK_ROOM
                    gate.reach(ProbePoint.PUT_CHECK_ROOM);
                    freeze.freezeIfStill(s.active(), false);
                }
            }
        } finally {
            events.writeStallEnded(stalledSince);
        }
    }

    private static void sleepMillisecond() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while slowed down by L0", e);
        }
    }

    // ---- Freeze

    /** Freezes the active memtable now, whatever its size or the queue's (a user asked). */
    public boolean freeze() {
        try {
            checkOpen();
            long t0 = events.operationStarted(Op.FREEZE, null);
            boolean done = freeze.freezeIfStill(current.peek().active(), true);
            String outcome = done ? "frozen" : "nothing to do";
            events.operationFinished(Op.FREEZE, null, outcome, t0);
            return done;
        } finally {
            gate.operationEnded();
        }
    }

    // ---- Flush

    /** Flushes the oldest immutable memtable into a new SSTable; false when there was none. */
    public boolean flushOldest() {
        checkOpen();
        return flush.flushOldestIfAny();
    }

    /** Waits (at most {@code millis}) until the flusher has emptied the queue: whether it has. */
    public boolean awaitFlushes(long millis) throws InterruptedException {
        return flusher.awaitFlushes(millis);
    }

    /** Freezes the active memtable and flushes every immutable memtable. */
    public void flushAll() {
        checkOpen();
        freeze();
        while (flush.flushOldestIfAny()) {
            // until the queue is empty
        }
    }

    // ---- Reads

    /** The newest value of {@code key}, or null when it is absent or deleted. */
    public byte[] get(byte[] key) {
        try {
            Options.checkKey(key);
            checkReadable();
            long t0 = events.operationStarted(Op.GET, key);
            EngineEvents.Probes probes = events.probes();
            KeyValue found = lookup.find(key, probes);
            events.getPath(key, probes);
            boolean live = found != null && !found.isTombstone();
            events.operationFinished(Op.GET, key, live ? "found" : found == null ? "not found" : "deleted", t0);
            return live ? found.value().clone() : null; // a copy: the caller may change it
        } finally {
            gate.operationEnded();
        }
    }

    /** Live entries with {@code from <= key < to} in key order (null: open), of one snapshot. */
    public List<KeyValue> scan(byte[] from, byte[] to) {
        checkReadable();
        long t0 = events.operationStarted(Op.SCAN, from);
        List<KeyValue> out = new ArrayList<>();
        try (ScanIterator it = scanInto(from, to)) {
            it.forEachRemaining(out::add);
        }
        events.operationFinished(Op.SCAN, from, out.size() + " entries", t0);
        return out;
    }

    /**
     * The same as {@link #scan} as a lazy iterator, for large ranges. It reads one version of the
     * tables to its end, whatever compactions install meanwhile: close it if you stop early.
     */
    public ScanIterator scanInto(byte[] from, byte[] to) {
        checkReadable();
        return new ScanIterator(current.pinned(), from, to);
    }

    // ---- Observation

    public void addListener(EventListener listener) {
        bus.addListener(listener);
    }

    public void removeListener(EventListener listener) {
        bus.removeListener(listener);
    }

    /** Listeners changed what they want ({@link EventListener#detail()}): re-read it. */
    public void eventDetailChanged() {
        bus.refresh();
    }

    /** Turns the background flusher on or off while running: off is {@link Options.FlushMode#MANUAL}. */
    public void setAutoFlush(boolean on) {
        flusher.setAutoFlush(on);
        compactor.wake(); // background compaction follows auto-flush
    }

    public boolean autoFlush() {
        return flusher.autoFlush();
    }

    public LockTable lockTable() {
        return lockTable;
    }

    public StepGate stepGate() {
        return gate;
    }

    public Options options() {
        return options;
    }

    public Path directory() {
        return dir.path();
    }

    /** The structure now, as plain facts. */
    public EngineSnapshot snapshot() {
        return EngineEvents.facts(current.read(), bus.listenerErrors());
    }

    /** Read-only inspection of memtables and SSTables (the window's dialogs, {@code verify}). */
    public EngineInspector inspector() {
        return new EngineInspector(current::pinned);
    }

    // ---- Compaction

    /**
     * Flushes every memtable, then compacts everything into one level (LevelDB's
     * {@code CompactRange} over all keys): returns when the compactor has done it.
     */
    public void compact() throws InterruptedException {
        checkOpen();
        flushAll();
        compactor.runAndWait(true);
    }

    /** Runs the one compaction the policy says is due, if any (also with auto compaction off). */
    public boolean compactOnce() throws InterruptedException {
        checkOpen();
        return compactor.runAndWait(false);
    }

    /** Waits (at most {@code millis}) until no compaction is due or running: whether none is. */
    public boolean awaitCompactions(long millis) throws InterruptedException {
        return compactor.awaitIdle(millis);
    }

    /**
     * The levels and what compaction has cost. {@code measureLiveData}: also reads every table
     * to count the live data (for space amplification); otherwise that is -1.
     */
    public LevelsReport levels(boolean measureLiveData) {
        EngineState s = current.pinned();
        try {
            long live = measureLiveData ? s.version().liveDataBytes() : -1;
            return stats.report(s.levels(), policy, live);
        } finally {
            s.version().unpin();
        }
    }

    /** A table left the levels and no reader uses it: its file goes. */
    private void tableUnused(TableFile t) {
        dir.deleteQuietly(t.reader().path()); // a leftover is removed at the next open
        compactionEvents.tableDeleted(t.id(), t.reader().path());
    }

    // ---- Crash and close

    /**
     * Crashes the engine the way {@code kind} would (it must have been opened with
     * {@link #openCrashable}): from this moment no byte reaches the disk, and the directory is left
     * exactly as the crash leaves it, even with threads paused mid-flush or mid-compaction. The
     * engine is dead: its threads stop, it publishes {@link EngineEvent.EngineCrashed} last and
     * nothing after, and it lets go of the directory. Open the directory again to recover.
     */
    public CrashReport crash(CrashKind kind) throws IOException {
        return shutdown.crash(kind);
    }

    /** Releases paused threads, stops the flusher, flushes every memtable, closes. Idempotent. */
    @Override
    public void close() throws IOException {
        shutdown.close(true);
    }

    /**
     * Closes without flushing: every log is kept, the next open recovers the memtables from them.
     * Idempotent; a no-op after {@link #close()}.
     */
    public void closeWithoutFlush() throws IOException {
        shutdown.close(false);
    }

    public boolean isClosed() {
        return shutdown.isClosed();
    }

    /** Reads go on after a background failure: what is stored stays readable. */
    private void checkReadable() {
        shutdown.checkNotClosed();
    }

    private void checkOpen() {
        checkReadable();
        Throwable e = flusher.failure();
        if (e != null) {
            throw new IllegalStateException("the engine stopped taking writes after a background flush"
                    + " failed: " + e.getMessage(), e);
        }
        e = compactor.failure();
        if (e != null) {
            throw new IllegalStateException("the engine stopped taking writes after a background compaction"
                    + " failed: " + e.getMessage(), e);
        }
    }
}
