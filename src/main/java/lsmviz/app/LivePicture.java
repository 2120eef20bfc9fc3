package lsmviz.app;

import java.util.List;
import java.util.function.Consumer;
import lsmviz.app.activity.EventLogView;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.code.CodeViewModel;
import lsmviz.app.disk.DiskViewModel;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.locks.LocksViewModel;
import lsmviz.app.memory.MemoryViewModel;
import lsmviz.app.model.VisualState;
import lsmviz.app.narration.NarrationViewModel;
import lsmviz.app.session.SessionPort;
import lsmviz.app.session.SessionPort.WorkloadStatus;
import lsmviz.app.status.StatusViewModel;
import lsmviz.app.step.StepViewModel;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.StepMode;

/**
 * Feeds the view-models the picture the window shows: the live one, once per pulse at the rates
 * of the {@link RedrawScheduler}, with the locks read live from the engine's lock table; or, while
 * the timeline shows history, the picture of that moment. Twice a second ({@link #tick()}) it
 * measures operations a second, chooses the detail of events the window asks for and refreshes
 * what grows while nothing happens (how long a lock has been held or waited for).
 */
final class LivePicture implements RedrawScheduler.Parts {
    /** A workload faster than this (or unlimited) gets the full-speed redraw rates. */
    static final long FAST_WORKLOAD_OPS = 5_000;

    /** The view-models fed with the picture. */
    record Models(MemoryViewModel memory, LocksViewModel locks, DiskViewModel disk, CodeViewModel code,
            NarrationViewModel narration, StatusViewModel status, StepViewModel steps) {}

    private final Models m;
    private final EventLogView log;
    private final SessionPort session;
    private final EventBridge bridge;
    private final HistoryPresenter history;
    private final Consumer<Boolean> historyMode;
    private final RedrawScheduler redraws = new RedrawScheduler(this);
    private boolean fullSpeed;
    private long lastOps;
    private long lastOpsAt;
    private double opsPerSecond;

    /** @param historyMode told whether the window shows history (true) or the live engine */
    LivePicture(Models models, EventLogView log, SessionPort session, EventBridge bridge, HistoryPresenter history,
            Consumer<Boolean> historyMode) {
        this.m = models;
        this.log = log;
        this.session = session;
        this.bridge = bridge;
        this.history = history;
        this.historyMode = historyMode;
    }

    /** After each pulse of the bridge: the live picture, at the scheduler's rates. */
    void afterPulse() {
        if (history.showsLive()) {
            redraws.pulse(bridge.state(), fullSpeed, System.nanoTime());
        }
    }

    void showHistory(VisualState s) {
        historyMode.accept(true);
        m.narration().setHistory(true);
        m.narration().setReplay(history.replayName());
        redraws.showNow(s);
    }

    void showLive() {
        historyMode.accept(false);
        if (m.narration().historyShown() && !m.narration().inLesson()) {
            m.narration().say("Live again: the picture follows the engine.");
        }
        m.narration().setHistory(false);
        m.narration().setReplay(null);
        redraws.invalidate(); // the live picture comes back at the next pulse
    }

    void showNow(VisualState s) {
        redraws.showNow(s);
    }

    @Override
    public void memory(VisualState s) {
        m.memory().update(s);
    }

    @Override
    public void locks(VisualState s) {
        VisualState withLocks = withLiveLocks(s);
        m.locks().update(withLocks, clock(s));
        m.steps().update(withLocks);
        boolean slowMotion = !history.showsLive() || session.steps().mode() == StepMode.SLOW;
        m.code().update(withLocks, m.steps().chosenThread(), slowMotion);
        m.narration().update(withLocks);
    }

    @Override
    public void logAndStatus(VisualState s) {
        log.endPulse();
        m.status().update(withLiveLocks(s), clock(s));
    }

    /**
     * "Now" for the picture {@code s}: the present while live; in history the moment shown, so that a
     * lock held for a few milliseconds then does not read "held for 110 s".
     */
    private long clock(VisualState s) {
        return history.showsLive() || s.nanos() == 0 ? System.nanoTime() : s.nanos();
    }

    @Override
    public void disk(VisualState s) {
        m.disk().update(s);
    }

    /**
     * Live, the locks come from the engine's lock table: who holds and waits right now, also when
     * the window asks for structure events only and lock events do not come. It never blocks.
     */
    private VisualState withLiveLocks(VisualState s) {
        if (!history.showsLive()) {
            return s;
        }
        List<VisualState.LockVis> live = session.liveLocks();
        return live.isEmpty() ? s : s.withLocks(live);
    }

    /** Twice a second: the event detail, ops/s, how long locks are held and waited for. Returns the workload. */
    WorkloadStatus tick() {
        WorkloadStatus w = session.workload();
        boolean atFullSpeed = w.running() && session.steps().mode() == StepMode.RUN;
        fullSpeed = atFullSpeed && w.fasterThan(FAST_WORKLOAD_OPS);
        // nobody reads a hundred thousand operations a second: at full speed, structure events only
        session.setEventDetail(atFullSpeed ? EventListener.Detail.STRUCTURE : EventListener.Detail.ALL);
        VisualState s = bridge.state();
        long ops = Math.max(s.counters().puts() + s.counters().gets() + s.counters().deletes() + s.counters().scans(),
                w.operations());
        long now = System.nanoTime();
        if (lastOpsAt != 0 && now > lastOpsAt) {
            opsPerSecond = Math.max(0, (ops - lastOps) * 1e9 / (now - lastOpsAt));
        }
        lastOps = ops;
        lastOpsAt = now;
        m.status().setOpsPerSecond(history.showsLive() ? opsPerSecond : -1); // history: no rate of the past
        if (history.showsLive()) {
            // the waits grow while nothing else moves: the locks and the flags say for how long
            VisualState shown = visibleState();
            locks(shown);
            m.status().update(withLiveLocks(shown), now);
        }
        return w;
    }

    /** The picture the views show now. */
    VisualState visibleState() {
        return redraws.shown() != null ? redraws.shown() : bridge.state();
    }

    double opsPerSecond() {
        return opsPerSecond;
    }

    /** Whether the window now redraws at the full-speed rates. */
    boolean fullSpeed() {
        return fullSpeed;
    }
}
