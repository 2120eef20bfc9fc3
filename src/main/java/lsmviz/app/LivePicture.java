package lsmviz.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.app.session.SessionPort;
import lsmviz.app.session.SessionPort.WorkloadStatus;

/**
 * The window's parts, and the picture they are fed: the live one, once per pulse at the rates of
 * the {@link RedrawScheduler}; or, while the timeline shows history, the picture of that moment.
 * Each live event goes to every part as it is folded in. Twice a second ({@link #tick()}) it
 * measures operations a second, lets the {@link EventDetailPolicy} choose what the engine tells,
 * and ticks the parts (what grows while nothing happens).
 */
final class LivePicture {
    private final List<WindowPart> parts = new ArrayList<>();
    private final RedrawScheduler redraws = new RedrawScheduler(parts);
    private final EventDetailPolicy policy = new EventDetailPolicy();
    private final SessionPort session;
    private final EventBridge bridge;
    private final HistoryPresenter history;
    private final Consumer<Boolean> historyMode;
    private long lastOps;
    private long lastOpsAt;
    private double opsPerSecond;

    /** @param historyMode told whether the window shows history (true) or the live engine */
    LivePicture(SessionPort session, EventBridge bridge, HistoryPresenter history, Consumer<Boolean> historyMode) {
        this.session = session;
        this.bridge = bridge;
        this.history = history;
        this.historyMode = historyMode;
    }

    /** Adds a part: it is drawn after those added before it. */
    void add(WindowPart part) {
        parts.add(part);
    }

    /** Every live event, as the bridge folds it in (FX thread). */
    void event(lsmviz.engine.event.EngineEvent e) {
        for (WindowPart p : parts) {
            p.event(e);
        }
    }

    /** After each pulse of the bridge: the live picture, at the scheduler's rates. */
    void afterPulse() {
        if (history.showsLive()) {
            VisualState s = bridge.state();
            redraws.pulse(s, policy.fullSpeed(), clock(s));
        }
    }

    void showHistory(VisualState s) {
        historyMode.accept(true);
        redraws.showNow(s, clock(s));
    }

    void showLive() {
        historyMode.accept(false);
        redraws.invalidate(); // the live picture comes back at the next pulse
    }

    void showNow(VisualState s) {
        redraws.showNow(s, clock(s));
    }

    /**
     * "Now" for the picture {@code s}: the present while live; in history the moment shown, so that a
     * lock held for a few milliseconds then does not read "held for 110 s"; for a dead engine, the
     * moment it died.
     */
    private long clock(VisualState s) {
        if (s.crash() != null) {
            return s.crash().nanos(); // a dead engine's locks were held up to its death, not to now
        }
        return history.showsLive() || s.nanos() == 0 ? System.nanoTime() : s.nanos();
    }

    /** Twice a second: the event detail, ops/s, and the parts' ticks. Returns the workload. */
    WorkloadStatus tick() {
        WorkloadStatus w = session.workload();
        session.setEventDetail(policy.decide(w, session.steps().mode()));
        VisualState s = bridge.state();
        long ops = Math.max(s.counters().puts() + s.counters().gets() + s.counters().deletes() + s.counters().scans(),
                w.operations());
        long now = System.nanoTime();
        if (lastOpsAt != 0 && now > lastOpsAt) {
            opsPerSecond = Math.max(0, (ops - lastOps) * 1e9 / (now - lastOpsAt));
        }
        lastOps = ops;
        lastOpsAt = now;
        VisualState shown = visibleState();
        long clock = clock(shown);
        for (WindowPart p : parts) {
            p.tick(shown, clock);
        }
        return w;
    }

    /** The picture the views show now. */
    VisualState visibleState() {
        return redraws.shown() != null ? redraws.shown() : bridge.state();
    }

    /** Operations a second, measured at the last tick. */
    double opsPerSecond() {
        return opsPerSecond;
    }

    /** Whether the window now redraws at the full-speed rates. */
    boolean fullSpeed() {
        return policy.fullSpeed();
    }
}
