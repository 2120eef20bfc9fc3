package lsmviz.engine;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.io.CrashableFileIO;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.state.CurrentState;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;

/**
 * How the engine stops: a close (threads stopped, every memtable flushed, files closed), a close
 * without flush (the logs kept for the next open), or a simulated crash (nothing more reaches the
 * disk). Each happens once; after it every operation fails.
 */
final class Shutdown {
    private final DbDirectory dir;
    private final EventBus bus;
    private final StepGate gate;
    private final EngineEvents events;
    private final CurrentState current;
    private final WalSet wals;
    private final Manifest manifest;
    private final Freeze freeze;
    private final Flush flush;
    private final Flusher flusher;
    private final Compactor compactor;
    private final LockTable lockTable;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** How the engine crashed (simulated), or null. */
    private volatile CrashKind crashed;

    Shutdown(DbDirectory dir, EventBus bus, StepGate gate, EngineEvents events, CurrentState current, WalSet wals,
            Manifest manifest, Freeze freeze, Flush flush, Flusher flusher, Compactor compactor, LockTable lockTable) {
        this.lockTable = lockTable;
        this.dir = dir;
        this.bus = bus;
        this.gate = gate;
        this.events = events;
        this.current = current;
        this.wals = wals;
        this.manifest = manifest;
        this.freeze = freeze;
        this.flush = flush;
        this.flusher = flusher;
        this.compactor = compactor;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Throws when the engine is closed or dead, saying which. */
    void checkNotClosed() {
        if (closed.get()) {
            throw new IllegalStateException(crashed == null ? "the engine is closed"
                    : "the engine is dead: " + crashed.label().toLowerCase(Locale.ROOT) + " (simulated)");
        }
    }

    /** See {@link LsmEngine#crash}. */
    CrashReport crash(CrashKind kind) throws IOException {
        if (!(dir.io() instanceof CrashableFileIO io)) {
            throw new IllegalStateException("this engine cannot crash: open it with LsmEngine.openCrashable");
        }
        if (!closed.compareAndSet(false, true)) {
            throw new IllegalStateException("the engine is closed");
        }
        crashed = kind;
        lockTable.freeze(); // who held what when it died
        Map<Long, Long> written = wals.recordCounts();
        CrashReport report = io.crash(kind); // nothing more reaches the disk
        report = report.withLogs(wals.survivors(written, current.peek().memtables()));
        events.crashed(report);
        bus.silence(); // what the dead engine's threads do next is not the story
        gate.close(); // paused threads go on, and fail at their next file operation
        compactor.stop();
        flusher.stop();
        releaseFiles(false);
        return report;
    }

    /** Closes once; {@code flushFirst}: every memtable goes into an SSTable first. */
    void close(boolean flushFirst) throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gate.close();
        compactor.stop(); // a merge under way is abandoned
        flusher.stop();
        boolean clean = flushFirst && flusher.failure() == null;
        try {
            // Barrier: writes already inside the state read lock end; later ones see it closed.
            current.stateLock().lockWrite();
            current.stateLock().unlockWrite();
            if (clean) {
                freeze.freezeIfStill(current.peek().active(), true);
                while (flush.flushLocked()) {
                    // until every memtable is in an SSTable
                }
            }
        } finally {
            releaseFiles(clean);
            events.engineClosed();
        }
    }

    /** Closes every file and lets go of the directory; {@code clean}: the empty active log goes too. */
    private void releaseFiles(boolean clean) throws IOException {
        EngineState last = current.peek();
        boolean empty = clean && last.active().isEmpty() && last.immutables().isEmpty();
        wals.closeAll(empty ? last.active() : null);
        for (TableFile t : last.version().tables()) {
            t.reader().close();
        }
        try {
            manifest.close();
        } catch (IOException e) {
            if (crashed == null) {
                throw e;
            }
        } finally {
            dir.close();
        }
    }
}
