package lsmviz.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import lsmviz.app.activity.EventLogView;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.dialogs.InspectDialogs;
import lsmviz.app.dialogs.OptionsDialog;
import lsmviz.app.dialogs.WorkloadDialog;
import lsmviz.app.disk.DiskView;
import lsmviz.app.locks.LockPanel;
import lsmviz.app.memory.MemoryView;
import lsmviz.app.model.VisualState;
import lsmviz.app.session.EngineSession;
import lsmviz.engine.Bytes;
import lsmviz.engine.Options;
import lsmviz.engine.KeyValue;
import lsmviz.workload.Workload;

/**
 * The main window's controller: turns clicks and keys into commands on the session's worker
 * threads and shows their answers. It never calls the engine on the FX thread; the pictures come
 * from the event bridge, once per pulse.
 */
public final class MainController {
    @FXML private BorderPane root;
    @FXML private TextField keyField;
    @FXML private TextField valueField;
    @FXML private ToggleButton autoFlushToggle;
    @FXML private javafx.scene.control.Button workloadSettingsButton;
    @FXML private javafx.scene.control.Button optionsButton;
    @FXML private javafx.scene.control.Button newButton;
    @FXML private javafx.scene.control.Button openButton;
    @FXML private javafx.scene.control.Button freezeButton;
    @FXML private javafx.scene.control.Button flushButton;
    @FXML private ToggleButton workloadToggle;
    @FXML private Label message;
    @FXML private MemoryView memoryView;
    @FXML private DiskView diskView;
    @FXML private LockPanel lockPanel;
    @FXML private EventLogView eventLog;
    @FXML private Label perfOverlay;
    @FXML private Label opsStatus;
    @FXML private Label memtableStatus;
    @FXML private Label sstableStatus;
    @FXML private Label diskStatus;
    @FXML private Label stallStatus;
    @FXML private Label directoryStatus;
    @FXML private lsmviz.app.step.StepBar stepBar;
    @FXML private Label helpOverlay;
    @FXML private javafx.scene.control.TabPane sideTabs;
    @FXML private javafx.scene.control.SplitPane rightSplit;
    @FXML private javafx.scene.control.Tab codeTab;
    @FXML private javafx.scene.control.Tab logTab;
    @FXML private VBox timelineBox;
    @FXML private javafx.scene.control.SplitPane leftSplit;
    @FXML private javafx.scene.control.Menu lessonsMenu;
    @FXML private javafx.scene.control.CheckMenuItem highContrastItem;
    @FXML private javafx.scene.control.CheckMenuItem timelineItem;
    @FXML private javafx.scene.control.CheckMenuItem darkThemeItem;
    @FXML private javafx.scene.control.MenuItem reopenLastItem;
    @FXML private javafx.scene.control.MenuItem fullScreenItem;
    @FXML private javafx.scene.control.MenuItem biggerItem;
    @FXML private javafx.scene.control.MenuItem smallerItem;
    @FXML private javafx.scene.control.MenuItem overlayItem;
    @FXML private javafx.scene.control.MenuItem exportPngItem;
    @FXML private javafx.scene.control.MenuItem freezeItem;
    @FXML private javafx.scene.control.MenuItem flushItem;
    @FXML private javafx.scene.control.MenuItem helpItem;

    private EngineSession session;
    private EventBridge bridge;
    private Stage stage;
    private Workload.Settings workloadSettings = Workload.Settings.defaults();
    private long lastOps;
    private long lastOpsAt;
    private double opsPerSecond;

    /** Wires the controller to its session; called once, on the FX thread, after loading. */
    public void init(EngineSession session, EventBridge bridge, Stage stage) {
        this.session = session;
        this.bridge = bridge;
        this.stage = stage;
        memoryView.setOnInspect(id -> InspectDialogs.memtable(stage, session, id));
        diskView.setOnInspect(id -> InspectDialogs.sstable(stage, session, id));
        bridge.setAfterPulse(this::afterPulse);
        show(bridge.state());
        tick = new Timeline(new KeyFrame(Duration.millis(500), e -> tick()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        keyField.setOnAction(e -> valueField.requestFocus());
        valueField.setOnAction(e -> put());
        icon(workloadToggle, "fth-play", "Start or stop the workload generator (F8)");
        icon(workloadSettingsButton, "fth-sliders", "Workload settings: threads, rate, keys");
        icon(optionsButton, "fth-settings", "Engine options (reopens the engine)");
        icon(newButton, "fth-file-plus", "New temporary data directory");
        icon(openButton, "fth-folder", "Open a data directory");
        icon(freezeButton, "fth-pause-circle", "Freeze the active memtable now (F5)");
        icon(flushButton, "fth-download", "Flush the oldest immutable memtable (F6)");
        icon(autoFlushToggle, "fth-refresh-cw", "Let the background flusher flush on its own (F7)");
        stepBar.setOnMessage(this::info);
        helpOverlay.setText(HELP);
        codePane = new lsmviz.app.code.CodePane();
        codePane.setId("codePane");
        codeTab.setContent(codePane);
        timeline.setId("timeline");
        timeline.setHistory(recording);
        timeline.setOnPositionChanged(this::showHistory);
        timelineBox.getChildren().add(timeline);
        lessonBar.setId("lessonBar");
        lessonBar.setVisible(false);
        lessonBar.setManaged(false);
        timelineBox.getChildren().add(0, lessonBar);
        fillLessonsMenu();
        sideTabs.getSelectionModel().select(logTab);
        fontScale = PREFS.getDouble(FONT_SCALE_KEY, 1.0);
        highContrastItem.setSelected(PREFS.getBoolean(HIGH_CONTRAST_KEY, false));
        darkThemeItem.setSelected(PREFS.getBoolean(DARK_THEME_KEY, false));
        applyPresentation();
        applyTheme();
        updateReopenLast();
    }

    static final java.util.prefs.Preferences PREFS = java.util.prefs.Preferences.userRoot().node(System.getProperty("lsmviz.prefs", "lsmviz"));
    static final String FONT_SCALE_KEY = "fontScale";
    static final String HIGH_CONTRAST_KEY = "highContrast";
    static final String DARK_THEME_KEY = "darkTheme";
    static final String LAST_DIRECTORY_KEY = "lastDirectory";
    private double fontScale = 1.0;
    private lsmviz.app.code.CodePane codePane;
    /** Every event of the running engine, for the timeline. */
    private final lsmviz.app.history.EventHistory recording = new lsmviz.app.history.EventHistory();
    /** A trace opened from a file, replayed without an engine; null while showing the engine. */
    private lsmviz.app.history.EventHistory replay;
    private final lsmviz.app.history.TimelineView timeline = new lsmviz.app.history.TimelineView();
    private final lsmviz.app.lesson.LessonBar lessonBar = new lsmviz.app.lesson.LessonBar();
    private lsmviz.app.lesson.LessonRunner lesson;

    static final String HELP = String.join("\n",
            "Keyboard shortcuts",
            "",
            "Space           pause every engine thread at its next step / play on",
            "Right           step: the chosen paused thread moves one step",
            "Shift+Right     finish op: it runs to the end of its operation",
            "Enter           put (in the value field)",
            "Page Down       next in a lesson (a presenter's clicker)",
            "F5 / F6         freeze / flush",
            "F7              auto-flush on or off",
            "F8              workload on or off",
            "F3              performance overlay",
            "F11             full screen",
            "Ctrl+= / Ctrl+- bigger / smaller text (100 % to 200 %)",
            "Ctrl+H          high contrast",
            "Ctrl+E          export the view as a PNG",
            "F1              this help (click or F1 to close)");

    private static void icon(javafx.scene.control.ButtonBase b, String code, String tip) {
        org.kordamp.ikonli.javafx.FontIcon i = new org.kordamp.ikonli.javafx.FontIcon(code);
        i.setIconSize(18);
        b.setGraphic(i);
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
    }

    /** Keyboard shortcuts, once the scene exists. */
    public void installShortcuts(Scene scene) {
        KeyCodeCombination f1 = new KeyCodeCombination(KeyCode.F1);
        scene.getAccelerators().put(f1, this::toggleHelp);
        helpItem.setAccelerator(f1);
        fullScreenItem.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        biggerItem.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        smallerItem.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        highContrastItem.setAccelerator(new KeyCodeCombination(KeyCode.H, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        exportPngItem.setAccelerator(new KeyCodeCombination(KeyCode.E, javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
        // Space and the arrows step the engine, except while typing in a field
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.PAGE_DOWN && lesson != null) {
                lesson.advance(); // a presenter's clicker sends Page Down: the lesson's Next
                e.consume();
                return;
            }
            if (scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            if (e.getCode() == KeyCode.SPACE) {
                stepBar.togglePlayPause();
                e.consume();
            } else if (e.getCode() == KeyCode.RIGHT && e.isShiftDown()) {
                stepBar.finishOperation();
                e.consume();
            } else if (e.getCode() == KeyCode.RIGHT) {
                stepBar.stepOnce();
                e.consume();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F3), this::togglePerfOverlay);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::freeze);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F6), this::flush);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F7), () -> {
            autoFlushToggle.setSelected(!autoFlushToggle.isSelected());
            toggleAutoFlush();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F8), () -> {
            workloadToggle.setSelected(!workloadToggle.isSelected());
            toggleWorkload();
        });
    }

    /** The twice-a-second refresh (ops/s, event detail, the timeline); stopped with the window. */
    private Timeline tick;

    /** The window is going away: no more refreshes (they would ask a closed session for work). */
    public void stop() {
        if (tick != null) {
            tick.stop();
        }
    }

    /** Below this scene height (a 1280×720 projector) the bars give room back to the picture. */
    static final double COMPACT_BELOW_HEIGHT = 800;

    /**
     * Fits the window to short screens: below {@link #COMPACT_BELOW_HEIGHT} the timeline hides its
     * marker lanes and the step bar its live-mode narration, and (once, at start) the splits give
     * the memory and lock views the height their cards need.
     */
    public void fitToHeight(Scene scene) {
        javafx.beans.value.ChangeListener<Number> fit = (o, was, h) -> {
            boolean compact = h.doubleValue() < COMPACT_BELOW_HEIGHT;
            timeline.setCompact(compact);
            stepBar.setCompact(compact);
            codePane.setCompact(compact);
        };
        scene.heightProperty().addListener(fit);
        fit.changed(scene.heightProperty(), null, scene.getHeight());
        if (scene.getHeight() < COMPACT_BELOW_HEIGHT) {
            leftSplit.setDividerPositions(0.52);
            rightSplit.setDividerPositions(0.56);
        }
    }

    /**
     * Once per pulse, after the bridge folded the new events in. The views are redrawn at most
     * every {@link #VIEW_PERIOD_NANOS} (the shelf, with a thousand tables, every
     * {@link #BIG_SHELF_PERIOD_NANOS}): a picture that changes 25 times a second reads as smooth,
     * and the pulses left over keep animations and input fluid on a 2-core laptop in software
     * rendering. At full speed (a workload of more than {@link #FAST_WORKLOAD_OPS} operations a
     * second or unlimited, only structure events asked for: thousands of
     * changes a second that nobody can follow one by one) 5 times a second, the big shelf twice,
     * and each redraw is spread over four pulses, one part of the window per pulse: every redraw
     * takes CPU from the engine (on two cores the window at 25 Hz cost the workload a quarter of
     * its throughput, at 10 Hz about a tenth, at 5 Hz nothing measurable), and JavaFX merges a
     * frame's many small dirty regions into one big one, so that redrawing everything in one
     * pulse repaints nearly the whole window.
     */
    private void afterPulse() {
        if (!timeline.isLive() || replay != null) {
            staggeredPart = 0;
            return; // the window shows history: the live picture waits
        }
        VisualState s = bridge.state();
        long now = System.nanoTime();
        if (s == shown && staggeredPart == 0) {
            return;
        }
        boolean fullSpeed = fullSpeedRedraws;
        if (fullSpeed || staggeredPart != 0) {
            if (staggeredPart == 0 && now - lastViewUpdate >= FULL_SPEED_VIEW_PERIOD_NANOS) {
                lastViewUpdate = now;
                staggeredPart = 1;
                cycleState = s; // every part shows the same moment: the numbers agree with each other
            }
            if (staggeredPart != 0) {
                s = cycleState;
            }
            switch (staggeredPart) {
                case 1 -> memoryView.show(s);
                case 2 -> {
                    VisualState withLocks = withLiveLocks(s);
                    lockPanel.show(withLocks);
                    stepBar.show(withLocks);
                }
                case 3 -> {
                    eventLog.endPulse();
                    showStatus(s);
                }
                case 4 -> {
                    if (s.sstables().size() <= 300 || now - lastShelfUpdate >= FULL_SPEED_SHELF_PERIOD_NANOS) {
                        lastShelfUpdate = now;
                        diskView.show(s);
                    }
                    shown = s;
                }
                default -> { }
            }
            staggeredPart = staggeredPart == 0 || staggeredPart == 4 ? 0 : staggeredPart + 1;
            return;
        }
        if (now - lastViewUpdate >= VIEW_PERIOD_NANOS) {
            lastViewUpdate = now;
            eventLog.endPulse();
            memoryView.show(s);
            VisualState withLocks = withLiveLocks(s);
            lockPanel.show(withLocks);
            stepBar.show(withLocks);
            showStatus(s);
            if (s.sstables().size() <= 300 || now - lastShelfUpdate >= BIG_SHELF_PERIOD_NANOS) {
                lastShelfUpdate = now;
                diskView.show(s);
            }
            shown = s;
        }
    }

    /** A workload faster than this (or unlimited) gets the full-speed redraw rates. */
    static final long FAST_WORKLOAD_OPS = 5_000;
    /**
     * Whether the running workload is fast enough for the full-speed redraw rates (set by the tick,
     * together with the structure-only event detail it implies).
     */
    private boolean fullSpeedRedraws;

    /** For tests: whether the window now redraws at the full-speed rates. */
    boolean redrawsAtFullSpeedRates() {
        return fullSpeedRedraws;
    }

    /** Which part of a staggered redraw comes at the next pulse (1 to 4), 0 when none is under way. */
    private int staggeredPart;
    /** The state a staggered redraw shows in all its parts. */
    private VisualState cycleState;

    static final long VIEW_PERIOD_NANOS = 40_000_000L;
    static final long BIG_SHELF_PERIOD_NANOS = 100_000_000L;
    static final long FULL_SPEED_VIEW_PERIOD_NANOS = 200_000_000L;
    static final long FULL_SPEED_SHELF_PERIOD_NANOS = 500_000_000L;
    private VisualState shown;
    private long lastViewUpdate;
    private long lastShelfUpdate;

    /**
     * In live mode the lock panel reads the engine's lock table: who holds and who waits right now.
     * It never blocks (concurrent maps, no engine lock), so the FX thread may read it; and it stays
     * right when the window asks for structure events only and lock events do not come.
     */
    private VisualState withLiveLocks(VisualState s) {
        lsmviz.engine.LsmEngine e = session.engine();
        if (e == null) {
            return s;
        }
        java.util.List<VisualState.LockVis> locks = new java.util.ArrayList<>();
        for (lsmviz.engine.lock.LockView v : e.lockTable().snapshot()) {
            locks.add(new VisualState.LockVis(v.lock(),
                    v.holders().stream().map(h -> new VisualState.HolderVis(h.thread(), h.mode().label(), h.sinceNanos()))
                            .toList(),
                    v.waiters().stream().map(w -> new VisualState.WaiterVis(w.thread(), w.mode().label(), w.sinceNanos()))
                            .toList()));
        }
        return s.withLocks(locks);
    }

    /**
     * At full speed (a workload running, no slow motion or stepping) the window asks the engine
     * for structure events only: nobody can read a hundred thousand operations a second, and
     * building them would slow the engine down. Otherwise it wants every event.
     */
    private void chooseDetail() {
        lsmviz.engine.LsmEngine e = session.engine();
        Workload w = session.workload();
        boolean fullSpeed = e != null && w != null && w.isRunning()
                && e.stepGate().mode() == lsmviz.engine.step.StepMode.RUN;
        // a demo at a few hundred operations a second keeps its 25 redraws a second
        fullSpeedRedraws = fullSpeed && (w.settings().opsPerSec() == 0 || w.settings().opsPerSec() > FAST_WORKLOAD_OPS);
        var want = fullSpeed ? lsmviz.engine.event.EventListener.Detail.STRUCTURE
                : lsmviz.engine.event.EventListener.Detail.ALL;
        if (bridge.detail() != want) {
            bridge.setDetail(want);
            session.submit(engine -> {
                engine.eventDetailChanged();
                return null;
            });
        }
    }

    private void show(VisualState s) {
        memoryView.show(s);
        diskView.show(s);
        lockPanel.show(withLiveLocks(s));
        showStatus(s);
        shown = s;
    }

    private void showStatus(VisualState s) {
        memtableStatus.setText("memtables: 1 active + " + s.immutables().size() + " immutable");
        sstableStatus.setText("SSTables: " + Format.count(s.sstables().size()));
        diskStatus.setText("on disk: " + Format.bytes(s.bytesOnDisk()));
        stallStatus.setText(s.stalledWriters().isEmpty() ? "" : "WRITE STALL (" + s.stalledWriters().size() + ")");
        directoryStatus.setText(s.directory());
    }

    /** Twice a second: ops/s, lock durations, the overlay. */
    private void tick() {
        chooseDetail();
        timeline.refresh();
        VisualState s = bridge.state();
        Workload w = session.workload();
        long ops = s.counters().puts() + s.counters().gets() + s.counters().deletes() + s.counters().scans();
        if (w != null) {
            ops = Math.max(ops, w.puts() + w.gets());
        }
        long now = System.nanoTime();
        if (lastOpsAt != 0 && now > lastOpsAt) {
            opsPerSecond = Math.max(0, (ops - lastOps) * 1e9 / (now - lastOpsAt));
        }
        lastOps = ops;
        lastOpsAt = now;
        opsStatus.setText("ops/s: " + Format.count(Math.round(opsPerSecond)));
        lockPanel.show(withLiveLocks(s));
        if (w != null && w.failure() != null && workloadToggle.isSelected()) {
            workloadToggle.setSelected(false);
            error("The workload stopped: " + w.failure().getMessage());
        }
        if (perfOverlay.isVisible()) {
            perfOverlay.setText(String.format(Locale.ROOT, "pulses/s %5.1f%nevents/s %,9.0f%nops/s    %,9.0f%nbacklog  %,9d",
                    bridge.meter().pulsesPerSecond(), bridge.meter().eventsPerSecond(), opsPerSecond,
                    bridge.backlog()));
        }
    }

    /** The state the views show now (FX thread). */
    public VisualState visibleState() {
        return shown != null ? shown : bridge.state();
    }

    public double opsPerSecond() {
        return opsPerSecond;
    }

    @FXML
    void togglePerfOverlay() {
        perfOverlay.setVisible(!perfOverlay.isVisible());
        tick();
    }

    // ------------------------------------------------------------------ operations

    @FXML
    void put() {
        byte[] key = checkedKey();
        if (key == null) {
            return;
        }
        byte[] value = Bytes.utf8(valueField.getText() == null ? "" : valueField.getText());
        if (value.length > Options.MAX_VALUE_BYTES) {
            error("The value is " + value.length + " bytes: at most " + Options.MAX_VALUE_BYTES + " bytes");
            return;
        }
        run(session.submit(e -> {
            e.put(key, value);
            return "put " + Bytes.display(key) + " = " + Bytes.display(value) + ": stored";
        }));
    }

    @FXML
    void get() {
        byte[] key = checkedKey();
        if (key == null) {
            return;
        }
        run(session.submit(e -> {
            byte[] v = e.get(key);
            return "get " + Bytes.display(key) + " → " + (v == null ? "(not found)" : Bytes.display(v));
        }));
    }

    @FXML
    void delete() {
        byte[] key = checkedKey();
        if (key == null) {
            return;
        }
        run(session.submit(e -> {
            e.delete(key);
            return "delete " + Bytes.display(key) + ": a tombstone is written";
        }));
    }

    @FXML
    void scan() {
        String from = keyField.getText() == null || keyField.getText().isBlank() ? null : keyField.getText();
        run(session.submit(e -> {
            var it = e.scanInto(from == null ? null : Bytes.utf8(from), null);
            StringBuilder sb = new StringBuilder("scan" + (from == null ? "" : " from " + from) + ": ");
            int n = 0;
            while (it.hasNext() && n < 8) {
                KeyValue kv = it.next();
                sb.append(n == 0 ? "" : ", ").append(Bytes.display(kv.key())).append('=')
                        .append(Format.shorten(Bytes.display(kv.value()), 12));
                n++;
            }
            long more = 0;
            while (it.hasNext() && more < 1_000_000) {
                it.next();
                more++;
            }
            return sb + (n == 0 ? "(no entries)" : more > 0 ? " … and " + Format.count(more) + " more" : "");
        }));
    }

    @FXML
    void freeze() {
        run(session.submit(e -> e.freeze() ? "freeze: the active memtable joined the immutable queue"
                : "freeze: nothing to freeze (the active memtable is empty)"));
    }

    @FXML
    void flush() {
        run(session.submit(e -> e.flushOldest() ? "flush: the oldest immutable memtable is now an SSTable"
                : "flush: nothing to flush (no immutable memtable waits)"));
    }

    @FXML
    void toggleAutoFlush() {
        boolean on = autoFlushToggle.isSelected();
        run(session.submit(e -> {
            e.setAutoFlush(on);
            return on ? "auto-flush on: the flusher writes immutable memtables as they come"
                    : "auto-flush off: only the Flush button flushes (writers never stall)";
        }));
    }

    @FXML
    void toggleWorkload() {
        if (workloadToggle.isSelected()) {
            Workload.Settings s = workloadSettings;
            run(session.submit(e -> {
                session.startWorkload(s);
                return "workload started: " + s.writers() + " writers, " + s.readers() + " readers, "
                        + s.distribution().name().toLowerCase(Locale.ROOT) + " keys, "
                        + (s.opsPerSec() == 0 ? "as fast as possible" : s.opsPerSec() + " ops/s");
            }));
        } else {
            run(session.stopWorkload().thenApply(v -> "workload stopped"));
        }
    }

    public void setWorkloadRate(long opsPerSecond) {
        Workload.Settings d = workloadSettings;
        workloadSettings = new Workload.Settings(d.writers(), d.readers(), opsPerSecond, d.distribution(), d.keySpace(),
                d.valueSize());
    }

    /** Starts the workload as if its button were pressed. */
    public void startWorkloadNow() {
        workloadToggle.setSelected(true);
        toggleWorkload();
    }

    @FXML
    void workloadSettings() {
        WorkloadDialog.show(stage, workloadSettings).ifPresent(s -> {
            workloadSettings = s;
            info("workload settings saved" + (workloadToggle.isSelected() ? ": restart the workload to use them" : ""));
        });
    }

    @FXML
    void options() {
        OptionsDialog.show(stage, session.options()).ifPresent(o -> {
            workloadToggle.setSelected(false);
            run(session.reopenWith(o).thenApply(d -> "engine reopened in " + d + " with the new options"));
        });
    }

    @FXML
    void newTemporary() {
        workloadToggle.setSelected(false);
        eventLog.clear();
        run(session.openTemporary(session.options()).thenApply(d -> "new temporary data directory " + d));
    }

    @FXML
    void openDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a data directory");
        String last = PREFS.get(LAST_DIRECTORY_KEY, null);
        if (last != null && java.nio.file.Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(Path.of(last).toFile());
        }
        java.io.File dir = chooser.showDialog(stage);
        if (dir == null) {
            return;
        }
        workloadToggle.setSelected(false);
        eventLog.clear();
        openDirectory(dir.toPath());
    }

    /** Opens a data directory (its state restored) and remembers it for next time. */
    public CompletableFuture<String> openDirectory(Path p) {
        workloadToggle.setSelected(false);
        eventLog.clear();
        CompletableFuture<String> f = session.open(p, session.options()).thenApply(d -> {
            PREFS.put(LAST_DIRECTORY_KEY, d.toAbsolutePath().toString());
            Platform.runLater(this::updateReopenLast);
            return "opened " + d + ": its state is restored";
        });
        run(f);
        return f;
    }

    @FXML
    void reopenLast() {
        String last = PREFS.get(LAST_DIRECTORY_KEY, null);
        if (last != null) {
            openDirectory(Path.of(last));
        }
    }

    private void updateReopenLast() {
        String last = PREFS.get(LAST_DIRECTORY_KEY, null);
        reopenLastItem.setDisable(last == null);
        reopenLastItem.setText(last == null ? "Reopen the last directory" : "Reopen " + last);
    }

    // ------------------------------------------------------------------ helpers

    private byte[] checkedKey() {
        String text = keyField.getText();
        if (text == null || text.isEmpty()) {
            error("Type a key first: a key is 1 to " + Options.MAX_KEY_BYTES + " bytes");
            keyField.requestFocus();
            return null;
        }
        byte[] key = text.getBytes(StandardCharsets.UTF_8);
        if (key.length > Options.MAX_KEY_BYTES) {
            error("The key is " + key.length + " bytes: a key is 1 to " + Options.MAX_KEY_BYTES + " bytes");
            return null;
        }
        return key;
    }

    /** Shows a command's answer or its failure, on the FX thread. */
    private void run(CompletableFuture<String> f) {
        f.whenComplete((text, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                error(InspectDialogs.explain(cause));
                if (isAboutTheDisk(cause)) {
                    problemDialog(cause);
                }
            } else {
                info(text);
            }
        }));
    }

    /** Damaged files, a full disk, a directory one may not write: worth a dialog, not just a line. */
    static boolean isAboutTheDisk(Throwable t) {
        return t instanceof lsmviz.engine.CorruptionException || t instanceof java.io.IOException
                || t instanceof java.io.UncheckedIOException;
    }

    /** A clear dialog: what happened, what to do, and that nothing stored is lost. */
    void problemDialog(Throwable cause) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle("LSM Visualizer: a problem with the data directory");
        a.setHeaderText(cause instanceof lsmviz.engine.CorruptionException ? "A file in the data directory is damaged"
                : String.valueOf(cause.getMessage()).contains("No space left") ? "The disk is full"
                : "The data directory cannot be used");
        a.setContentText(InspectDialogs.explain(cause)
                + "\n\nWhat is already stored stays safe: the engine never overwrites acknowledged data. "
                + "Use File > New temporary directory to go on, or open another directory.");
        a.getDialogPane().setId("problemDialog");
        a.show();
    }

    private void info(String text) {
        message.getStyleClass().remove("error");
        message.setText(text);
    }

    private void error(String text) {
        if (!message.getStyleClass().contains("error")) {
            message.getStyleClass().add("error");
        }
        message.setText(text);
    }

    /** The bridge's tap: every event, on the FX thread, for the log. */
    public void eventLogAccept(lsmviz.engine.event.EngineEvent e) {
        eventLog.accept(e);
        if (e instanceof lsmviz.engine.event.EngineEvent.EngineOpened) {
            recording.clear(); // a new engine: its history starts here
        }
        recording.append(e);
        if (e instanceof lsmviz.engine.event.EngineEvent.EngineError err && err.message().startsWith("flush")) {
            problemDialog(new java.io.IOException(err.message()
                    + " (the memtable stays in memory and in its write-ahead log)"));
        }
        if (e instanceof lsmviz.engine.event.EngineEvent.EngineOpened) {
            lsmviz.engine.LsmEngine engine = session.engine();
            stepBar.attach(engine == null ? null : engine.stepGate());
        } else if (e instanceof lsmviz.engine.event.EngineEvent.StepReached r) {
            lsmviz.engine.LsmEngine engine = session.engine();
            boolean slowMotion = engine != null && engine.stepGate().mode() == lsmviz.engine.step.StepMode.SLOW;
            if (r.paused() || slowMotion) {
                codePane.show(r); // the real line of the engine that runs next (in step mode: a paused one)
            }
            if (r.paused()) {
                stepBar.stepReached();
                if (sideTabs.getSelectionModel().getSelectedItem() != codeTab) {
                    sideTabs.getSelectionModel().select(codeTab);
                    // stepping: the code wants the room more than the lock cards' blank space
                    rightSplit.setDividerPositions(Math.min(rightSplit.getDividerPositions()[0], 0.40));
                }
            }
        }
    }

    // ------------------------------------------------------------------ lessons

    private void fillLessonsMenu() {
        javafx.scene.control.MenuItem choose = new javafx.scene.control.MenuItem("Choose a lesson…");
        choose.setOnAction(e -> lsmviz.app.lesson.LessonPicker.pickBuiltIn(stage).ifPresent(this::startLesson));
        javafx.scene.control.MenuItem stop = new javafx.scene.control.MenuItem("Stop the lesson");
        stop.setOnAction(e -> stopLesson());
        lessonsMenu.getItems().setAll(choose, new javafx.scene.control.SeparatorMenuItem());
        try {
            for (lsmviz.app.lesson.Lesson l : lsmviz.app.lesson.LessonLibrary.load().lessons()) {
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(l.title());
                item.setOnAction(e -> startLesson(l));
                lessonsMenu.getItems().add(item);
            }
        } catch (java.io.IOException | RuntimeException ex) {
            javafx.scene.control.MenuItem broken = new javafx.scene.control.MenuItem("The lessons could not be read: "
                    + ex.getMessage());
            broken.setDisable(true);
            lessonsMenu.getItems().add(broken);
        }
        lessonsMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), stop);
    }

    /**
     * Runs a built-in lesson: the session's engine closes (nothing is lost), the lesson opens its
     * own in a fresh temporary directory with the window's bridge attached, and the window's
     * commands and step bar act on it until the lesson stops.
     */
    public void startLesson(lsmviz.app.lesson.Lesson l) {
        workloadToggle.setSelected(false);
        eventLog.clear();
        lsmviz.app.lesson.LessonRunner old = lesson;
        lsmviz.app.lesson.LessonRunner runner = new lsmviz.app.lesson.LessonRunner(l,
                lsmviz.app.lesson.LessonRunner.Settings.defaults().withEngineListener(bridge));
        runner.addListener(new lsmviz.app.lesson.LessonRunner.Listener() {
            @Override
            public void engineOpened(lsmviz.engine.LsmEngine engine) {
                session.adopt(engine);
            }
        });
        lesson = runner;
        lessonBar.bind(runner);
        lessonBar.setVisible(true);
        lessonBar.setManaged(true);
        stepBar.setNarrationVisible(false); // the lesson bar tells the story
        timelineItem.setSelected(false);
        toggleTimeline();
        run(session.background(() -> {
            if (old != null) {
                old.stop();
            }
            try {
                session.release();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            runner.start();
            return "lesson: " + l.title() + " (Next moves on; the lesson runs the real engine)";
        }));
    }

    /** Stops the lesson (its engine closes, its directory goes) and opens a fresh temporary engine. */
    @FXML
    public void stopLesson() {
        lsmviz.app.lesson.LessonRunner r = lesson;
        if (r == null) {
            return;
        }
        lesson = null;
        lessonBar.unbind();
        lessonBar.setVisible(false);
        lessonBar.setManaged(false);
        stepBar.setNarrationVisible(true);
        timelineItem.setSelected(true);
        toggleTimeline();
        run(session.background(() -> {
            r.stop();
            return null;
        }).thenCompose(v -> session.openTemporary(EngineSession.classroomDefaults()))
                .thenApply(d -> "lesson stopped; a fresh engine in " + d));
    }

    public lsmviz.app.lesson.LessonRunner lesson() {
        return lesson;
    }

    // ------------------------------------------------------------------ history and traces

    /** The timeline moved: show the picture after that many events (-1: live again). */
    private void showHistory(int position) {
        if (position < 0 && replay == null) {
            root.getStyleClass().remove("history-mode");
            shown = null; // redraw from the live state at the next pulse
            info("LIVE: the window shows the engine as it runs");
            return;
        }
        if (!root.getStyleClass().contains("history-mode")) {
            root.getStyleClass().add("history-mode");
        }
        VisualState s = timeline.historyState();
        if (s == null) {
            s = timeline.history().stateAt(timeline.history().size());
        }
        memoryView.show(s);
        diskView.show(s);
        lockPanel.show(s); // the locks as the events had them then
        stepBar.show(s);
        showStatus(s);
        shown = s;
    }

    /** Saves every recorded event of this engine as a trace file (JSON Lines). */
    @FXML
    void exportTrace() {
        java.io.File file = chooser("Export the trace", "LSM Visualizer trace", "jsonl", "lsm-trace-")
                .showSaveDialog(stage);
        if (file != null) {
            run(exportTrace(file.toPath()));
        }
    }

    /** Writes the recording to {@code file} off the FX thread. */
    public CompletableFuture<String> exportTrace(Path file) {
        java.util.List<lsmviz.engine.event.EngineEvent> events = (replay != null ? replay : recording).events();
        return CompletableFuture.supplyAsync(() -> {
            try {
                lsmviz.app.trace.TraceFile.write(file, events);
                return "trace saved: " + Format.count(events.size()) + " events in " + file;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not write the trace " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** Opens a trace file and replays it, without an engine. */
    @FXML
    void openTrace() {
        java.io.File file = chooser("Open a trace to replay", "LSM Visualizer trace", "jsonl", null)
                .showOpenDialog(stage);
        if (file != null) {
            openTrace(file.toPath());
        }
    }

    /** Reads a trace off the FX thread, then shows its first event. */
    public CompletableFuture<Void> openTrace(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return lsmviz.app.trace.TraceFile.read(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).thenAcceptAsync(trace -> {
            lsmviz.app.history.EventHistory h = new lsmviz.app.history.EventHistory();
            h.appendAll(trace.events());
            replay = h;
            timeline.setHistory(h);
            timeline.setLiveText("End of trace");
            timeline.setPosition(Math.min(1, h.size()));
            showHistory(timeline.getPosition());
            info("REPLAY of " + file.getFileName() + ": " + Format.count(h.size())
                    + " events, no engine. Drag the timeline; File > Back to the engine returns.");
        }, Platform::runLater).exceptionally(ex -> {
            Platform.runLater(() -> error("Could not open the trace: "
                    + InspectDialogs.explain(ex.getCause() != null ? ex.getCause() : ex)));
            return null;
        });
    }

    /** Leaves a replayed trace and shows the running engine again. */
    @FXML
    void backToEngine() {
        replay = null;
        timeline.setHistory(recording);
        timeline.setLiveText("LIVE");
        timeline.goLive();
        showHistory(-1);
    }

    public lsmviz.app.history.TimelineView timeline() {
        return timeline;
    }

    // ------------------------------------------------------------------ presentation

    @FXML
    void toggleHelp() {
        helpOverlay.setVisible(!helpOverlay.isVisible());
    }

    @FXML
    void toggleDarkTheme() {
        PREFS.putBoolean(DARK_THEME_KEY, darkThemeItem.isSelected());
        applyTheme();
    }

    /** AtlantaFX's Primer theme, light or dark (remembered); the app's own colours stay readable on both. */
    private void applyTheme() {
        javafx.application.Application.setUserAgentStylesheet(darkThemeItem.isSelected()
                ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().remove("dark");
        if (darkThemeItem.isSelected()) {
            root.getStyleClass().add("dark");
        }
    }

    @FXML
    void about() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About LSM Visualizer");
        a.setHeaderText("LSM Visualizer " + Version.NUMBER);
        a.setContentText("A real log-structured merge tree, shown as it works: memtables, flushes, SSTables "
                + "and the locks between them.\n\nJava " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version", "21") + "\nData directory: " + session.directory());
        a.show();
    }

    /** Shows or hides the timeline (more room for the picture on a small screen). */
    @FXML
    void toggleTimeline() {
        timeline.setVisible(timelineItem.isSelected());
        timeline.setManaged(timelineItem.isSelected());
    }

    @FXML
    void toggleFullScreen() {
        stage.setFullScreen(!stage.isFullScreen());
    }

    @FXML
    void biggerText() {
        setFontScale(fontScale + 0.1);
    }

    @FXML
    void smallerText() {
        setFontScale(fontScale - 0.1);
    }

    /** Font scale from 100 % to 200 %, remembered between runs. */
    public void setFontScale(double scale) {
        fontScale = Math.max(1.0, Math.min(2.0, Math.round(scale * 10) / 10.0));
        PREFS.putDouble(FONT_SCALE_KEY, fontScale);
        applyPresentation();
        info(String.format(Locale.ROOT, "text at %d %%", Math.round(fontScale * 100)));
    }

    public double fontScale() {
        return fontScale;
    }

    @FXML
    void toggleHighContrast() {
        PREFS.putBoolean(HIGH_CONTRAST_KEY, highContrastItem.isSelected());
        applyPresentation();
    }

    private void applyPresentation() {
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", 15 * fontScale));
        diskView.setTextScale(fontScale);
        root.getStyleClass().remove("high-contrast");
        if (highContrastItem.isSelected()) {
            root.getStyleClass().add("high-contrast");
        }
        diskView.setHighContrast(highContrastItem.isSelected());
    }

    /** Saves what the window shows now as a PNG (Ctrl+E). */
    @FXML
    void exportPng() {
        javafx.scene.image.WritableImage image = root.getScene().snapshot(null);
        java.io.File file = chooser("Export the view as a PNG", "PNG image", "png", "lsm-visualizer-")
                .showSaveDialog(stage);
        if (file != null) {
            run(writePng(image, file.toPath()));
        }
    }

    /** A file chooser for one kind of file; {@code namePrefix} + a time stamp names a new file (null: none). */
    private static javafx.stage.FileChooser chooser(String title, String kind, String extension, String namePrefix) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        if (namePrefix != null) {
            chooser.setInitialFileName(namePrefix + java.time.LocalDateTime.now().format(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "." + extension);
        }
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(kind, "*." + extension));
        return chooser;
    }

    /** Writes a snapshot off the FX thread. */
    public static CompletableFuture<String> writePng(javafx.scene.image.Image image, Path file) {
        java.awt.image.BufferedImage buffered = javafx.embed.swing.SwingFXUtils.fromFXImage(image, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                javax.imageio.ImageIO.write(buffered, "png", file.toFile());
                return "view saved as " + file;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    @FXML
    void quit() {
        stage.close();
        Platform.exit();
    }

    /** The engine could not start (a directory not writable, a damaged file): say so plainly. */
    public void showStartupError(Throwable ex) {
        Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        error("The engine did not start: " + InspectDialogs.explain(cause));
    }

    public lsmviz.app.code.CodePane codePane() {
        return codePane;
    }

    public String messageText() {
        return message.getText();
    }
}
