/**
 * Engine events: a sealed interface of records carrying plain facts (ids, sizes, key text, thread
 * names), never live engine objects. Listeners run on the engine thread where the event happened,
 * sometimes with locks held, and must only enqueue. With no listener attached, each hook is one
 * volatile read; {@code -Dlsmviz.events=off} removes the hooks entirely (to measure their cost).
 */
package lsmviz.engine.event;
