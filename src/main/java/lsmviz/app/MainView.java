package lsmviz.app;

import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import lsmviz.app.activity.EventLogView;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.code.CodePane;
import lsmviz.app.code.CodeViewModel;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.Answers;
import lsmviz.app.command.CommandBar;
import lsmviz.app.command.CommandViewModel;
import lsmviz.app.dialogs.ProblemDialog;
import lsmviz.app.dialogs.Problems;
import lsmviz.app.disk.DiskView;
import lsmviz.app.disk.DiskViewModel;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.history.TimelineView;
import lsmviz.app.lesson.LessonControls;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.app.locks.LocksView;
import lsmviz.app.locks.LocksViewModel;
import lsmviz.app.memory.MemoryView;
import lsmviz.app.memory.MemoryViewModel;
import lsmviz.app.model.VisualState;
import lsmviz.app.narration.NarrationView;
import lsmviz.app.narration.NarrationViewModel;
import lsmviz.app.presentation.Presentation;
import lsmviz.app.session.EngineSession;
import lsmviz.app.session.SessionPort.WorkloadStatus;
import lsmviz.app.status.StatusBar;
import lsmviz.app.status.StatusViewModel;
import lsmviz.app.step.StepControls;
import lsmviz.app.step.StepViewModel;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.StepMode;

/**
 * The main window's view: it wires each part's view to its view-model, feeds the view-models the
 * picture once per pulse (the live one, or history), and hands the actions to
 * {@link WindowCommands}. It holds no engine: the parts talk to the session through its port.
 */
public final class MainView implements Answers {
    /** A workload faster than this (or unlimited) gets the full-speed redraw rates and structure events only. */
    static final long FAST_WORKLOAD_OPS = 5_000;
    /** Below this height, counted in lines of text (720 pixels at 100 %), the timeline is one row. */
    static final double COMPACT_BELOW_EM = 800 / Presentation.BASE_FONT_PX;

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private CommandBar commandBar;
    @FXML private MemoryView memoryView;
    @FXML private LocksView locksView;
    @FXML private DiskView diskView;
    @FXML private TabPane sideTabs;
    @FXML private Tab codeTab;
    @FXML private Tab logTab;
    @FXML private CodePane codePane;
    @FXML private EventLogView eventLog;
    @FXML private Label perfOverlay;
    @FXML private Label helpOverlay;
    @FXML private NarrationView narrationView;
    @FXML private StepControls stepControls;
    @FXML private LessonControls lessonControls;
    @FXML private TimelineView timeline;
    @FXML private StatusBar statusBar;

    private final AppActions actions = new AppActions();
    private final MemoryViewModel memory = new MemoryViewModel();
    private final LocksViewModel locks = new LocksViewModel();
    private final DiskViewModel disk = new DiskViewModel();
    private final CodeViewModel code = new CodeViewModel();
    private final NarrationViewModel narration = new NarrationViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final RedrawScheduler redraws = new RedrawScheduler(new Parts());
    private EngineSession session;
    private EventBridge bridge;
    private Stage stage;
    private StepViewModel steps;
    private CommandViewModel commands;
    private HistoryPresenter history;
    private LessonPresenter lessons;
    private Presentation presentation;
    private WindowCommands window;
    private Timeline tick;
    private boolean fullSpeed;
    private long lastOps;
    private long lastOpsAt;
    private double opsPerSecond;

    /** Wires the window to its session; once, on the FX thread, after loading. */
    public void init(EngineSession session, EventBridge bridge, Stage stage) {
        this.session = session;
        this.bridge = bridge;
        this.stage = stage;
        steps = new StepViewModel(session.steps(), narration::say);
        commands = new CommandViewModel(session, this, Platform::runLater);
        history = new HistoryPresenter(timeline, this::showHistory, this::showLive);
        lessons = new LessonPresenter(session, bridge, history::size, history::show, this, Platform::runLater);
        presentation = new Presentation(root);
        window = new WindowCommands(this, session, stage, actions, presentation, history, lessons, commands, steps);

        memoryView.bind(memory);
        locksView.bind(locks);
        diskView.bind(disk);
        codePane.bind(code);
        narrationView.bind(narration);
        statusBar.bind(status);
        commandBar.bind(commands, actions);
        stepControls.bind(steps, actions);
        lessonControls.bind(lessons.model(), actions);
        memoryView.setOnInspect(window::inspectMemtable);
        diskView.setOnInspect(window::inspectSSTable);
        steps.modeProperty().addListener((o, was, m) -> narration.setMode(m));
        lessons.model().narrationProperty().addListener((o, was, text) -> tellLesson());
        lessons.model().failureProperty().addListener((o, was, text) -> tellLesson());
        lessons.model().activeProperty().addListener((o, was, on) ->
                narration.setLesson(on ? lessons.model().titleProperty().get() : null));
        lessons.model().pageProperty().addListener((o, was, page) -> narration.setDetail(page));
        lessons.model().titleProperty().addListener((o, was, t) -> {
            if (lessons.model().activeProperty().get()) {
                narration.setLesson(t);
            }
        });

        menuBar.getMenus().setAll(actions.menus(window::fillLessons));
        window.wire();
        helpOverlay.setText(actions.helpText());
        helpOverlay.setOnMouseClicked(e -> toggleHelp());
        presentation.onTextScale(s -> {
            codePane.setTextScale(s);
            eventLog.setTextScale(s);
            diskView.shelf().setTextScale(s);
            sideTabs.setMinWidth(codePane.getMinWidth() + 4);
            sideTabs.setPrefWidth(codePane.getMinWidth() + 4);
        });
        presentation.apply();
        sideTabs.getSelectionModel().select(logTab);
        bridge.setAfterPulse(this::afterPulse);
        redraws.showNow(bridge.state());
        narration.say("Type a key and a value and press Put, or open a lesson (Lessons, Ctrl+L).");
        tick = new Timeline(new KeyFrame(Duration.millis(500), e -> tick()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    /** Keyboard handling and the fit to the screen's height, once the scene exists. */
    public void installScene(Scene scene) {
        KeyBindings.install(scene, actions);
        scene.heightProperty().addListener((o, was, h) -> fitHeight(scene));
        presentation.onTextScale(s -> fitHeight(scene));
        fitHeight(scene);
        if (Boolean.getBoolean("lsmviz.debugLayout")) {
            new Timeline(new KeyFrame(Duration.seconds(4), e -> debug(root, 0))).play();
        }
    }

    private static void debug(javafx.scene.Node n, int depth) {
        if (depth > 4) return;
        if (n instanceof javafx.scene.layout.Region r) {
            System.out.printf("%s%s %s w=%.0f min=%.0f pref=%.0f%n", "  ".repeat(depth), r.getClass().getSimpleName(),
                    r.getId(), r.getWidth(), r.minWidth(-1), r.prefWidth(-1));
        }
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) debug(c, depth + 1);
        }
    }

    /** A short screen (counted in lines of text, so 1080 pixels at 150 % is short too) keeps the timeline to one row. */
    private void fitHeight(Scene scene) {
        timeline.setCompact(scene.getHeight() / (Presentation.BASE_FONT_PX * presentation.scale()) < COMPACT_BELOW_EM);
    }

    /** The bridge's tap: every event, on the FX thread. */
    public void tap(EngineEvent e) {
        eventLog.accept(e);
        history.record(e);
        if (e instanceof EngineEvent.StepReached r && r.paused() && sideTabs.getSelectionModel().getSelectedItem() != codeTab) {
            sideTabs.getSelectionModel().select(codeTab); // stepping: the code is what to look at
        }
        if (e instanceof EngineEvent.EngineError err && err.message().startsWith("flush")) {
            ProblemDialog.show(stage, new java.io.IOException(err.message()
                    + " (the memtable stays in memory and in its write-ahead log)"));
        }
    }

    private void tellLesson() {
        if (lessons.model().activeProperty().get()) {
            narration.lessonSays(lessons.model().narrationProperty().get(), lessons.model().failureProperty().get());
        }
    }

    // ------------------------------------------------------------------------------------------
    // The picture: live at the pulse, or history

    private void afterPulse() {
        if (history.showsLive()) {
            redraws.pulse(bridge.state(), fullSpeed, System.nanoTime());
        }
    }

    private void showHistory(VisualState s) {
        if (!root.getStyleClass().contains("history-mode")) {
            root.getStyleClass().add("history-mode");
        }
        narration.setHistory(true);
        narration.setReplay(history.replayName());
        redraws.showNow(s);
    }

    private void showLive() {
        root.getStyleClass().remove("history-mode");
        narration.setHistory(false);
        narration.setReplay(null);
        redraws.invalidate(); // the live picture comes back at the next pulse
    }

    /** The parts, fed by the redraw scheduler. */
    private final class Parts implements RedrawScheduler.Parts {
        @Override
        public void memory(VisualState s) {
            memory.update(s);
        }

        @Override
        public void locks(VisualState s) {
            VisualState withLocks = withLiveLocks(s);
            locks.update(withLocks, System.nanoTime());
            steps.update(withLocks);
            boolean slowMotion = !history.showsLive() || session.steps().mode() == StepMode.SLOW;
            code.update(withLocks, steps.chosenThread(), slowMotion);
            narration.update(withLocks);
        }

        @Override
        public void logAndStatus(VisualState s) {
            eventLog.endPulse();
            status.update(withLiveLocks(s), System.nanoTime());
        }

        @Override
        public void disk(VisualState s) {
            disk.update(s);
        }
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

    /** Twice a second: the event detail, ops/s, lock durations, the timeline, the overlay. */
    private void tick() {
        WorkloadStatus w = session.workload();
        boolean fast = w.fasterThan(FAST_WORKLOAD_OPS);
        boolean atFullSpeed = w.running() && session.steps().mode() == StepMode.RUN;
        fullSpeed = atFullSpeed && fast;
        EventListener.Detail want = atFullSpeed ? EventListener.Detail.STRUCTURE : EventListener.Detail.ALL;
        if (bridge.detail() != want) {
            bridge.setDetail(want);
            session.submit(e -> {
                e.eventDetailChanged();
                return null;
            });
        }
        timeline.refresh();
        VisualState s = bridge.state();
        long ops = Math.max(s.counters().puts() + s.counters().gets() + s.counters().deletes() + s.counters().scans(),
                w.operations());
        long now = System.nanoTime();
        if (lastOpsAt != 0 && now > lastOpsAt) {
            opsPerSecond = Math.max(0, (ops - lastOps) * 1e9 / (now - lastOpsAt));
        }
        lastOps = ops;
        lastOpsAt = now;
        status.setOpsPerSecond(opsPerSecond);
        if (history.showsLive()) {
            // the waits grow while nothing else moves: the locks and the flags say for how long
            VisualState shown = redraws.shown() != null ? redraws.shown() : s;
            new Parts().locks(shown);
            status.update(withLiveLocks(shown), now);
        }
        if (w.failure() != null && actions.workload.isSelected()) {
            actions.workload.setSelected(false);
            narration.error("The workload stopped: " + w.failure());
        }
        if (perfOverlay.isVisible()) {
            perfOverlay.setText(String.format(Locale.ROOT, "pulses/s %5.1f%nevents/s %,9.0f%nops/s    %,9.0f%nbacklog  %,9d",
                    bridge.meter().pulsesPerSecond(), bridge.meter().eventsPerSecond(), opsPerSecond, bridge.backlog()));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Answers: what commands say

    @Override
    public void say(String sentence) {
        narration.say(sentence);
    }

    @Override
    public void fail(Throwable cause) {
        narration.error(Problems.explain(cause));
        if (Problems.aboutTheDisk(cause)) {
            ProblemDialog.show(stage, cause);
        }
    }

    void toggleHelp() {
        helpOverlay.setVisible(!helpOverlay.isVisible());
    }

    void togglePerfOverlay(boolean on) {
        perfOverlay.setVisible(on);
        tick();
    }

    void showTimeline(boolean on) {
        timeline.setVisible(on);
        timeline.setManaged(on);
    }

    /** The window is going away: no more refreshes (they would ask a closed session for work). */
    public void stop() {
        if (tick != null) {
            tick.stop();
        }
    }

    // ------------------------------------------------------------------------------------------
    // For the application and for tests

    public BorderPane root() {
        return root;
    }

    public AppActions actions() {
        return actions;
    }

    public WindowCommands commands() {
        return window;
    }

    public LessonPresenter lessons() {
        return lessons;
    }

    public HistoryPresenter history() {
        return history;
    }

    public CodePane codePane() {
        return codePane;
    }

    public StepViewModel steps() {
        return steps;
    }

    /** The picture the views show now. */
    public VisualState visibleState() {
        return redraws.shown() != null ? redraws.shown() : bridge.state();
    }

    /** The narration's words now. */
    public String narrationText() {
        return narration.textProperty().get();
    }

    public double opsPerSecond() {
        return opsPerSecond;
    }

    /** Whether the window now redraws at the full-speed rates. */
    boolean redrawsAtFullSpeedRates() {
        return fullSpeed;
    }

    Presentation presentation() {
        return presentation;
    }
}
