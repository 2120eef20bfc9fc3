package lsmviz.app.bridge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import lsmviz.app.model.Projector;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;

/**
 * The one bridge from engine threads to the FX thread. The engine's listener only enqueues (it
 * never blocks and never waits for the FX thread); once per pulse the FX thread drains everything
 * queued, folds it into the projection and publishes one new {@link VisualState}. At 100,000
 * events a second the window shows the latest state each frame; it does not replay each event.
 */
public final class EventBridge implements EventListener {
    /** Beyond this backlog (the FX thread stalled), operation-level events are dropped, never structure or locks. */
    static final int BACKLOG_LIMIT = 2_000_000;

    /** Events in the order they came. */
    private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
    /** One pulse's events (FX thread only). */
    private final ArrayList<EngineEvent> drained = new ArrayList<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ReadOnlyObjectWrapper<VisualState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final Consumer<EngineEvent> tap;
    private Runnable afterPulse = () -> { };
    private Supplier<List<VisualState.LockVis>> lockSampler = List::of;
    private final Projector projector = new Projector();
    private final PulseMeter meter = new PulseMeter();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(now);
        }
    };

    /** @param tap sees every event on the FX thread as it is folded in (the event log, the history) */
    public EventBridge(Consumer<EngineEvent> tap) {
        this.tap = tap;
        state.set(projector.snapshot());
    }

    private volatile Detail detail = Detail.ALL;

    /** What this listener asks the engine for (see {@link EventListener#detail()}). */
    @Override
    public Detail detail() {
        return detail;
    }

    /** Changes what the window asks for; the caller tells the engine ({@code eventDetailChanged}). */
    public void setDetail(Detail detail) {
        this.detail = detail;
    }

    /** Called on engine threads: enqueue and return. */
    @Override
    public void onEvent(EngineEvent e) {
        if (queued.get() > BACKLOG_LIMIT && droppable(e)) {
            dropped.incrementAndGet();
            return;
        }
        queue.offer(e);
        queued.incrementAndGet();
    }

    private static boolean droppable(EngineEvent e) {
        return e instanceof EngineEvent.OperationStarted || e instanceof EngineEvent.OperationFinished
                || e instanceof EngineEvent.MemtableWritten || e instanceof EngineEvent.GetPath
                || e instanceof EngineEvent.WalSynced || e instanceof EngineEvent.FlushRecordWritten;
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Drains the queue into the projection: one per pulse on the FX thread (public for tests). */
    public void pulse(long nowNanos) {
        meter.pulse(nowNanos);
        EngineEvent o;
        boolean inOrder = true;
        while ((o = queue.poll()) != null) {
            drained.add(o);
            int i = drained.size() - 1;
            inOrder = inOrder && (i == 0 || drained.get(i - 1).seq() < o.seq());
        }
        if (!inOrder) {
            inSequenceOrder(drained);
        }
        int n = drained.size();
        for (int i = 0; i < n; i++) {
            EngineEvent e = drained.get(i);
            projector.apply(e);
            tap.accept(e);
        }
        drained.clear();
        if (n > 100_000) {
            drained.trimToSize(); // a backlog drained: do not keep its room
        }
        if (n > 0) {
            queued.addAndGet(-n);
            meter.events(n);
        }
        boolean locksMoved = projector.sampleLocks(lockSampler.get());
        if (n > 0 || locksMoved) {
            state.set(projector.snapshot());
        }
        afterPulse.run();
    }

    /**
     * Puts one pulse's events in sequence order, the order they happened: two threads may queue
     * their events in the other order than they numbered them. Each engine numbers its own
     * events, so the order is kept across an {@link EngineEvent.EngineOpened} (a reopened engine
     * starts again from 1).
     */
    static void inSequenceOrder(java.util.List<EngineEvent> events) {
        int start = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || events.get(i) instanceof EngineEvent.EngineOpened) {
                events.subList(start, i).sort(Comparator.comparingLong(EngineEvent::seq));
                start = i;
            }
        }
    }

    /**
     * Reads the engine's lock table once per pulse, after the events are folded in (FX thread; it
     * must not block): the projection's locks then say who holds and waits now, also when lock
     * events do not come.
     */
    public void setLockSampler(Supplier<List<VisualState.LockVis>> sampler) {
        this.lockSampler = sampler;
    }

    /** Runs at the end of every pulse, after the new state is published (FX thread). */
    public void setAfterPulse(Runnable afterPulse) {
        this.afterPulse = afterPulse;
    }

    public ReadOnlyObjectProperty<VisualState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public VisualState state() {
        return state.get();
    }

    public PulseMeter meter() {
        return meter;
    }

    public long dropped() {
        return dropped.get();
    }

    public long backlog() {
        return queued.get();
    }
}
