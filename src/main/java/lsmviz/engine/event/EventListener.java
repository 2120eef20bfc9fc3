package lsmviz.engine.event;

/**
 * Receives engine events on the thread they happen on, possibly while engine locks are held.
 * Implementations must return quickly and must never block or call back into the engine: the
 * UI's listener only enqueues.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(EngineEvent event);
}
