package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import lsmviz.engine.compaction.CompactionPolicies;
import lsmviz.engine.compaction.CompactionPolicy;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.BloomFilter;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.state.Version;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * A log-structured merge tree over one directory: an active memtable, a queue of immutable
 * memtables and SSTables on disk in levels. This class is the story (writes, the freeze, the
 * five-step flush, reads); compaction's story is {@link Compactor}; the rest lives beside them:
 * {@link DbDirectory}, {@link Recovery}, {@link WalSet}, {@link Flusher}, {@link Version},
 * {@link EngineEvents} and {@link EngineInspector}.
 *
 * <h2>Locks, as the seed design has them</h2>
 * <ul>
 *   <li>The <b>freeze lock</b> (a mutex) serialises freeze, flush and a compaction's install:
 *       only one of them runs at a time, and only they replace the state.</li>
 *   <li>The <b>state lock</b> (read-write) guards the one {@link EngineState} snapshot. Writers
 *       write into the active memtable under its read side, so a freeze (which takes the write
 *       side to swap) never races a write into the memtable it freezes. Readers take the read
 *       side only long enough to grab the snapshot.</li>
 * </ul>
 * Lock order: freeze lock, then state lock. No thread ever waits for the freeze lock while
 * holding the state lock.
 *
 * <p>Every public method may be called from any thread. Keys are 1 to
 * {@link Options#MAX_KEY_BYTES} bytes, values 0 to {@link Options#MAX_VALUE_BYTES}.
 */
public final class LsmEngine implements AutoCloseable {
    public static final String FREEZE_LOCK = "freeze lock";
    public static final String STATE_LOCK = "state lock";
    public static final String FLUSHER_THREAD = Flusher.THREAD;
    public static final String COMPACTOR_THREAD = Compactor.THREAD;

    private final Options options;
    private final DbDirectory dir;
    private final EventBus bus = new EventBus();
    private final StepGate gate = new StepGate();
    private final EngineEvents events;
    private final LockTable lockTable = new LockTable();
    private final TracedMutex freezeLock =
            new TracedMutex(FREEZE_LOCK, bus, lockTable);
    private final TracedReadWriteLock stateLock =
            new TracedReadWriteLock(STATE_LOCK, bus, lockTable);
    private final WalSet wals;
    private final Manifest manifest;
    private final TableBuilder tables;
    private final Flusher flusher;
    private final CompactionPolicy policy;
    private final CompactionStats stats;
    private final CompactionEvents compactionEvents;
    private final Compactor compactor;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Replaced whole under the state write lock; read under the read lock. */
    private volatile EngineState state;

    private LsmEngine(DbDirectory dir, Options options, EventListener listener) throws IOException {
        this.dir = dir;
        this.options = options;
        if (listener != null) {
            bus.addListener(listener); // it hears what opening finds
        }
        events = new EngineEvents(bus, gate, options);
        compactionEvents = new CompactionEvents(events);
        wals = new WalSet(dir, options, events);
        CompactionOptions c = options.compaction();
        Recovery.Restored restored = Recovery.run(dir, wals, events, c.maxLevels(), this::tableUnused);
        state = restored.state();
        manifest = restored.manifest();
        tables = new TableBuilder(dir, options, events, manifest, this::tableUnused);
        gate.setObserver(events);
        boolean background = options.flushMode() == Options.FlushMode.BACKGROUND;
        flusher = new Flusher(background, options.maxImmutableMemtables(),
                () -> state.immutables().size(), this::flushOldestIfAny);
        policy = CompactionPolicies.of(c, options.memtableSizeBytes());
        stats = new CompactionStats(c.maxLevels());
        compactor = new Compactor(new Compactor.Engine(options, policy, dir, manifest, gate, freezeLock, stateLock,
                () -> state, next -> state = next, flusher::autoFlush, stats, compactionEvents, this::tableUnused));
        flusher.start(); // idle while auto-flush is off
        compactor.start(); // likewise
        // no lock: nobody else sees the engine yet
        events.engineOpened(dir.path(), EngineEvents.facts(state, 0), options);
        reportLevels();
    }

    /** Tells the listeners the levels now (after an open, a flush or a compaction's install). */
    void reportLevels() {
        events.levelsChanged(() -> stats.report(state.levels(), policy, -1), options.compaction());
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

    /** Opens with every file written through {@code io}: the test seam for failing disks. */
    public static LsmEngine open(Path dir, Options options, EventListener listener, FileIO io)
            throws IOException {
        DbDirectory d = DbDirectory.lock(dir, io);
        try {
            return new LsmEngine(d, options, listener);
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
            m = state.active();
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
            while (true) {
                checkOpen();
                EngineState s = state;
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
                    freezeIfStill(s.active(), false);
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
            boolean done = freezeIfStill(state.active(), true);
            String outcome = done ? "frozen" : "nothing to do";
            events.operationFinished(Op.FREEZE, null, outcome, t0);
            return done;
        } finally {
            gate.operationEnded();
        }
    }

    /**
     * Freezes {@code memtable} if it is still the active one and
     * still needs it. {@code force}: whatever its size and the
     * queue's length (a user's request, not a full memtable).
     */
    private boolean freezeIfStill(Memtable memtable, boolean force) {
        freezeLock.lock();
        try {
            // Holding the freeze lock, nobody else can replace the
            // state: read it and re-check.
            // @probe FREEZE_RECHECK
            gate.reach(ProbePoint.FREEZE_RECHECK);
            EngineState s = state;
            if (s.active() != memtable) {
                // Another thread froze it while we waited for the
                // freeze lock. This is why that lock exists: without
                // it, two writers would both freeze.
                return false;
            } else if (memtable.isEmpty()) {
                return false; // not worth a table
            } else if (!force && flusher.autoFlush() && s.immutables()
                    .size() >= options.maxImmutableMemtables()) {
                return false; // the queue filled up: the caller stalls
            }
            Memtable fresh = newMemtable(); // its log, before the swap
            EngineState next;
            stateLock.lockWrite();
            try {
                // @probe FREEZE_SWAP
                gate.reach(ProbePoint.FREEZE_SWAP);
                next = state.withFrozenActive(fresh);
                state = next;
            } finally {
                stateLock.unlockWrite();
            }
            int queued = next.immutables().size();
            events.memtableFrozen(memtable, fresh, queued);
            flusher.memtableFrozen();
            return true;
        } finally {
            freezeLock.unlock();
        }
    }

    private Memtable newMemtable() {
        try {
            return wals.newMemtable();
        } catch (IOException e) {
            events.error("freeze failed: could not create a write-ahead log: " + e.getMessage());
            throw new UncheckedIOException("freeze failed: could not create a write-ahead log", e);
        }
    }

    // ---- Flush

    /** Flushes the oldest immutable memtable into a new SSTable; false when there was none. */
    public boolean flushOldest() {
        checkOpen();
        return flushOldestIfAny();
    }

    /** Waits (at most {@code millis}) until the flusher has emptied the queue: whether it has. */
    public boolean awaitFlushes(long millis) throws InterruptedException {
        return flusher.awaitFlushes(millis);
    }

    /** Freezes the active memtable and flushes every immutable memtable. */
    public void flushAll() {
        checkOpen();
        freeze();
        while (flushOldestIfAny()) {
            // until the queue is empty
        }
    }

    private boolean flushOldestIfAny() {
        try {
            long t0 = events.operationStarted(Op.FLUSH, null);
            boolean done = flushLocked();
            events.operationFinished(Op.FLUSH, null, done ? "flushed" : "nothing to do", t0);
            return done;
        } finally {
            gate.operationEnded();
        }
    }

    private boolean flushLocked() {
        freezeLock.lock();
        try {
            return flushOldestLocked();
        } finally {
            freezeLock.unlock();
        }
    }

    /** The seed's five steps. REQUIRES: the freeze lock is held. */
    private boolean flushOldestLocked() {
        requireFreezeLock();
        long t0 = System.nanoTime();
        // Step 1: select the oldest immutable memtable.
        Memtable oldest;
        stateLock.lockRead();
        try {
            // @probe FLUSH_SELECT_OLDEST
            gate.reach(ProbePoint.FLUSH_SELECT_OLDEST);
            oldest = state.oldestImmutable();
        } finally {
            stateLock.unlockRead();
        }
        if (oldest == null) {
            return false;
        }
        long tableId = dir.newFileNumber();
        events.flushStarted(oldest, tableId);
        // Step 2: iterate over its records in key order. No state
        // lock from here to the swap: the memtable is immutable.
        // @probe FLUSH_ITERATE
        gate.reach(ProbePoint.FLUSH_ITERATE);
        Iterator<KeyValue> records = new RecordFeed(oldest.iterator());
        // Step 3: write them one by one into a new SSTable.
        TableFile table = tables.build(oldest, tableId, records);
        // Steps 4 and 5 in one swap under the state write lock:
        // readers see the memtable or the SSTable, never neither.
        Version before = state.version();
        stateLock.lockWrite();
        try {
            // @probe FLUSH_ADD_SSTABLE
            gate.reach(ProbePoint.FLUSH_ADD_SSTABLE);
            EngineState next = state.withSSTableAdded(table);
            // @probe FLUSH_REMOVE_MEMTABLE
            gate.reach(ProbePoint.FLUSH_REMOVE_MEMTABLE);
            state = next.withImmutableRemoved(oldest);
        } finally {
            stateLock.unlockWrite();
        }
        before.unpin(); // a new version of the tables is current
        wals.delete(oldest); // its records are in the table now
        stats.flushed(table.meta().bytes());
        flusher.roomFreed();
        compactor.wake(); // L0 grew: a compaction may be due
        events.flushFinished(oldest, tableId, t0);
        reportLevels();
        return true;
    }

    private void requireFreezeLock() {
        if (!freezeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("flush requires the freeze lock");
        }
    }

    /** Feeds the SSTable writer, stopping at the step gate before each record. */
    private final class RecordFeed implements Iterator<KeyValue> {
        private final Iterator<KeyValue> records;

        RecordFeed(Iterator<KeyValue> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public KeyValue next() {
            if (!records.hasNext()) {
                throw new NoSuchElementException();
            }
            // @probe FLUSH_WRITE_RECORD
            gate.reach(ProbePoint.FLUSH_WRITE_RECORD);
            return records.next();
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
            KeyValue found = lookup(key, probes);
            events.getPath(key, probes);
            boolean live = found != null && !found.isTombstone();
            events.operationFinished(Op.GET, key, live ? "found" : found == null ? "not found" : "deleted", t0);
            return live ? found.value().clone() : null; // a copy: the caller may change it
        } finally {
            gate.operationEnded();
        }
    }

    /**
     * Newest first: the active memtable, the immutable ones, then
     * the SSTables. The first that knows the key answers (with a
     * tombstone: deleted). Each probe goes into {@code probes}.
     */
    private KeyValue lookup(byte[] key, EngineEvents.Probes probes) {
        EngineState s = pinnedState();
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
        return new ScanIterator(pinnedState(), from, to);
    }

    /** The state, its version pinned: the caller unpins it when done reading its tables. */
    private EngineState pinnedState() {
        stateLock.lockRead();
        try {
            EngineState s = state;
            s.version().pin();
            return s;
        } finally {
            stateLock.unlockRead();
        }
    }

    private EngineState readState() {
        stateLock.lockRead();
        try {
            return state;
        } finally {
            stateLock.unlockRead();
        }
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
        return EngineEvents.facts(readState(), bus.listenerErrors());
    }

    /** Read-only inspection of memtables and SSTables (the window's dialogs, {@code verify}). */
    public EngineInspector inspector() {
        return new EngineInspector(this::pinnedState);
    }

    // ---- Compaction

    /**
     * Flushes every memtable, then compacts everything into one level (LevelDB's
     * {@code CompactRange} over all keys): returns when the compactor has done it.
     */
    public void compact() throws InterruptedException {
        checkOpen();
        flushAll();
        await(compactor.request(true));
    }

    /** Runs the one compaction the policy says is due, if any (also with auto compaction off). */
    public boolean compactOnce() throws InterruptedException {
        checkOpen();
        return await(compactor.request(false));
    }

    private static boolean await(java.util.concurrent.CompletableFuture<Boolean> done)
            throws InterruptedException {
        try {
            return done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
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
        EngineState s = pinnedState();
        try {
            long live = measureLiveData ? liveDataBytes(s.version()) : -1;
            return stats.report(s.levels(), policy, live);
        } finally {
            s.version().unpin();
        }
    }

    private static long liveDataBytes(Version v) {
        long bytes = 0;
        Iterator<KeyValue> it = MergingIterator.liveOnly(new MergingIterator(v.iterators(null, null)));
        while (it.hasNext()) {
            KeyValue kv = it.next();
            bytes += kv.key().length + kv.value().length;
        }
        return bytes;
    }

    /** A table left the levels and no reader uses it: its file goes. */
    private void tableUnused(TableFile t) {
        dir.deleteQuietly(t.reader().path()); // a leftover is removed at the next open
        compactionEvents.tableDeleted(t.id(), t.reader().path());
    }

    // ---- Close

    /** Releases paused threads, stops the flusher, flushes every memtable, closes. Idempotent. */
    @Override
    public void close() throws IOException {
        shutDown(true);
    }

    /**
     * Closes the way a crash would ("pull the plug"): nothing is flushed, every log is kept, the
     * next open recovers the memtables from them. Idempotent; a no-op after {@link #close()}.
     */
    public void closeWithoutFlush() throws IOException {
        shutDown(false);
    }

    private void shutDown(boolean flush) throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gate.close();
        compactor.stop(); // a merge under way is abandoned
        flusher.stop();
        boolean clean = flush && flusher.failure() == null;
        try {
            // Barrier: writes already inside the state read lock end; later ones see it closed.
            stateLock.lockWrite();
            stateLock.unlockWrite();
            if (clean) {
                freezeIfStill(state.active(), true);
                while (flushLocked()) {
                    // until every memtable is in an SSTable
                }
            }
        } finally {
            EngineState last = state;
            boolean empty = clean && last.active().isEmpty() && last.immutables().isEmpty();
            wals.closeAll(empty ? last.active() : null);
            for (TableFile t : last.version().tables()) {
                t.reader().close();
            }
            try {
                manifest.close();
            } finally {
                dir.close();
            }
            events.engineClosed();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Reads go on after a background failure: what is stored stays readable. */
    private void checkReadable() {
        if (closed.get()) {
            throw new IllegalStateException("the engine is closed");
        }
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
