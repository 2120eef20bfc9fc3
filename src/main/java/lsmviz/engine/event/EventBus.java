package lsmviz.engine.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands events to listeners. With no listener attached, {@link #enabled()} is one volatile read
 * and call sites skip building the event at all: that is how the hooks stay near free.
 *
 * <p>A listener that throws does not stop the others, and it is not dropped in silence: every
 * failure is counted ({@link #listenerErrors()}, shown by {@code stats}), and its 1st, 2nd, 4th,
 * 8th, ... failure is reported to every listener as an {@link EngineEvent.EngineError} naming
 * the listener and what it threw (powers of two, so that a listener failing on every event
 * cannot bury the others' events under reports).
 *
 * <p>Setting the system property {@code lsmviz.events=off} compiles the hooks away entirely
 * (a {@code static final} the JIT folds); it exists only to measure what the hooks cost.
 */
public final class EventBus {
    /** Hooks present at all (benchmark baseline switch). */
    public static final boolean HOOKS = !"off".equals(System.getProperty("lsmviz.events"));

    /** A listener and how often it has thrown. */
    private static final class Subscriber {
        final EventListener listener;
        final AtomicLong failures = new AtomicLong();

        Subscriber(EventListener listener) {
            this.listener = listener;
        }
    }

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final LongAdder listenerErrors = new LongAdder();
    private volatile boolean enabled;
    private volatile boolean detailed;
    private volatile Subscriber[] all = new Subscriber[0];
    /** The listeners that want {@link EventListener.Detail#ALL}, as of the last {@link #refresh()}. */
    private volatile Subscriber[] detailedOnes = new Subscriber[0];

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
        subscribers.add(new Subscriber(l));
        refresh();
    }

    /** Removes {@code l} (once, if it was added twice). */
    public void removeListener(EventListener l) {
        for (Subscriber s : subscribers) {
            if (s.listener.equals(l)) {
                subscribers.remove(s);
                break;
            }
        }
        refresh();
    }

    /** Removes every listener for good: a crashed engine's threads say nothing more. */
    public void silence() {
        subscribers.clear();
        refresh();
    }

    /** Re-reads every listener's {@link EventListener#detail()}. */
    public void refresh() {
        all = subscribers.toArray(Subscriber[]::new);
        detailedOnes = subscribers.stream().filter(s -> s.listener.detail() == EventListener.Detail.ALL)
                .toArray(Subscriber[]::new);
        enabled = all.length > 0;
        detailed = detailedOnes.length > 0;
    }

    /** The next sequence number; take it right before building the event you publish. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    public static String currentThread() {
        return Thread.currentThread().getName();
    }

    /** How many times a listener has thrown, all listeners together. */
    public long listenerErrors() {
        return listenerErrors.sum();
    }

    /** Publishes a per-operation or per-lock event to the listeners that want {@code ALL}. */
    public void publishDetailed(EngineEvent e) {
        deliver(detailedOnes, e);
    }

    /** Publishes an event to every listener. */
    public void publish(EngineEvent e) {
        deliver(all, e);
    }

    private void deliver(Subscriber[] to, EngineEvent e) {
        List<EngineEvent> reports = null;
        for (Subscriber s : to) {
            try {
                s.listener.onEvent(e);
            } catch (RuntimeException ex) {
                EngineEvent report = failed(s, e, ex);
                if (report != null) {
                    reports = reports == null ? new ArrayList<>(1) : reports;
                    reports.add(report);
                }
            }
        }
        if (reports != null) {
            // after the event itself, so that every listener sees the event first
            for (EngineEvent report : reports) {
                for (Subscriber s : all) {
                    try {
                        s.listener.onEvent(report);
                    } catch (RuntimeException again) {
                        listenerErrors.increment(); // counted; a report is never reported
                    }
                }
            }
        }
    }

    /** Counts a failure; returns the report of it, or null when this one is only counted. */
    private EngineEvent failed(Subscriber s, EngineEvent e, RuntimeException ex) {
        listenerErrors.increment();
        long n = s.failures.incrementAndGet();
        if (Long.bitCount(n) != 1) {
            return null;
        }
        return new EngineEvent.EngineError(nextSeq(), System.nanoTime(), currentThread(),
                "listener " + s.listener + " threw " + ex + " on " + e.getClass().getSimpleName()
                        + " (its failure #" + n + "; every failure is counted in stats)");
    }
}
