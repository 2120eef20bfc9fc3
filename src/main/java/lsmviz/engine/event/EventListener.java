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
     * Several consecutive events of one thread at once (see {@link EventBatch}): the engine hands
     * over a put's or get's events together. By default each is built and passed to
     * {@link #onEvent}; a listener that can use the batch whole (count it, queue it) overrides this
     * and saves building events nobody reads.
     */
    default void onEvents(EventBatch batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            onEvent(batch.get(i));
        }
    }

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
