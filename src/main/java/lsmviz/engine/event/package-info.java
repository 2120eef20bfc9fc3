/**
 * Engine events: a sealed interface of records carrying plain facts (ids, sizes, key text, thread
 * names), never live engine objects. Listeners run on the engine thread where the event happened,
 * with no engine lock held where the event allows it (see
 * {@link lsmviz.engine.event.EventListener}), and must only enqueue. With no listener attached,
 * each hook is one volatile read; {@code -Dlsmviz.events=off} removes the hooks entirely (to
 * measure their cost). A listener that throws is counted and reported, never dropped in silence
 * ({@link lsmviz.engine.event.EventBus}).
 */
package lsmviz.engine.event;
