package lsmviz.engine.state;

import lsmviz.engine.event.EventBus;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;

/**
 * The one owner of the engine's state: the current {@link EngineState} and the two locks that
 * guard it, as the seed design has them. It is the only place the state is replaced.
 *
 * <ul>
 *   <li>The <b>freeze lock</b> (a mutex) serialises freeze, flush and a compaction's install:
 *       only one of them runs at a time, and only they replace the state.</li>
 *   <li>The <b>state lock</b> (read-write) guards the state itself: writers write into the active
 *       memtable under its read side; a swap takes its write side.</li>
 * </ul>
 * Lock order: the freeze lock, then the state lock. Each method says which lock it needs
 * ({@code REQUIRES:}, as LevelDB's comments do) and checks it, so a story that forgets a lock
 * fails at once instead of racing.
 */
public final class CurrentState {
    public static final String FREEZE_LOCK = "freeze lock";
    public static final String STATE_LOCK = "state lock";

    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;
    /** Replaced whole by {@link #replace}; volatile so that {@link #peek} sees the latest. */
    private volatile EngineState state;

    public CurrentState(EngineState initial, EventBus bus, LockTable table) {
        this.freezeLock = new TracedMutex(FREEZE_LOCK, bus, table);
        this.stateLock = new TracedReadWriteLock(STATE_LOCK, bus, table);
        this.state = initial;
    }

    public TracedMutex freezeLock() {
        return freezeLock;
    }

    public TracedReadWriteLock stateLock() {
        return stateLock;
    }

    /**
     * The state. REQUIRES: the freeze lock (nobody can replace it meanwhile) or either side of
     * the state lock.
     */
    public EngineState get() {
        if (!freezeLock.isHeldByCurrentThread() && !stateLock.isReadLockedByCurrentThread()
                && !stateLock.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("reading the state requires the freeze lock or the state lock");
        }
        return state;
    }

    /**
     * The state now, with no lock: a glance (the active memtable's size, the queue's length, L0's
     * tables) that a decision must re-check under a lock before it acts on it.
     */
    public EngineState peek() {
        return state;
    }

    /** The state, read under the state lock's read side. */
    public EngineState read() {
        stateLock.lockRead();
        try {
            return state;
        } finally {
            stateLock.unlockRead();
        }
    }

    /** The state with its version pinned: the caller unpins it when done reading its tables. */
    public EngineState pinned() {
        stateLock.lockRead();
        try {
            EngineState s = state;
            s.version().pin();
            return s;
        } finally {
            stateLock.unlockRead();
        }
    }

    /**
     * Installs {@code next}: a freeze's, a flush's or a compaction's swap. REQUIRES: the freeze
     * lock and the state lock's write side, both held by the caller.
     */
    public void replace(EngineState next) {
        if (!freezeLock.isHeldByCurrentThread() || !stateLock.isWriteLockedByCurrentThread()) {
            throw new IllegalStateException("replacing the state requires the freeze lock and the state write lock");
        }
        state = next;
    }
}
