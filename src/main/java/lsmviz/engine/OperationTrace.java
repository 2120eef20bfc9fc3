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
 * listeners together, as one {@link EventBatch} built from the facts kept here: one sequence
 * number reservation, one call per listener, and records only for listeners that read them. A
 * write hands its batch over before it lets go of the state lock, so that whoever takes the lock
 * next is seen taking it after this release. A get reserves the numbers of its first three events
 * (up to the release) before it lets go of the lock and those of the last two when it ends, so
 * that the numbers stay in the order things happened; it hands the batch over when it ends.
 *
 * <p><b>Otherwise</b> (slow motion or stepping, a queue at the lock, a freeze or stall before the
 * write, a log sync, a failure) the trace reports each event on its own: what it held back the
 * moment the operation leaves the fast path ({@link #report()}), every later one as it happens.
 * Listeners see the same events in the same order either way.
 *
 * <p>Written only by the operation's thread. Once handed over as a batch, nothing here changes
 * again (apart from the key's text, cached by whoever builds it first), so the batch can be read
 * on any thread.
 */
final class OperationTrace implements EventBatch, StepGate.Pending {
    static final int STARTED = 0;
    static final int ACQUIRED = 1;
    static final int RELEASED = 2;
    static final int RESULT = 3;
    static final int FINISHED = 4;
    static final int SIZE = 5;
    private static final String LOCK_MODE = LockMode.READ.label();

    private final EventBus bus;
    private final String thread;
    private final Op op;
    /** The engine's own copy of the key (never changed); listeners only ever see its text. */
    private final byte[] key;
    private String keyText;

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

    private long startedAt;
    private long acquiredAt;
    private long releasedAt;
    private long resultAt;
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

    OperationTrace(EventBus bus, Op op, byte[] key) {
        this.bus = bus;
        this.thread = EventBus.currentThread();
        this.op = op;
        this.key = key;
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
     * no sync, and it is about to let go of the lock at {@code now}: on the fast path the whole
     * batch goes out now (the memtable write and the end share the release's time). Returns false
     * when the write left the fast path; the caller then reports the release with
     * {@link #releasingWrite}.
     */
    boolean releasingWholeWrite(long now, long memtableId, long memtableBytes, long memtableEntries, String outcome) {
        if (single) {
            return false;
        }
        this.memtableId = memtableId;
        this.memtableBytes = memtableBytes;
        this.memtableEntries = memtableEntries;
        this.outcome = outcome;
        releasedAt = now;
        resultAt = now;
        finishedAt = now;
        known = SIZE;
        firstSeq = bus.reserveSeqs(SIZE);
        next = SIZE;
        bus.publishDetailed(this);
        return true;
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

    /** A write's result, at {@code at}: what the memtable holds after it (reported at once: off the fast path). */
    void written(long memtableId, long memtableBytes, long memtableEntries, long at) {
        this.memtableId = memtableId;
        this.memtableBytes = memtableBytes;
        this.memtableEntries = memtableEntries;
        resultAt = at;
        known = RESULT + 1;
        reportIfSingle();
    }

    /** A get's path is about to be walked: room for this many probes. */
    void sizePath(int memtables, int sstables) {
        pathMemtables = memtables;
        pathIds = new long[memtables + sstables];
        pathVerdicts = new byte[memtables + sstables];
    }

    /** One probe of a get's path, in probe order. */
    void probed(long id, byte verdict) {
        pathIds[pathLength] = id;
        pathVerdicts[pathLength++] = verdict;
    }

    /**
     * The operation ends with {@code outcome} at {@code now}: the rest is reported (for a get on
     * the fast path, the whole batch). Not for a write whose batch went out at the release
     * ({@link #done()}).
     */
    void finished(String outcome, long now) {
        this.outcome = outcome;
        this.finishedAt = now;
        if (known <= RESULT) {
            resultAt = now; // a get's path: known at its end
        }
        known = SIZE;
        if (!single && lockEvents && next == 0) {
            resultSeq = bus.reserveSeqs(SIZE - RESULT);
            next = SIZE;
            bus.publishDetailed(this);
        } else {
            report();
        }
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
        return build(i, resultSeq != 0 && i >= RESULT ? resultSeq + (i - RESULT) : firstSeq + i);
    }

    private EngineEvent build(int i, long seq) {
        return switch (i) {
            case STARTED -> new EngineEvent.OperationStarted(seq, startedAt, thread, op, keyText());
            case ACQUIRED -> new EngineEvent.LockAcquired(seq, acquiredAt, thread, LsmEngine.STATE_LOCK, LOCK_MODE, 0);
            case RELEASED -> new EngineEvent.LockReleased(seq, releasedAt, thread, LsmEngine.STATE_LOCK, LOCK_MODE,
                    releasedAt - acquiredAt);
            case RESULT -> op == Op.GET
                    ? new EngineEvent.GetPath(seq, resultAt, thread, keyText(),
                            pathIds == null ? new long[0] : Arrays.copyOf(pathIds, pathLength),
                            pathVerdicts == null ? new byte[0] : Arrays.copyOf(pathVerdicts, pathLength),
                            Math.min(pathMemtables, pathLength))
                    : new EngineEvent.MemtableWritten(seq, resultAt, thread, memtableId, keyText(), op == Op.DELETE,
                            memtableBytes, memtableEntries);
            case FINISHED -> new EngineEvent.OperationFinished(seq, finishedAt, thread, op, keyText(), outcome,
                    finishedAt - startedAt);
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    private String keyText() {
        String t = keyText;
        if (t == null) {
            t = Bytes.display(key);
            keyText = t; // a race builds it twice at worst: Strings are immutable
        }
        return t;
    }
}
