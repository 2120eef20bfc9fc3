package lsmviz.engine;

import java.util.Arrays;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EventBatch;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.step.StepGate;

/**
 * The five events of one put, delete or get at full detail, gathered while it runs: operation
 * started, state lock acquired and released, the result (memtable written, or the get's path),
 * operation finished.
 *
 * <p><b>Fast path</b>, the common case: the operation takes the state lock without waiting, the
 * step gate runs freely and (for a write) no log sync is waited for. Then the events go to the
 * listeners together, as one {@link EventBatch} built from the facts kept here: one call per
 * listener, and records only for listeners that read them. A write hands its batch over right
 * before it lets go of the state lock, so that whoever takes the lock next is numbered (and seen)
 * after this release; a get hands its batch over as it ends. What happens at that moment (a
 * write's release, memtable write and end; a get's path and end) is timed, and the batch's
 * sequence numbers taken, when a listener first looks during that call: the same instant, give or
 * take the listener calls before it, and a listener that only counts events costs neither a clock
 * read nor a reservation. A get's release is timed when it happens and numbered (with the start
 * and the acquisition) before it lets go of the lock, so that the numbers stay in the order
 * things happened.
 *
 * <p><b>Otherwise</b> (slow motion or stepping, a queue at the lock, a freeze or stall before the
 * write, a log sync, a failure) the trace reports each event on its own: what it held back the
 * moment the operation leaves the fast path ({@link #report()}), every later one as it happens.
 * Listeners see the same events in the same order either way.
 *
 * <p>Each thread reuses one trace for its operations ({@link #begin}, {@link #end}): nothing is
 * allocated per operation. So a batch is valid only during the listener call that hands it over
 * (see {@link EventBatch}); {@link #copy()} gives one to keep. Written and read only by the
 * operation's thread.
 */
final class OperationTrace implements EventBatch, StepGate.Pending {
    static final int STARTED = 0;
    static final int ACQUIRED = 1;
    static final int RELEASED = 2;
    static final int RESULT = 3;
    static final int FINISHED = 4;
    static final int SIZE = 5;
    private static final String LOCK_MODE = LockMode.READ.label();

    private static final ThreadLocal<OperationTrace> PER_THREAD = ThreadLocal.withInitial(OperationTrace::new);

    private EventBus bus;
    private String thread;
    private Op op;
    /**
     * The operation's key, copied here (listeners only ever see its text, made when one asks):
     * keeping the caller's array would cost a reference store per operation (see {@link #begin}).
     */
    private byte[] keyBytes = NO_BYTES;
    private static final byte[] NO_BYTES = new byte[0];
    /** The key's length in {@link #keyBytes}, or -1 for a null key. */
    private int keyLength;
    /** A key longer than any valid one (the operation refuses it), kept as given instead of copied. */
    private byte[] oversizeKey;
    private String keyText;
    /** Between {@link #begin} and {@link #end}. */
    private boolean inUse;
    /** A {@link #copy()}: never reused, so it is its own copy. */
    private boolean detached;

    /** Whether the state lock's events are this trace's to report (taken without a wait). */
    private boolean lockEvents;
    /** Events from here on are reported one by one as they become known. */
    private boolean single;
    /** The first event not yet reported. */
    private int next;
    /** Facts are known for the events before this index. */
    private int known = STARTED + 1;
    private long firstSeq;
    /** The sequence number of the {@link #RESULT} event when it was reserved apart (a get); else 0. */
    private long resultSeq;
    /**
     * Numbers a handed-over batch still has to reserve ({@link #ALL_SEQS}, {@link #RESULT_SEQS} or
     * 0): they are reserved when a listener first asks, during the call that hands the batch over
     * (before the write lets go of the lock), so a listener that only counts events costs no
     * reservation at all.
     */
    private int seqsToReserve;
    /**
     * A handed-over batch's last events happen at the time of the call (a write's release, memtable
     * write and end; a get's path and end): the clock is read when a listener first looks, during
     * the call, so a listener that only counts events costs no clock read either.
     */
    private boolean endAtFirstLook;
    private static final int ALL_SEQS = 1;
    private static final int RESULT_SEQS = 2;

    private long startedAt;
    private long acquiredAt;
    private long releasedAt;
    /** The end, and the time of the result (memtable written, path), which happens with it. */
    private long finishedAt;
    private String outcome;
    // a write's result
    private long memtableId;
    private long memtableBytes;
    private long memtableEntries;
    // a get's result: the path, one entry per probe
    private long[] pathIds;
    private byte[] pathVerdicts;
    private int pathLength;
    private int pathMemtables;

    private OperationTrace() {
    }

    /**
     * The calling thread's trace, set up for a new operation; {@link #end()} it when the operation
     * ends, however it ends.
     */
    static OperationTrace begin(EventBus bus, Op op, byte[] key) {
        OperationTrace t = PER_THREAD.get();
        if (t.inUse) {
            t = new OperationTrace(); // an operation inside another (none today): its own trace
        }
        t.inUse = true;
        // References are stored only when they change: the trace lives long (in the old
        // generation), where each store of a reference costs the collector's write barrier (with
        // G1, a memory fence) - a few of those per put were most of a counting listener's cost.
        if (t.bus != bus) {
            t.bus = bus;
        }
        String name = EventBus.currentThread();
        if (t.thread != name) {
            t.thread = name;
        }
        if (t.op != op) {
            t.op = op;
        }
        t.setKey(key);
        if (t.keyText != null) {
            t.keyText = null;
        }
        t.lockEvents = false;
        t.single = false;
        t.next = STARTED;
        t.known = STARTED + 1;
        t.firstSeq = 0;
        t.resultSeq = 0;
        t.seqsToReserve = 0;
        t.endAtFirstLook = false;
        t.startedAt = 0;
        t.acquiredAt = 0;
        t.releasedAt = 0;
        t.finishedAt = 0;
        t.pathLength = 0;
        t.pathMemtables = 0;
        return t;
    }

    /**
     * The operation ended (the thread keeps the trace). It lets go of an oversize key; it keeps
     * its bus, thread name and outcome until the thread's next operation, which replaces them only
     * if they differ (see {@link #begin}): one closed engine's bus per thread at most.
     */
    void end() {
        if (oversizeKey != null) {
            oversizeKey = null;
        }
        inUse = false;
    }

    private void setKey(byte[] key) {
        if (oversizeKey != null) {
            oversizeKey = null; // end() lets go of it too; this keeps a trace right whatever the caller did
        }
        if (key == null) {
            keyLength = -1;
        } else if (key.length > Options.MAX_KEY_BYTES) {
            oversizeKey = key;
            keyLength = -1;
        } else {
            if (keyBytes.length < key.length) {
                keyBytes = new byte[Math.max(Math.max(key.length, 32), 2 * keyBytes.length)];
            }
            System.arraycopy(key, 0, keyBytes, 0, key.length);
            keyLength = key.length;
        }
    }

    /**
     * Takes the state lock's read side if it is free at once, reporting the acquisition (and
     * later the release) here. Returns false with nothing taken when the lock is not free or the
     * operation already left the fast path; the caller then reports what is pending and takes the
     * lock the traced way.
     */
    boolean tryLockState(TracedReadWriteLock stateLock) {
        if (single) {
            return false;
        }
        long now = System.nanoTime();
        if (!stateLock.tryLockReadUnreported(now)) {
            return false;
        }
        if (startedAt == 0) {
            startedAt = now; // one clock read serves the start and the acquisition
        }
        acquiredAt = now;
        lockEvents = true;
        known = ACQUIRED + 1;
        return true;
    }

    /**
     * A write that took the state lock with {@link #tryLockState} is done under it, its log needs
     * no sync, and it is about to let go of the lock: on the fast path the whole batch goes out now,
     * its release, memtable write and end at the time of this call (read when a listener first
     * looks). Returns false when the write left the fast path; the caller then reports the release
     * with {@link #releasingWrite}.
     */
    boolean releasingWholeWrite(long memtableId, long memtableBytes, long memtableEntries, String outcome) {
        if (single) {
            return false;
        }
        this.memtableId = memtableId;
        this.memtableBytes = memtableBytes;
        this.memtableEntries = memtableEntries;
        handOver(outcome, ALL_SEQS);
        return true;
    }

    /**
     * The fast path's end: the whole batch goes to the listeners now, its last events timed and
     * {@code seqs} numbers reserved when a listener first looks ({@link #resolve()}).
     */
    private void handOver(String outcome, int seqs) {
        if (this.outcome != outcome) { // a reference store only when it changes (see begin)
            this.outcome = outcome;
        }
        endAtFirstLook = true;
        known = SIZE;
        seqsToReserve = seqs;
        next = SIZE;
        bus.publishDetailed(this);
    }

    /**
     * A write that took the state lock with {@link #tryLockState} lets go of it at {@code now}
     * with more to come (a log sync, or a failure): it leaves the fast path, reporting everything
     * up to this release now; the rest follows with {@link #written} and {@link #finished}.
     */
    void releasingWrite(long now) {
        releasedAt = now;
        known = RELEASED + 1;
        report();
    }

    /**
     * A get that took the state lock with {@link #tryLockState} lets go of it at {@code now}. The
     * release takes its place in the order of events now (its sequence number, reserved with those
     * before it) and is reported now if the get left the fast path.
     */
    void releasingRead(long now) {
        releasedAt = now;
        known = RELEASED + 1;
        if (!single) {
            firstSeq = bus.reserveSeqs(RELEASED + 1);
        }
        reportIfSingle();
    }

    /**
     * A write's result, at {@code at}: what the memtable holds after it (reported at once: off the
     * fast path); the write ends at the same time ({@link #finished}).
     */
    void written(long memtableId, long memtableBytes, long memtableEntries, long at) {
        this.memtableId = memtableId;
        this.memtableBytes = memtableBytes;
        this.memtableEntries = memtableEntries;
        finishedAt = at;
        known = RESULT + 1;
        reportIfSingle();
    }

    /** A get's path is about to be walked: room for this many probes. */
    void sizePath(int memtables, int sstables) {
        pathMemtables = memtables;
        int n = memtables + sstables;
        if (pathIds == null || pathIds.length < n) {
            pathIds = new long[Math.max(n, 16)];
            pathVerdicts = new byte[pathIds.length];
        }
    }

    /** One probe of a get's path, in probe order. */
    void probed(long id, byte verdict) {
        pathIds[pathLength] = id;
        pathVerdicts[pathLength++] = verdict;
    }

    /**
     * A get ends with {@code outcome}. On the fast path its batch goes out now, its path and end at
     * the time of this call (read when a listener first looks); otherwise the rest is reported
     * one by one.
     */
    void getFinished(String outcome) {
        if (!single && lockEvents && next == 0) {
            handOver(outcome, RESULT_SEQS);
        } else {
            finished(outcome, System.nanoTime());
        }
    }

    /**
     * The operation ends off the fast path with {@code outcome} at {@code now}: the rest is
     * reported one by one.
     */
    void finished(String outcome, long now) {
        this.outcome = outcome;
        this.finishedAt = now;
        known = SIZE;
        report();
    }

    /** Whether every event is out (a write's batch goes out at the release). */
    boolean done() {
        return next == SIZE;
    }

    /**
     * Leaves the fast path: reports, one by one, every event known and not yet reported, and
     * every later one as it happens. The step gate calls this before it shows the thread at a
     * point.
     */
    @Override
    public void report() {
        single = true;
        reportKnown();
    }

    private void reportIfSingle() {
        if (single) {
            reportKnown();
        }
    }

    private void reportKnown() {
        while (next < known) {
            int i = next++;
            if (!lockEvents && (i == ACQUIRED || i == RELEASED)) {
                continue; // the lock reported those itself
            }
            if (i == STARTED && startedAt == 0) {
                startedAt = System.nanoTime();
            }
            // a get that reserved its first numbers at the release keeps them (they are in order)
            long seq = firstSeq != 0 && i <= RELEASED ? firstSeq + i : bus.nextSeq();
            bus.publishDetailed(build(i, seq));
        }
    }

    // ---- the batch

    @Override
    public long firstSeq() {
        resolve();
        return firstSeq;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public EngineEvent get(int i) {
        if (i < 0 || i >= SIZE) {
            throw new IndexOutOfBoundsException("event " + i + " of " + SIZE);
        }
        resolve();
        return build(i, resultSeq != 0 && i >= RESULT ? resultSeq + (i - RESULT) : firstSeq + i);
    }

    /** What a handed-over batch left to the first look: its end time and sequence numbers. */
    private void resolve() {
        if (!inUse && !detached) {
            throw new IllegalStateException("a batch is valid only during the onEvents call that hands it over;"
                    + " keep its copy() instead");
        }
        if (endAtFirstLook) {
            long now = System.nanoTime();
            if (op != Op.GET) {
                releasedAt = now; // a get's release was timed when it happened, before its path
            }
            finishedAt = now;
            endAtFirstLook = false;
        }
        if (seqsToReserve == ALL_SEQS) {
            firstSeq = bus.reserveSeqs(SIZE);
        } else if (seqsToReserve == RESULT_SEQS) {
            resultSeq = bus.reserveSeqs(SIZE - RESULT);
        }
        seqsToReserve = 0;
    }

    private EngineEvent build(int i, long seq) {
        return switch (i) {
            case STARTED -> new EngineEvent.OperationStarted(seq, startedAt, thread, op, keyText());
            case ACQUIRED -> new EngineEvent.LockAcquired(seq, acquiredAt, thread, LsmEngine.STATE_LOCK, LOCK_MODE, 0);
            case RELEASED -> new EngineEvent.LockReleased(seq, releasedAt, thread, LsmEngine.STATE_LOCK, LOCK_MODE,
                    releasedAt - acquiredAt);
            case RESULT -> op == Op.GET
                    ? new EngineEvent.GetPath(seq, finishedAt, thread, keyText(),
                            pathLength == 0 ? new long[0] : Arrays.copyOf(pathIds, pathLength),
                            pathLength == 0 ? new byte[0] : Arrays.copyOf(pathVerdicts, pathLength),
                            Math.min(pathMemtables, pathLength))
                    : new EngineEvent.MemtableWritten(seq, finishedAt, thread, memtableId, keyText(), op == Op.DELETE,
                            memtableBytes, memtableEntries);
            case FINISHED -> new EngineEvent.OperationFinished(seq, finishedAt, thread, op, keyText(), outcome,
                    finishedAt - startedAt);
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    private String keyText() {
        if (keyText == null) {
            keyText = Bytes.display(oversizeKey != null ? oversizeKey
                    : keyLength < 0 ? null : Arrays.copyOf(keyBytes, keyLength));
        }
        return keyText;
    }

    /** A detached copy of these facts, immutable once made: it may be kept and read on any thread. */
    @Override
    public EventBatch copy() {
        if (detached) {
            return this;
        }
        resolve(); // a copy has its times and numbers
        OperationTrace c = new OperationTrace();
        c.detached = true;
        c.thread = thread;
        c.op = op;
        c.keyText = keyText(); // the key's text, not the key: the caller may reuse its array
        c.lockEvents = lockEvents;
        c.single = single;
        c.next = next;
        c.known = known;
        c.firstSeq = firstSeq;
        c.resultSeq = resultSeq;
        c.startedAt = startedAt;
        c.acquiredAt = acquiredAt;
        c.releasedAt = releasedAt;
        c.finishedAt = finishedAt;
        c.outcome = outcome;
        c.memtableId = memtableId;
        c.memtableBytes = memtableBytes;
        c.memtableEntries = memtableEntries;
        c.pathIds = pathLength == 0 ? null : Arrays.copyOf(pathIds, pathLength);
        c.pathVerdicts = pathLength == 0 ? null : Arrays.copyOf(pathVerdicts, pathLength);
        c.pathLength = pathLength;
        c.pathMemtables = pathMemtables;
        return c;
    }
}
