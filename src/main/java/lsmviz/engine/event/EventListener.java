package lsmviz.engine.event;

/**
 * Receives engine events on the thread they happen on, possibly while engine locks are held.
 * Implementations must return quickly and must never block or call back into the engine: the
 * UI's listener only enqueues.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(EngineEvent event);

    /**
     * How much this listener wants. {@link Detail#ALL}: every event. {@link Detail#STRUCTURE}: no
     * event per operation or per lock hand-over (the bulk at full speed), and the active memtable's
     * fill only every 1/32 of its limit; freezes, flushes, stalls, steps, recovery and errors all
     * come. When it changes, tell the engine ({@code LsmEngine.eventDetailChanged()}).
     */
    default Detail detail() {
        return Detail.ALL;
    }

    /** How many events a listener wants. */
    enum Detail { STRUCTURE, ALL }
}
