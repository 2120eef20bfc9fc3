package lsmviz.engine.io;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import lsmviz.engine.types.CrashKind;

/**
 * The door every disk operation of {@link CrashableFileIO} goes through, shut for good by a crash.
 * An operation holds the read side while it checks that the door is open and makes its real call
 * (and its bookkeeping); the crash holds the write side. So an operation either completes before
 * the crash, and the crash sees what it did, or fails: none runs half before and half after.
 */
final class CrashGate {
    /** A file operation. */
    interface IoCall<T> {
        T call() throws IOException;
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The crash, once it happened; null before. */
    private volatile CrashKind crash;

    /** Runs {@code call} unless the crash happened; {@code what} names it in the failure. */
    <T> T pass(String what, IoCall<T> call) throws IOException {
        lock.readLock().lock();
        try {
            check(what);
            return call.call();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code bookkeeping} unless the crash happened (it then has nothing left to keep). */
    void ifOpen(Runnable bookkeeping) {
        lock.readLock().lock();
        try {
            if (crash == null) {
                bookkeeping.run();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Fails if the crash happened; a cheap check for calls that change nothing on disk. */
    void check(String what) throws IOException {
        CrashKind k = crash;
        if (k != null) {
            throw new SimulatedCrashException(k, what);
        }
    }

    /**
     * Shuts the door once every operation in progress is done, then runs {@code aftermath} with no
     * operation running or able to start.
     */
    <T> T crash(CrashKind kind, IoCall<T> aftermath) throws IOException {
        lock.writeLock().lock();
        try {
            if (crash != null) {
                throw new IllegalStateException("already crashed: " + crash.label());
            }
            crash = kind;
            return aftermath.call();
        } finally {
            lock.writeLock().unlock();
        }
    }

    CrashKind crashed() {
        return crash;
    }
}
