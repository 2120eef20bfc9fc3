package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import lsmviz.engine.lock.TracedMutex;
import lsmviz.engine.lock.TracedReadWriteLock;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;

/**
 * The freeze: the active memtable becomes the newest immutable one and a fresh memtable (with its
 * own write-ahead log) takes the writes. Under the freeze lock, so that two writers that both
 * found the memtable full do not both freeze it; the swap under the state lock's write side, so
 * that no write goes into the memtable while it is being frozen.
 */
final class Freeze {
    private final CurrentState current;
    private final TracedMutex freezeLock;
    private final TracedReadWriteLock stateLock;
    private final StepGate gate;
    private final EngineEvents events;
    private final WalSet wals;
    private final Flusher flusher;
    private final int maxImmutables;

    Freeze(CurrentState current, StepGate gate, EngineEvents events, WalSet wals, Flusher flusher, int maxImmutables) {
        this.current = current;
        this.freezeLock = current.freezeLock();
        this.stateLock = current.stateLock();
        this.gate = gate;
        this.events = events;
        this.wals = wals;
        this.flusher = flusher;
        this.maxImmutables = maxImmutables;
    }

    /**
     * Freezes {@code memtable} if it is still the active one and
     * still needs it. {@code force}: whatever its size and the
     * queue's length (a user's request, not a full memtable).
     */
    boolean freezeIfStill(Memtable memtable, boolean force) {
        freezeLock.lock();
        try {
            // Holding the freeze lock, nobody else can replace the
            // state: read it and re-check.
            // @probe FREEZE_RECHECK
            gate.reach(ProbePoint.FREEZE_RECHECK);
            EngineState s = current.get();
            if (s.active() != memtable) {
                // Another thread froze it while we waited for the
                // freeze lock. This is why that lock exists: without
                // it, two writers would both freeze.
                return false;
            } else if (memtable.isEmpty()) {
                return false; // not worth a table
            } else if (!force && flusher.autoFlush() && s.immutables()
                    .size() >= maxImmutables) {
                return false; // the queue filled up: the caller stalls
            }
            Memtable fresh = newMemtable(); // its log, before the swap
            EngineState next;
            stateLock.lockWrite();
            try {
                // @probe FREEZE_SWAP
                gate.reach(ProbePoint.FREEZE_SWAP);
                next = current.get().withFrozenActive(fresh);
                current.replace(next);
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
}
