package lsmviz.engine.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands events to listeners. With no listener attached, {@link #enabled()} is one volatile read
 * and call sites skip building the event at all: that is how the hooks stay near free.
 *
 * <p>Setting the system property {@code lsmviz.events=off} compiles the hooks away entirely
 * (a {@code static final} the JIT folds); it exists only to measure what the hooks cost.
 */
public final class EventBus {
    /** Hooks present at all (benchmark baseline switch). */
    public static final boolean HOOKS = !"off".equals(System.getProperty("lsmviz.events"));

    private final CopyOnWriteArrayList<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile boolean enabled;
    private volatile boolean detailed;
    /** The listeners that want {@link EventListener.Detail#ALL}, as of the last {@link #refresh()}. */
    private volatile EventListener[] detailedListeners = new EventListener[0];

    /** Whether anyone listens: call sites check this before building an event. */
    public boolean enabled() {
        return HOOKS && enabled;
    }

    /**
     * Whether anyone wants per-operation and per-lock events ({@link EventListener.Detail#ALL});
     * call sites of those check this, and publish them with {@link #publishDetailed}.
     */
    public boolean detailed() {
        return HOOKS && detailed;
    }

    public void addListener(EventListener l) {
        listeners.add(l);
        refresh();
    }

    public void removeListener(EventListener l) {
        listeners.remove(l);
        refresh();
    }

    /** Re-reads every listener's {@link EventListener#detail()}. */
    public void refresh() {
        enabled = !listeners.isEmpty();
        EventListener[] all = listeners.stream().filter(l -> l.detail() == EventListener.Detail.ALL)
                .toArray(EventListener[]::new);
        detailedListeners = all;
        detailed = all.length > 0;
    }

    /** The next sequence number; take it right before building the event you publish. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /**
     * Reserves {@code n} consecutive sequence numbers for a batch and returns the first: one
     * atomic update for the whole batch.
     */
    public long reserveSeqs(int n) {
        return seq.getAndAdd(n) + 1;
    }

    public static String currentThread() {
        return Thread.currentThread().getName();
    }

    /** Publishes a per-operation or per-lock event to the listeners that want {@code ALL}. */
    public void publishDetailed(EngineEvent e) {
        for (EventListener l : detailedListeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // as in publish
            }
        }
    }

    /**
     * Publishes a batch of per-operation and per-lock events (its sequence numbers taken with
     * {@link #reserveSeqs}) to the listeners that want {@code ALL}.
     */
    public void publishDetailed(EventBatch b) {
        for (EventListener l : detailedListeners) {
            try {
                l.onEvents(b);
            } catch (RuntimeException ex) {
                // as in publish
            }
        }
    }

    public void publish(EngineEvent e) {
        for (EventListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // a listener's bug must never break the engine; drop it and go on
            }
        }
    }
}
