/**
 * Engine events: a sealed interface of records carrying plain facts (ids, sizes, key text, thread
 * names), never live engine objects. Listeners run on the engine thread where the event happened,
 * sometimes with locks held, and must only enqueue. With no listener attached, each hook is one
 * volatile read; {@code -Dlsmviz.events=off} removes the hooks entirely (to measure their cost).
 *
 * <p>A put's, delete's or get's five events (started, state lock acquired and released, memtable
 * written or path, finished) reach a listener as one {@link lsmviz.engine.event.EventBatch} when
 * the operation runs uninterrupted: see {@link lsmviz.engine.event.EventListener#onEvents}.
 */
package lsmviz.engine.event;
