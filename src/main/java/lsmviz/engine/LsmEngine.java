package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import lsmviz.engine.EngineSnapshot.MemtableSummary;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.BloomFilter;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.sstable.SSTableWriter;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * A log-structured merge tree over one directory: an active memtable, a queue of immutable
 * memtables and SSTables on disk.
 *
 * <h2>Locks, as the seed design has them</h2>
 * <ul>
 *   <li>The <b>freeze lock</b> (a mutex) serialises freeze and flush: only one of them runs at a
 *       time, and only they replace the state.</li>
 *   <li>The <b>state lock</b> (read-write) guards the one {@link EngineState} snapshot. Writers
 *       write into the active memtable under its read side, so a freeze (which takes the write side
 *       to swap) never races a write into the memtable it freezes. Readers take the read side only
 *       long enough to grab the snapshot.</li>
 * </ul>
 * Lock order: freeze lock, then state lock. No thread ever waits for the freeze lock while holding
 * the state lock.
 *
 * <p>Every public method may be called from any thread. Keys are 1 to {@link Options#MAX_KEY_BYTES}
 * bytes, values 0 to {@link Options#MAX_VALUE_BYTES}.
 */
public final class LsmEngine implements AutoCloseable {
    public static final String FREEZE_LOCK = "freeze lock";
    public static final String STATE_LOCK = "state lock";
    public static final String FLUSHER_THREAD = "flusher";

    private final Path dir;
    private final Options options;
    private final EventBus bus = new EventBus();
    private final LockTable lockTable = new LockTable();
    private final TracedMutex freezeLock = new TracedMutex(FREEZE_LOCK, bus, lockTable);
    private final TracedReadWriteLock stateLock = new TracedReadWriteLock(STATE_LOCK, bus, lockTable);
    private final StepGate gate = new StepGate();
    private final FileIO io;
    private AtomicLong nextId;
    private Manifest manifestOrNull;
    private final Manifest manifest;
    /** The write-ahead log of each memtable still in memory, by memtable id. */
    private final Map<Long, WriteAheadLog> wals = new ConcurrentHashMap<>();
    private final WriteAheadLog.SyncListener walSyncListener = (memtableId, offset, writers, nanos) -> {
        if (bus.detailed()) {
            bus.publishDetailed(new EngineEvent.WalSynced(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(), memtableId,
                    offset, writers, nanos));
        }
    };
    private final FileChannel lockFile;
    private final FileLock dirLock;
    /** This engine's entry in {@link #OPEN_IN_THIS_JVM}. */
    private final Path jvmKey;

    /**
     * Directories open in this JVM (real paths). The OS lock on LOCK is not enough on its own:
     * POSIX drops every lock a process holds on a file when it closes any channel to that file,
     * so a refused second open in this JVM (which opens and closes LOCK) would silently unlock the
     * directory for other processes. An open in this JVM is refused here, before touching LOCK.
     */
    private static final java.util.Set<Path> OPEN_IN_THIS_JVM = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Replaced whole under the state write lock; read under the read lock. */
    private volatile EngineState state;

    /** Writers waiting for a free slot in the immutable queue wait here; a flush signals it. */
    private final Object roomSignal = new Object();
    /** The flusher waits here for an immutable memtable; a freeze signals it. */
    private final Object flushSignal = new Object();
    private final Thread flusher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    private volatile Throwable backgroundError;
    /** Whether the flusher flushes on its own: starts as the flush mode says, switchable at run time. */
    private volatile boolean autoFlush;

    private LsmEngine(Path dir, Options options, EventListener listener, FileIO io, Path jvmKey) throws IOException {
        this.dir = dir;
        this.jvmKey = jvmKey;
        this.options = options;
        this.io = io;
        if (listener != null) {
            bus.addListener(listener);
        }
        Files.createDirectories(dir);
        lockFile = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock fl;
        try {
            fl = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            fl = null;
        }
        if (fl == null) {
            lockFile.close();
            throw new IOException("directory " + dir + " is in use by another engine (its LOCK file is held)");
        }
        dirLock = fl;
        try {
            state = recover();
        } catch (IOException | RuntimeException e) {
            for (WriteAheadLog log : wals.values()) {
                closeQuietly(log);
            }
            if (manifestOrNull != null) {
                manifestOrNull.close();
            }
            dirLock.release();
            lockFile.close();
            throw e;
        }
        manifest = manifestOrNull;
        gate.setObserver(new StepGate.Observer() {
            @Override
            public void reached(ProbePoint point, boolean paused) {
                if (bus.enabled()) {
                    bus.publish(new EngineEvent.StepReached(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                            point.name(), point.narration(), paused));
                }
            }

            @Override
            public void resumed(ProbePoint point) {
                if (bus.enabled()) {
                    bus.publish(new EngineEvent.StepResumed(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                            point.name()));
                }
            }
        });
        autoFlush = options.flushMode() == Options.FlushMode.BACKGROUND;
        flusher = new Thread(this::flusherLoop, FLUSHER_THREAD); // idle while auto-flush is off
        flusher.setDaemon(true);
        flusher.start();
        if (bus.enabled()) {
            EngineSnapshot s = snapshotOf(state); // no lock: nobody else sees the engine yet (and no lock events before this one)
            bus.publish(new EngineEvent.EngineOpened(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    dir.toString(), s.active(), s.immutables(), s.sstables(), options.memtableSizeBytes(),
                    options.maxImmutableMemtables()));
        }
    }

    /**
     * Restores the state the directory was left in: the live SSTables from the manifest, and every
     * memtable not yet flushed from its write-ahead log, each as its own memtable (the newest one
     * active, the rest immutable). Files a crash left behind are removed and reported.
     */
    private EngineState recover() throws IOException {
        Manifest.Replay replay = Manifest.read(dir);
        long maxId = replay.maxId();
        List<SSTableReader> tables = new ArrayList<>();
        for (long id : replay.liveSSTablesOldestFirst()) {
            tables.add(0, SSTableReader.open(sstablePath(id), id)); // newest first
        }
        List<Long> walIds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                long sst = fileId(f, ".sst");
                long wal = fileId(f, WriteAheadLog.SUFFIX);
                maxId = Math.max(maxId, Math.max(sst, wal));
                if (sst > 0 && !replay.liveSSTablesOldestFirst().contains(sst)) {
                    // A flush that crashed after writing its table but before the manifest said so:
                    // the table was never visible and its memtable's log still holds the data.
                    io.delete(f);
                    publishFileRemoved(f, "an SSTable written by a flush that never completed");
                } else if (wal > 0 && replay.flushedMemtables().contains(wal)) {
                    // A flush that crashed after the manifest record but before deleting the log.
                    io.delete(f);
                    publishFileRemoved(f, "the log of memtable #" + wal + ", already flushed into an SSTable");
                } else if (wal > 0) {
                    walIds.add(wal);
                }
            }
        }
        manifestOrNull = Manifest.openForAppend(io, dir, replay);
        nextId = new AtomicLong(maxId + 1);
        // Replay the logs oldest first; the newest becomes the active memtable again.
        List<Memtable> memtables = new ArrayList<>();
        for (int i = 0; i < walIds.size(); i++) {
            long id = walIds.get(i);
            Path path = walPath(id);
            WriteAheadLog.Replay r = WriteAheadLog.replay(path, id);
            Memtable m = new Memtable(id);
            for (KeyValue kv : r.records()) {
                m.put(kv.key(), kv.value());
            }
            boolean active = i == walIds.size() - 1;
            wals.put(id, WriteAheadLog.reopen(io, path, id, r.validLength(), options.syncMode(), walSyncListener,
                    walCapacity()));
            memtables.add(0, m); // newest first
            if (bus.enabled()) {
                bus.publish(new EngineEvent.WalRecovered(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                        id, r.records().size(), r.tornBytes(), active));
            }
        }
        Memtable active;
        if (memtables.isEmpty()) {
            active = newMemtable();
        } else {
            active = memtables.remove(0);
        }
        return new EngineState(active, memtables, tables);
    }

    /** A new empty memtable with its own new write-ahead log. */
    private Memtable newMemtable() throws IOException {
        long id = nextId.getAndIncrement();
        wals.put(id, WriteAheadLog.create(io, walPath(id), id, options.syncMode(), walSyncListener, walCapacity()));
        return new Memtable(id);
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
    public static LsmEngine open(Path dir, Options options, EventListener listener, FileIO io) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        if (!OPEN_IN_THIS_JVM.add(key)) {
            throw new IOException("directory " + dir + " is in use by another engine in this process");
        }
        try {
            return new LsmEngine(dir, options, listener, io, key);
        } catch (IOException | RuntimeException | Error e) {
            OPEN_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Writes

    public void put(byte[] key, byte[] value) {
        checkValue(value);
        write(key, value, Op.PUT);
    }

    /** Deletes a key by writing a tombstone. */
    public void delete(byte[] key) {
        write(key, null, Op.DELETE);
    }

    private void write(byte[] callerKey, byte[] callerValue, Op op) {
        // At full detail the write's events are gathered and handed over together (see OperationTrace).
        OperationTrace trace = bus.detailed() ? OperationTrace.begin(bus, op, callerKey) : null;
        try {
            writeOperation(callerKey, callerValue, op, trace);
        } finally {
            if (trace != null) {
                trace.end();
            }
            gate.operationEnded();
        }
    }

    private void writeOperation(byte[] callerKey, byte[] callerValue, Op op, OperationTrace trace) {
        checkKey(callerKey);
        checkOpen();
        // The memtable keeps what it is given: copies, so a caller reusing its buffers cannot
        // change stored data (or break the key order) afterwards.
        byte[] key = callerKey.clone();
        byte[] value = callerValue == null ? null : callerValue.clone();
        String outcome = value == null ? "deleted" : "stored";
        boolean syncNone = options.syncMode() == lsmviz.engine.SyncMode.NONE;
        makeRoomForWrite(trace);
        long[] size = new long[1];
        Memtable target = null; // the active memtable the write goes into
        WriteAheadLog log;
        long durableAt;
        boolean applied = false;
        long releasedAt = 0; // when the state lock's read hold ended, if a listener saw it end
        // The state lock's read side: a writer must not write into a memtable being frozen.
        boolean traced = lockStateRead(trace);
        try {
            // Re-checked under the lock: close() waits out writes already in here, and any later
            // one must fail rather than land in a memtable that close() will never flush.
            checkOpen();
            Memtable m = state.active();
            target = m;
            log = wals.get(m.id());
            if (value == null) {
                // @probe DELETE_WRITE_TOMBSTONE
                gate.reach(ProbePoint.DELETE_WRITE_TOMBSTONE, trace);
            } else {
                // @probe PUT_WRITE_MEMTABLE
                gate.reach(ProbePoint.PUT_WRITE_MEMTABLE, trace);
            }
            // The log first, then the memtable, under the log's lock so both see the same order.
            durableAt = log.append(key, value, () -> size[0] = m.put(key, value));
            applied = true;
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log append failed; the " + op.name().toLowerCase(java.util.Locale.ROOT)
                    + " was not applied: " + e.getMessage(), e);
        } finally {
            releasedAt = unlockStateRead(trace, traced, applied && syncNone ? target : null, size[0], outcome);
        }
        // Durable before acknowledged; no state lock held while waiting for the disk.
        try {
            log.awaitDurable(durableAt);
        } catch (IOException e) {
            throw new UncheckedIOException("write-ahead log sync failed; the write may not survive a crash: "
                    + e.getMessage(), e);
        }
        if (trace != null) {
            if (!trace.done()) {
                // Off the fast path. The lock's release, the memtable write's report and the end
                // follow one another with nothing in between when no log sync was waited for: one
                // clock read (about 40 ns on a VM, as much as the rest of an event) serves them.
                long now = releasedAt != 0 && syncNone ? releasedAt : System.nanoTime();
                trace.written(target.id(), size[0], target.entryCount(), now);
                trace.finished(outcome, now);
            }
        } else if (bus.enabled() && crossedFillMark(size[0], key.length + (value == null ? 0 : value.length))) {
            // listeners that want structure only still see the memtable fill up, in 1/32 steps
            bus.publish(new EngineEvent.MemtableWritten(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    target.id(), Bytes.display(key), value == null, size[0], target.entryCount()));
        }
    }

    /**
     * A put, delete or get takes the state lock's read side. Returns whether {@code trace} reports
     * the acquisition (and will report the release): it does when the lock is free at once;
     * otherwise (or with no trace) the lock reports its own events, after the operation's start.
     */
    private boolean lockStateRead(OperationTrace trace) {
        if (trace != null && trace.tryLockState(stateLock)) {
            return true;
        }
        if (trace != null) {
            trace.report(); // the start, before the lock's own events
        }
        stateLock.lockRead();
        return false;
    }

    /**
     * A write lets go of the state lock's read side, reporting first (so that whoever takes the
     * lock next is seen after this release). {@code whole}: the memtable written when the write is
     * complete with no log sync to wait for (null otherwise); then a trace on its fast path hands
     * over all its events now. Returns the release's time, or 0 when it was not read here.
     */
    private long unlockStateRead(OperationTrace trace, boolean traced, Memtable whole, long size, String outcome) {
        if (!traced) {
            return stateLock.unlockRead();
        }
        long now = 0;
        if (whole == null || !trace.releasingWholeWrite(whole.id(), size, whole.entryCount(), outcome)) {
            now = System.nanoTime();
            trace.releasingWrite(now);
        }
        stateLock.unlockReadUnreported();
        return now;
    }

    /**
     * Makes sure the active memtable has room before a write, the way LevelDB's MakeRoomForWrite
     * does. Each branch is a state worth seeing.
     */
    private void makeRoomForWrite(OperationTrace trace) {
        long stallStart = 0;
        try {
            while (true) {
                checkOpen();
                EngineState s = state;
                if (s.active().sizeBytes() < options.memtableSizeBytes()) {
                    // (a) There is room in the active memtable: write into it.
                    return;
                }
                if (trace != null) {
                    trace.report(); // the write's start, before whatever happens next
                }
                if (s.immutables().size() >= options.maxImmutableMemtables()) {
                    if (!autoFlush) {
                        // (b) The queue is full and only a user's request flushes: rather than wait
                        //     forever, let the active memtable grow past its limit.
                        return;
                    }
                    // (c) The active memtable is full and so is the immutable queue: stall until
                    //     the flusher frees a slot.
                    if (stallStart == 0) {
                        stallStart = System.nanoTime();
                        if (bus.enabled()) {
                            bus.publish(new EngineEvent.WriteStallBegan(bus.nextSeq(), stallStart,
                                    EventBus.currentThread(), s.immutables().size(), options.maxImmutableMemtables()));
                        }
                    }
                    awaitRoom();
                    continue;
                }
                // (d) The active memtable is full and a slot is free: freeze it. Another writer may
                //     get there first; freezeIfStill re-checks under the freeze lock.
                // @probe PUT_CHECK_ROOM
                gate.reach(ProbePoint.PUT_CHECK_ROOM);
                freezeIfStill(s.active(), false);
            }
        } finally {
            if (stallStart != 0 && bus.enabled()) {
                long now = System.nanoTime();
                bus.publish(new EngineEvent.WriteStallEnded(bus.nextSeq(), now, EventBus.currentThread(),
                        now - stallStart));
            }
        }
    }

    private void awaitRoom() {
        synchronized (roomSignal) {
            EngineState s = state;
            if (s.immutables().size() >= options.maxImmutableMemtables() && !closing && backgroundError == null) {
                try {
                    roomSignal.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a flush (write stall)", e);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Freeze

    /**
     * Freezes the active memtable now, whatever its size (a no-op when it is empty). Ignores the
     * immutable queue limit: a user asked. Returns whether a memtable was frozen.
     */
    public boolean freeze() {
        try {
            return freezeOperation();
        } finally {
            gate.operationEnded();
        }
    }

    private boolean freezeOperation() {
        checkOpen();
        long t0 = started(Op.FREEZE, null);
        boolean done = freezeIfStill(state.active(), true);
        if (bus.enabled()) {
            finished(Op.FREEZE, null, done ? "frozen" : "nothing to do", t0);
        }
        return done;
    }

    /**
     * Freezes {@code memtable} if it is still the active one and still needs it.
     *
     * @param force freeze whatever its size and the queue length (a request, not a full memtable)
     */
    private boolean freezeIfStill(Memtable memtable, boolean force) {
        freezeLock.lock();
        try {
            // Holding the freeze lock, nobody else can replace the state: read it and re-check.
            // @probe FREEZE_RECHECK
            gate.reach(ProbePoint.FREEZE_RECHECK);
            EngineState s = state;
            if (s.active() != memtable) {
                // Another thread froze it while we waited for the freeze lock: nothing to do. This
                // is why the freeze lock exists: without it, two writers would both freeze.
                return false;
            }
            if (memtable.isEmpty()) {
                return false; // an empty memtable is not worth a table
            }
            if (!force && memtable.sizeBytes() < options.memtableSizeBytes()) {
                return false; // not full (cannot happen today: kept for the next caller)
            }
            if (!force && autoFlush && s.immutables().size() >= options.maxImmutableMemtables()) {
                return false; // the queue filled up while we waited: the caller stalls
            }
            Memtable fresh;
            try {
                fresh = newMemtable(); // its log is created before the swap, outside the state lock
            } catch (IOException e) {
                publishError("freeze failed: could not create a write-ahead log: " + e.getMessage());
                throw new UncheckedIOException("freeze failed: could not create a write-ahead log", e);
            }
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
            if (bus.enabled()) {
                bus.publish(new EngineEvent.MemtableFrozen(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                        memtable.id(), fresh.id(), memtable.sizeBytes(), memtable.entryCount(),
                        displayOrNull(memtable.minKey()), displayOrNull(memtable.maxKey()), next.immutables().size()));
            }
            synchronized (flushSignal) {
                flushSignal.notifyAll();
            }
            return true;
        } finally {
            freezeLock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Flush

    /**
     * Flushes the oldest immutable memtable into a new SSTable. Returns false when there was
     * nothing to flush.
     */
    public boolean flushOldest() {
        checkOpen();
        return flushOldestIfAny();
    }

    /**
     * Waits until no immutable memtable waits for the background flusher (at most {@code millis});
     * returns whether the queue is empty. In manual mode it only looks.
     */
    public boolean awaitFlushes(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (roomSignal) {
            while (!state.immutables().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !autoFlush || backgroundError != null
                        || closed.get()) {
                    return state.immutables().isEmpty();
                }
                roomSignal.wait(Math.max(1, Math.min(50, left / 1_000_000L)));
            }
            return true;
        }
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
            return flushOperation();
        } finally {
            gate.operationEnded();
        }
    }

    private boolean flushOperation() {
        long t0 = started(Op.FLUSH, null);
        boolean done;
        freezeLock.lock();
        try {
            done = flushOldestLocked();
        } finally {
            freezeLock.unlock();
        }
        if (bus.enabled()) {
            finished(Op.FLUSH, null, done ? "flushed" : "nothing to do", t0);
        }
        return done;
    }

    /** The seed's five steps. REQUIRES: the freeze lock is held by this thread. */
    private boolean flushOldestLocked() {
        if (!freezeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("flush requires the freeze lock");
        }
        long t0 = System.nanoTime();
        // Step 1: select the oldest immutable memtable, holding the state read lock only to read.
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
        long sstableId = nextId.getAndIncrement();
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FlushStarted(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    oldest.id(), sstableId, oldest.entryCount(), oldest.sizeBytes()));
        }
        // Step 2: iterate over its records in key order. No state lock is held from here to the
        // swap: the memtable is immutable and only this thread (holding the freeze lock) flushes.
        // @probe FLUSH_ITERATE
        gate.reach(ProbePoint.FLUSH_ITERATE);
        Iterator<KeyValue> records = oldest.iterator();
        // Step 3: write them one by one into a new SSTable, built and fsynced with no state lock.
        Path path = sstablePath(sstableId);
        SSTableReader table;
        try {
            SSTableInfo info = SSTableWriter.write(io, path, sstableId, new RecordFeed(records), options.blockSizeBytes(),
                    options.bloomBitsPerKey(), new FlushProgress(oldest.id(), sstableId));
            syncDirectory();
            table = SSTableReader.open(path, sstableId);
            if (bus.enabled()) {
                bus.publish(new EngineEvent.SSTableWritten(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                        summary(info)));
            }
            // The manifest says the table is live before anyone can see it.
            manifest.recordAdded(sstableId, oldest.id());
        } catch (IOException e) {
            deleteQuietly(io, path);
            publishError("flush of memtable #" + oldest.id() + " failed: " + e.getMessage());
            throw new UncheckedIOException("flush of memtable #" + oldest.id() + " into " + path + " failed", e);
        }
        // Steps 4 and 5 in one swap under the state write lock: readers see the memtable or the
        // SSTable, never neither.
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
        // Last, the memtable's log: everything in it is now in a fsynced SSTable the manifest names.
        WriteAheadLog log = wals.remove(oldest.id());
        if (log != null) {
            try {
                log.close();
                io.delete(log.path());
            } catch (IOException e) {
                publishError("could not delete " + log.path() + " (it is removed at the next open): " + e.getMessage());
            }
        }
        synchronized (roomSignal) {
            roomSignal.notifyAll();
        }
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FlushFinished(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    oldest.id(), sstableId, System.nanoTime() - t0));
        }
        return true;
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

    /** Turns the writer's progress into events. */
    private final class FlushProgress implements SSTableWriter.Progress {
        private final long memtableId;
        private final long sstableId;

        FlushProgress(long memtableId, long sstableId) {
            this.memtableId = memtableId;
            this.sstableId = sstableId;
        }

        @Override
        public void recordWritten(long index, byte[] key) {
            // One event per record only when someone can follow it (slow motion or stepping): at
            // full speed a flush writes millions of records a second, and the BlockSealed events
            // (with their entry counts and key ranges) carry the same story per block without
            // making every writer pay for it.
            if (bus.enabled() && gate.mode() != lsmviz.engine.step.StepMode.RUN) {
                bus.publish(new EngineEvent.FlushRecordWritten(bus.nextSeq(), System.nanoTime(),
                        EventBus.currentThread(), memtableId, sstableId, index, Bytes.display(key)));
            }
        }

        @Override
        public void blockSealed(lsmviz.engine.inspect.BlockHandle b) {
            if (bus.enabled()) {
                bus.publish(new EngineEvent.BlockSealed(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                        sstableId, b.blockNo(), Bytes.display(b.firstKey()), Bytes.display(b.lastKey()), b.offset(),
                        b.length(), b.entryCount()));
            }
        }
    }

    private void flusherLoop() {
        while (!closing) {
            synchronized (flushSignal) {
                while (!closing && (!autoFlush || state.immutables().isEmpty())) {
                    try {
                        flushSignal.wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (closing) {
                return;
            }
            try {
                flushOldestIfAny();
            } catch (RuntimeException | Error e) {
                backgroundError = e;
                synchronized (roomSignal) {
                    roomSignal.notifyAll();
                }
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reads

    /** The newest value of {@code key}, or null when it is absent or deleted. */
    public byte[] get(byte[] key) {
        // At full detail the get's events are gathered and handed over together (see OperationTrace).
        OperationTrace trace = bus.detailed() ? OperationTrace.begin(bus, Op.GET, key) : null;
        try {
            return getOperation(key, trace);
        } finally {
            if (trace != null) {
                trace.end();
            }
            gate.operationEnded();
        }
    }

    private byte[] getOperation(byte[] key, OperationTrace trace) {
        checkKey(key);
        checkReadable();
        try {
            KeyValue found = lookup(key, trace);
            // a copy: the caller may change it without touching the memtable's array
            byte[] value = found == null || found.value() == null ? null : found.value().clone();
            if (trace != null) {
                trace.getFinished(found == null ? "not found" : value == null ? "deleted" : "found");
            }
            return value;
        } catch (RuntimeException | Error e) {
            if (trace != null && !trace.done()) {
                trace.report(); // what happened before the failure (the lock's release above all)
            }
            throw e;
        }
    }

    /**
     * Active memtable, then immutable memtables newest first, then SSTables newest first; each
     * probe is recorded in {@code trace} when it is not null.
     */
    private KeyValue lookup(byte[] key, OperationTrace trace) {
        EngineState s = readState(trace);
        int memtables = 1 + s.immutables().size();
        if (trace != null) {
            trace.sizePath(memtables, s.sstables().size());
        }
        KeyValue found = null;
        for (int i = -1; i < s.immutables().size() && found == null; i++) {
            Memtable m = i < 0 ? s.active() : s.immutables().get(i);
            // @probe GET_PROBE_MEMTABLE
            gate.reach(ProbePoint.GET_PROBE_MEMTABLE, trace);
            found = m.get(key); // a tombstone ends the search too
            if (trace != null) {
                trace.probed(m.id(), found == null ? EngineEvent.GetPath.NOT_FOUND
                        : found.isTombstone() ? EngineEvent.GetPath.TOMBSTONE : EngineEvent.GetPath.FOUND);
            }
        }
        if (found == null && !s.sstables().isEmpty()) {
            long hash = BloomFilter.hash(key);
            for (SSTableReader t : s.sstables()) {
                // @probe GET_PROBE_SSTABLE
                gate.reach(ProbePoint.GET_PROBE_SSTABLE, trace);
                SSTableReader.Lookup l = t.get(key, hash);
                found = l.found();
                if (trace != null) {
                    trace.probed(t.id(), found != null ? (found.isTombstone() ? EngineEvent.GetPath.TOMBSTONE
                            : EngineEvent.GetPath.FOUND) : !l.bloomMaybe() ? EngineEvent.GetPath.BLOOM_NO
                            : !l.inKeyRange() ? EngineEvent.GetPath.OUT_OF_RANGE : EngineEvent.GetPath.NOT_FOUND);
                }
                if (found != null) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * Live entries with {@code from <= key < to} in key order (null bounds are open), newest version
     * of each key, deleted keys hidden. Reads a snapshot: writes after the call may or may not show.
     */
    public List<KeyValue> scan(byte[] from, byte[] to) {
        checkReadable();
        String fromText = keyText(from);
        long t0 = started(Op.SCAN, fromText);
        List<KeyValue> out = new ArrayList<>();
        scanInto(from, to).forEachRemaining(out::add);
        if (bus.enabled()) {
            finished(Op.SCAN, fromText, out.size() + " entries", t0);
        }
        return out;
    }

    /** The same as {@link #scan} as a lazy iterator, for large ranges. */
    public Iterator<KeyValue> scanInto(byte[] from, byte[] to) {
        checkReadable();
        EngineState s = readState();
        List<Iterator<KeyValue>> sources = new ArrayList<>();
        sources.add(s.active().iterator(from, to));
        for (Memtable m : s.immutables()) {
            sources.add(m.iterator(from, to));
        }
        for (SSTableReader t : s.sstables()) {
            sources.add(t.iterator(from, to));
        }
        return MergingIterator.liveOnly(new MergingIterator(sources));
    }

    private EngineState readState() {
        stateLock.lockRead();
        try {
            return state;
        } finally {
            stateLock.unlockRead();
        }
    }

    /** As {@link #readState()}, the lock's events reported by {@code trace} when it can (null: none). */
    private EngineState readState(OperationTrace trace) {
        boolean traced = lockStateRead(trace);
        try {
            return state;
        } finally {
            if (traced) {
                trace.releasingRead(System.nanoTime());
                stateLock.unlockReadUnreported();
            } else {
                stateLock.unlockRead();
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Observation

    public void addListener(EventListener listener) {
        bus.addListener(listener);
    }

    public void removeListener(EventListener listener) {
        bus.removeListener(listener);
    }

    /**
     * Turns the background flusher on or off while the engine runs (the window's auto-flush
     * switch). Off behaves as {@link Options.FlushMode#MANUAL}: writers never stall, the active
     * memtable grows past its limit when the queue is full, and only {@link #flushOldest()} flushes.
     */
    public void setAutoFlush(boolean on) {
        autoFlush = on;
        synchronized (flushSignal) {
            flushSignal.notifyAll();
        }
        synchronized (roomSignal) {
            roomSignal.notifyAll();
        }
    }

    public boolean autoFlush() {
        return autoFlush;
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
        return dir;
    }

    /** The structure now, as plain facts. */
    public EngineSnapshot snapshot() {
        return snapshotOf(readState());
    }

    private static EngineSnapshot snapshotOf(EngineState s) {
        return new EngineSnapshot(summary(s.active()), s.immutables().stream().map(LsmEngine::summary).toList(),
                s.sstables().stream().map(t -> summary(t.info())).toList());
    }

    /** The records of a memtable still in memory (active or immutable), up to {@code limit}. */
    public List<KeyValue> memtableEntries(long memtableId, int limit) {
        EngineState s = readState();
        Stream<Memtable> all = Stream.concat(Stream.of(s.active()), s.immutables().stream());
        Memtable m = all.filter(x -> x.id() == memtableId).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no memtable #" + memtableId + " in memory"));
        List<KeyValue> out = new ArrayList<>();
        Iterator<KeyValue> it = m.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    /** Everything known about one live SSTable. */
    public SSTableInfo sstableInfo(long sstableId) {
        return table(sstableId).info();
    }

    /** The decoded records of one block of a live SSTable (checksum verified). */
    public List<KeyValue> sstableBlock(long sstableId, int blockNo) {
        return table(sstableId).readBlock(blockNo);
    }

    /** Reads every block of a live SSTable and checks every checksum; throws {@link CorruptionException}. */
    public void verifySSTable(long sstableId) {
        table(sstableId).verifyChecksums();
    }

    private SSTableReader table(long id) {
        return readState().sstables().stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no live sstable #" + id));
    }

    static MemtableSummary summary(Memtable m) {
        return new MemtableSummary(m.id(), m.sizeBytes(), m.entryCount(), displayOrNull(m.minKey()),
                displayOrNull(m.maxKey()));
    }

    static SSTableSummary summary(SSTableInfo i) {
        return new SSTableSummary(i.id(), i.path().toString(), i.fileSize(), i.entryCount(), displayOrNull(i.minKey()),
                displayOrNull(i.maxKey()), i.blocks().size(), i.indexBytes(), i.bloomBytes());
    }

    // ------------------------------------------------------------------------------------------
    // Close

    /**
     * Releases every thread paused at the step gate, stops the flusher, flushes every memtable and
     * closes the files. Idempotent.
     */
    @Override
    public void close() throws IOException {
        shutDown(true);
    }

    /**
     * Closes the files the way a crash leaves them: no memtable is flushed, every write-ahead log is
     * kept, and the next open recovers the memtables from them. The teacher's "pull the plug", and
     * the seam recovery tests use. Idempotent, and a no-op after {@link #close()}.
     */
    public void closeWithoutFlush() throws IOException {
        shutDown(false);
    }

    private void shutDown(boolean flush) throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gate.close();
        closing = true;
        synchronized (flushSignal) {
            flushSignal.notifyAll();
        }
        synchronized (roomSignal) {
            roomSignal.notifyAll();
        }
        {
            try {
                flusher.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // Barrier: wait for writes already inside the state read lock (a writer the gate just
            // released, for one); writes after it see the engine closed and fail.
            stateLock.lockWrite();
            stateLock.unlockWrite();
            if (flush && backgroundError == null) {
                freezeIfStill(state.active(), true);
                while (true) {
                    freezeLock.lock();
                    boolean more;
                    try {
                        more = flushOldestLocked();
                    } finally {
                        freezeLock.unlock();
                    }
                    if (!more) {
                        break;
                    }
                }
            }
        } finally {
            EngineState last = state;
            for (WriteAheadLog log : wals.values()) {
                closeQuietly(log);
                if (flush && backgroundError == null && log.memtableId() == last.active().id()
                        && last.active().isEmpty() && last.immutables().isEmpty()) {
                    deleteQuietly(io, log.path()); // a clean close leaves no empty log behind
                }
            }
            for (SSTableReader t : last.sstables()) {
                t.close();
            }
            try {
                manifest.close();
            } finally {
                try {
                    dirLock.release();
                    lockFile.close();
                } finally {
                    OPEN_IN_THIS_JVM.remove(jvmKey);
                }
            }
            if (bus.enabled()) {
                bus.publish(new EngineEvent.EngineClosed(bus.nextSeq(), System.nanoTime(), EventBus.currentThread()));
            }
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    // ------------------------------------------------------------------------------------------
    // Helpers

    /** Reads go on after a background failure: what is stored stays readable. */
    private void checkReadable() {
        if (closed.get()) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    private void checkOpen() {
        checkReadable();
        Throwable e = backgroundError;
        if (e != null) {
            throw new IllegalStateException("the engine stopped taking writes after a background flush failed: "
                    + e.getMessage(), e);
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("key is empty: a key is 1.." + Options.MAX_KEY_BYTES + " bytes");
        }
        if (key.length > Options.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + key.length + " bytes: a key is 1.."
                    + Options.MAX_KEY_BYTES + " bytes");
        }
    }

    private static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value is null: use delete to remove a key");
        }
        if (value.length > Options.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is " + value.length + " bytes: a value is 0.."
                    + Options.MAX_VALUE_BYTES + " bytes");
        }
    }

    /** The key as event text: computed once per operation, and only when someone wants it. */
    private String keyText(byte[] key) {
        return key != null && bus.detailed() ? Bytes.display(key) : null;
    }

    /** Whether a write that grew the memtable to {@code size} crossed a 1/32 mark of its limit. */
    private boolean crossedFillMark(long size, int written) {
        long limit = options.memtableSizeBytes();
        long before = size - written - lsmviz.engine.memtable.Memtable.ENTRY_OVERHEAD;
        return size * 32 / limit != Math.max(0, before) * 32 / limit;
    }

    /** Operation events: puts, gets, deletes and scans are detail; freezes and flushes are structure. */
    private boolean wantsOperationEvents(Op op) {
        return op == Op.FREEZE || op == Op.FLUSH ? bus.enabled() : bus.detailed();
    }

    /** Listeners changed what they want ({@link EventListener#detail()}): re-read it. */
    public void eventDetailChanged() {
        bus.refresh();
    }

    private long started(Op op, String key) {
        if (!wantsOperationEvents(op)) {
            return 0;
        }
        long now = System.nanoTime();
        publishOperation(op, new EngineEvent.OperationStarted(bus.nextSeq(), now, EventBus.currentThread(), op,
                key));
        return now;
    }

    private void finished(Op op, String key, String outcome, long t0) {
        if (!wantsOperationEvents(op)) {
            return;
        }
        long now = System.nanoTime();
        publishOperation(op, new EngineEvent.OperationFinished(bus.nextSeq(), now, EventBus.currentThread(), op,
                key, outcome, t0 == 0 ? 0 : now - t0));
    }

    private void publishOperation(Op op, EngineEvent e) {
        if (op == Op.FREEZE || op == Op.FLUSH) {
            bus.publish(e);
        } else {
            bus.publishDetailed(e);
        }
    }

    private void publishError(String message) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.EngineError(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    message));
        }
    }

    private void publishFileRemoved(Path f, String reason) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.FileRemoved(bus.nextSeq(), System.nanoTime(), EventBus.currentThread(),
                    f.getFileName().toString(), reason));
        }
    }

    private static void closeQuietly(WriteAheadLog log) {
        try {
            log.close();
        } catch (IOException ignored) {
            // closing after a failure: what was acknowledged is already on disk
        }
    }

    public static String walFileName(long id) {
        return String.format("%06d%s", id, WriteAheadLog.SUFFIX);
    }

    /** A log's records take less room than the memtable's estimate of itself, so this rarely grows. */
    private long walCapacity() {
        return Math.min(options.memtableSizeBytes() + (64 << 10), 1L << 30);
    }

    private Path walPath(long id) {
        return dir.resolve(walFileName(id));
    }

    private static String displayOrNull(byte[] key) {
        return key == null ? null : Bytes.display(key);
    }

    public static String sstableFileName(long id) {
        return String.format("%06d.sst", id);
    }

    private Path sstablePath(long id) {
        return dir.resolve(sstableFileName(id));
    }

    /** The id in a file name like {@code 000042.sst}, or 0 when the name is not of that form. */
    static long fileId(Path f, String suffix) {
        String n = f.getFileName().toString();
        if (!n.endsWith(suffix)) {
            return 0;
        }
        String digits = n.substring(0, n.length() - suffix.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the file itself is synced
        }
    }

    private static void deleteQuietly(FileIO io, Path p) {
        try {
            io.delete(p);
        } catch (IOException ignored) {
            // best effort: a leftover is removed at the next open
        }
    }

    /** Immutable memtables, newest first, for tests in this package. */
    List<Long> immutableIds() {
        return Collections.unmodifiableList(readState().immutables().stream().map(Memtable::id).toList());
    }
}
