package lsmviz.engine.event;

/**
 * Receives engine events on the thread they happen on. Implementations must return quickly and
 * must never block or call back into the engine: the UI's listener only enqueues.
 *
 * <p>As RocksDB's listeners are, a listener is called with no engine lock held wherever the
 * event allows it: an operation's events (started, memtable written, get path, finished) come
 * after the state lock is let go. Three kinds come from inside a lock, because that is what they
 * report: a lock's own acquisition and release, a step reached by a thread holding locks, and a
 * freeze's or flush's events, which come under the freeze lock so that no flush is ever reported
 * before the freeze of its memtable.
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

    /**
     * A listener that tells {@code first}, then {@code second}, of every event; it wants every
     * event when either does. A null side is left out.
     */
    static EventListener both(EventListener first, EventListener second) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return new EventListener() {
            @Override
            public void onEvent(EngineEvent event) {
                first.onEvent(event);
                second.onEvent(event);
            }

            @Override
            public Detail detail() {
                return first.detail() == Detail.ALL || second.detail() == Detail.ALL ? Detail.ALL : Detail.STRUCTURE;
            }
        };
    }

    /** How many events a listener wants. */
    enum Detail { STRUCTURE, ALL }
}
