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

    /** Whether anyone listens: call sites check this before building an event. */
    public boolean enabled() {
        return HOOKS && enabled;
    }

    public void addListener(EventListener l) {
        listeners.add(l);
        enabled = true;
    }

    public void removeListener(EventListener l) {
        listeners.remove(l);
        enabled = !listeners.isEmpty();
    }

    /** The next sequence number; take it right before building the event you publish. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public static String currentThread() {
        return Thread.currentThread().getName();
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
