package lsmviz.app;

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
import lsmviz.app.activity.EventLogViewModel;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.code.CodePane;
import lsmviz.app.code.CodeViewModel;
import lsmviz.app.command.Answers;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.CommandBar;
import lsmviz.app.command.CommandViewModel;
import lsmviz.app.costs.CostsView;
import lsmviz.app.costs.CostsViewModel;
import lsmviz.app.crash.CrashCurtain;
import lsmviz.app.dialogs.FlushFailureAlert;
import lsmviz.app.disk.DiskView;
import lsmviz.app.disk.DiskViewModel;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.history.TimelineView;
import lsmviz.app.lesson.LessonControls;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.app.lesson.LessonQuestionCard;
import lsmviz.app.locks.LocksView;
import lsmviz.app.locks.LocksViewModel;
import lsmviz.app.memory.MemoryView;
import lsmviz.app.memory.MemoryViewModel;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.app.narration.NarrationView;
import lsmviz.app.narration.NarrationViewModel;
import lsmviz.app.predict.PredictCard;
import lsmviz.app.predict.PredictViewModel;
import lsmviz.app.presentation.Presentation;
import lsmviz.app.session.EngineSession;
import lsmviz.app.session.SessionPort.WorkloadStatus;
import lsmviz.app.status.StatusBar;
import lsmviz.app.status.StatusViewModel;
import lsmviz.app.step.StepControls;
import lsmviz.app.step.StepViewModel;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.StepMode;

/**
 * The main window's view: it wires each part's view to its view-model, feeds the view-models the
 * picture once per pulse (the live one, or history), and hands the actions to
 * {@link WindowCommands}. It holds no engine: the parts talk to the session through its port.
 *
 * <p>Each feature of the window is one part ({@link WindowPart}: a view-model bound to its view);
 * the parts are registered once, in {@link #init}, and from then on the {@link LivePicture} loops
 * over them: it hands each live event to every part and draws the picture in each.
 */
public final class MainView {
    /** Below this height, counted in lines of text (720 pixels at 100 %), the timeline is one row. */
    static final double COMPACT_BELOW_EM = 800 / Presentation.BASE_FONT_PX;

    @FXML private BorderPane root;
    @FXML private javafx.scene.layout.StackPane center;
    @FXML private javafx.scene.layout.HBox stageBox;
    @FXML private MenuBar menuBar;
    @FXML private CommandBar commandBar;
    @FXML private MemoryView memoryView;
    @FXML private LocksView locksView;
    @FXML private DiskView diskView;
    @FXML private TabPane sideTabs;
    @FXML private javafx.scene.layout.VBox sideColumn;
    @FXML private Tab codeTab;
    @FXML private Tab logTab;
    @FXML private CodePane codePane;
    @FXML private EventLogView eventLog;
    @FXML private CostsView costsView;
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
    private final CostsViewModel costs = new CostsViewModel();
    private final EventLogViewModel log = new EventLogViewModel();
    private EventBridge bridge;
    private StepViewModel steps;
    private HistoryPresenter history;
    private LessonPresenter lessons;
    private Presentation presentation;
    private WindowAnswers answers;
    private WindowCommands window;
    private LivePicture picture;
    private Timeline tick;

    /** Wires the window to its session; once, on the FX thread, after loading. */
    public void init(EngineSession session, EventBridge bridge, Stage stage) {
        this.bridge = bridge;
        answers = new WindowAnswers(narration, stage);
        steps = new StepViewModel(session.steps(), narration::say);
        CommandViewModel commands = new CommandViewModel(session.port(), answers, Platform::runLater);
        history = new HistoryPresenter(timeline, s -> picture.showHistory(s), () -> picture.showLive());
        history.setOnMoment(line -> {
            if (!lessons.model().activeProperty().get()) { // a lesson's pages tell their own moments
                narration.say("This moment: " + line);
            }
        });
        picture = new LivePicture(session.port(), bridge, history, this::historyMode);
        lessons = new LessonPresenter(session, bridge, history::size, history::show, answers, Platform::runLater);
        presentation = new Presentation(root);
        EngineCommands engine = new EngineCommands(session, stage, actions, commands, steps, answers,
                this::visibleState);
        window = new WindowCommands(new FileCommands(session, stage, actions, history, lessons, answers), engine,
                new LessonCommands(stage, actions, lessons),
                new ViewCommands(this, session, stage, actions, presentation, lessons, answers));

        // the window's parts, in the order they are drawn (a full-speed redraw spreads them over pulses)
        picture.add(memory);
        picture.add(steps);
        picture.add(locks);
        picture.add((s, now) -> code.update(s, steps.chosenThread(),
                !history.showsLive() || session.steps().mode() == StepMode.SLOW));
        picture.add(narration);
        picture.add(log);
        picture.add(status);
        picture.add(costs);
        picture.add(history);
        picture.add(WindowPart.onEvents(this::showCodeWhenPaused));
        picture.add(new FlushFailureAlert(stage));
        picture.add(disk);
        CrashCurtain curtain = new CrashCurtain(stageBox, actions, () -> lessons.model().activeProperty().get());
        center.getChildren().add(curtain);
        picture.add(curtain);
        PredictViewModel predict = new PredictViewModel(thread -> session.steps().step(thread));
        stepControls.predictToggle().selectedProperty().bindBidirectional(predict.enabledProperty());
        // a lesson moves its threads itself and asks its own questions: Predict waits until it ends
        lessons.model().activeProperty().addListener((o, was, on) -> {
            if (on) {
                predict.enabledProperty().set(false);
            }
        });
        stepControls.predictToggle().disableProperty().bind(lessons.model().activeProperty());
        stepControls.predictToggle().setTooltip(new javafx.scene.control.Tooltip(
                "In Step mode, predict what the paused thread does next; the engine then shows who was right"));
        PredictCard card = new PredictCard(predict);
        javafx.scene.layout.StackPane.setAlignment(card, javafx.geometry.Pos.BOTTOM_LEFT);
        center.getChildren().add(card);
        picture.add(predict);
        LessonQuestionCard lessonCard = new LessonQuestionCard(lessons.model());
        javafx.scene.layout.StackPane.setAlignment(lessonCard, javafx.geometry.Pos.BOTTOM_LEFT);
        center.getChildren().add(lessonCard);
        javafx.beans.binding.DoubleBinding room = center.widthProperty().subtract(sideColumn.widthProperty()).subtract(12);
        card.fitWithin(room);
        lessonCard.fitWithin(room);
        curtain.yieldWhile(lessonCard.visibleProperty());
        bridge.setLockSampler(session.port()::liveLocks); // the lock cards say who holds and waits now
        narration.setFullSpeed(picture::fullSpeed);

        memoryView.bind(memory);
        locksView.bind(locks);
        diskView.bind(disk);
        codePane.bind(code);
        narrationView.bind(narration);
        statusBar.bind(status);
        costsView.bind(costs);
        eventLog.bind(log);
        commandBar.bind(commands, actions);
        stepControls.bind(steps, actions);
        lessonControls.bind(lessons.model(), actions);
        memoryView.setOnInspect(engine::inspectMemtable);
        diskView.setOnInspect(engine::inspectSSTable);
        disk.keyProperty().bind(commands.keyProperty()); // the typed key's line runs down the levels
        steps.modeProperty().addListener((o, was, m) -> {
            narration.setMode(m);
            timeline.setStepping(m == StepMode.STEP);
        });
        timeline.setStepping(steps.modeProperty().get() == StepMode.STEP);
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

        menuBar.getMenus().setAll(actions.menus(window.lessons()::fill));
        window.wire();
        helpOverlay.setText(actions.helpText());
        helpOverlay.setOnMouseClicked(e -> toggleHelp());
        presentation.onTextScale(s -> {
            codePane.setTextScale(s);
            eventLog.setTextScale(s);
            diskView.levels().setTextScale(s);
            fitSideColumn();
        });
        presentation.apply();
        sideTabs.getSelectionModel().select(logTab);
        bridge.setAfterPulse(picture::afterPulse);
        picture.showNow(bridge.state());
        narration.say("Type a key and a value and press Put, or open a lesson (Lessons, Ctrl+L).");
        tick = new Timeline(new KeyFrame(Duration.millis(500), e -> tick()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    /** The timeline shows history ({@code on}) or the live engine: the window's frame and the narration say which. */
    private void historyMode(boolean on) {
        root.getStyleClass().remove("history-mode");
        if (on) {
            root.getStyleClass().add("history-mode");
        }
        narration.showingHistory(on, on ? history.replayName() : null);
    }

    /** Stepping: the code is what to look at, so its tab comes to the front when a thread pauses. */
    private void showCodeWhenPaused(EngineEvent e) {
        if (e instanceof EngineEvent.StepReached r && r.paused() && sideTabs.getSelectionModel().getSelectedItem() != codeTab) {
            sideTabs.getSelectionModel().select(codeTab);
        }
    }

    /**
     * The locks and the code take the width the code wants at the window's text size, but never
     * more than half the window: at large text on a small screen the code shrinks, and the picture
     * keeps its half.
     */
    private void fitSideColumn() {
        double want = codePane.requiredWidth() + 4;
        double half = root.getScene() == null || root.getScene().getWidth() <= 0 ? want
                : root.getScene().getWidth() * 0.5;
        double w = Math.min(want, half);
        sideColumn.setMinWidth(w);
        sideColumn.setPrefWidth(w);
        sideColumn.setMaxWidth(w);
    }

    /** Keyboard handling and the fit to the screen's height, once the scene exists. */
    public void installScene(Scene scene) {
        scene.widthProperty().addListener((o, was, w) -> fitSideColumn());
        fitSideColumn();
        KeyBindings.install(scene, actions);
        scene.heightProperty().addListener((o, was, h) -> fitHeight(scene));
        presentation.onTextScale(s -> fitHeight(scene));
        fitHeight(scene);
    }

    /** A short screen (counted in lines of text, so 1080 pixels at 150 % is short too) keeps the timeline to one row. */
    private void fitHeight(Scene scene) {
        boolean shortScreen = scene.getHeight() / (Presentation.BASE_FONT_PX * presentation.scale()) < COMPACT_BELOW_EM;
        timeline.setCompact(shortScreen);
        // at large text on a short screen the lock cards drop their kind line: the code needs the room
        locksView.setCompact(shortScreen && presentation.scale() >= Presentation.LARGE_TEXT);
    }

    /** The bridge's tap: every event, on the FX thread, goes to the window's parts. */
    public void tap(EngineEvent e) {
        picture.event(e);
    }

    private void tellLesson() {
        if (lessons.model().activeProperty().get()) {
            narration.lessonSays(lessons.model().narrationProperty().get(), lessons.model().failureProperty().get());
        }
    }

    /** Twice a second: the parts' ticks, operations a second, a workload that failed, the overlay. */
    private void tick() {
        WorkloadStatus w = picture.tick();
        status.setOpsPerSecond(history.showsLive() ? picture.opsPerSecond() : -1); // history: no rate of the past
        if (w.failure() != null && actions.workload.isSelected()) {
            actions.workload.setSelected(false);
            narration.error("The workload stopped: " + w.failure());
        }
        if (perfOverlay.isVisible()) {
            perfOverlay.setText(String.format(Locale.ROOT, "pulses/s %5.1f%nevents/s %,9.0f%nops/s    %,9.0f%nbacklog  %,9d",
                    bridge.meter().pulsesPerSecond(), bridge.meter().eventsPerSecond(), picture.opsPerSecond(),
                    bridge.backlog()));
        }
    }

    /** Where the answers of commands go (the narration, and the problem dialog for the disk's). */
    public Answers answers() {
        return answers;
    }

    /** Says {@code sentence} in the narration. */
    public void say(String sentence) {
        answers.say(sentence);
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
        return picture.visibleState();
    }

    /** The narration (for tests that check what it can hold). */
    NarrationViewModel narration() {
        return narration;
    }

    /** The narration's words now. */
    public String narrationText() {
        return narration.textProperty().get();
    }

    public double opsPerSecond() {
        return picture.opsPerSecond();
    }

    /** Whether the window now redraws at the full-speed rates. */
    boolean redrawsAtFullSpeedRates() {
        return picture.fullSpeed();
    }

    Presentation presentation() {
        return presentation;
    }
}
