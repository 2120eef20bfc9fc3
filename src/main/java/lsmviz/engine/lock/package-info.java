/**
 * Traced locks: a mutex ({@link lsmviz.engine.lock.TracedMutex}, the engine's freeze lock) and a
 * read-write lock ({@link lsmviz.engine.lock.TracedReadWriteLock}, the state lock), both fair.
 * Every request, acquisition and release is published as an event when a listener is attached,
 * and {@link lsmviz.engine.lock.LockTable} answers at any moment who holds each lock (thread, mode,
 * since when) and who waits (thread, mode, since when, in queue order). The bookkeeping runs
 * whether or not anyone listens; read holds cost a thread-local update, not a map update.
 */
package lsmviz.engine.lock;
