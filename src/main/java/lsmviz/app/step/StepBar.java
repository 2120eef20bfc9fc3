package lsmviz.app.step;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;

/**
 * The classroom bar: live, slow motion or step; Step, Continue, Pause; the slow-motion speed
 * (remembered between runs); breakpoints by kind of point; which paused thread steps; and the
 * narration of where the paused threads are and what they hold.
 *
 * <p>It drives the engine's step gate, whose calls never block (they only release or mark
 * threads), so they are safe from the FX thread.
 */
public final class StepBar extends VBox {
    /** Kinds of breakpoints the user can pick. */
    public enum Breakpoints {
        NEXT_FREEZE("next freeze", EnumSet.of(ProbePoint.FREEZE_RECHECK, ProbePoint.FREEZE_SWAP)),
        NEXT_FLUSH("next flush", EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST)),
        FLUSH_STEPS("each flush step", EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE,
                ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ADD_SSTABLE, ProbePoint.FLUSH_REMOVE_MEMTABLE)),
        PUT("put", EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.PUT_CHECK_ROOM,
                ProbePoint.DELETE_WRITE_TOMBSTONE)),
        GET("get", EnumSet.of(ProbePoint.GET_PROBE_MEMTABLE, ProbePoint.GET_PROBE_SSTABLE));

        final String label;
        final Set<ProbePoint> points;

        Breakpoints(String label, Set<ProbePoint> points) {
            this.label = label;
            this.points = points;
        }
    }

    static final String ANY = "any thread";
    private static final Preferences PREFS = Preferences.userRoot().node(System.getProperty("lsmviz.prefs", "lsmviz"));
    private static final String SPEED_KEY = "slowMotionDelayMillis";

    private final ToggleGroup modes = new ToggleGroup();
    private final ToggleButton live = new ToggleButton("Live");
    private final ToggleButton slow = new ToggleButton("Slow");
    private final ToggleButton step = new ToggleButton("Step");
    private final Button stepButton = new Button("Step ▸");
    private final Button continueButton = new Button("Continue ▸▸");
    private final Button playPause = new Button("Pause");
    private final Slider speed = new Slider(50, 2000, 400);
    private final Label speedLabel = new Label();
    private final MenuButton breakpointMenu = new MenuButton("Breakpoints");
    private final List<CheckMenuItem> breakpointItems = new ArrayList<>();
    private final ComboBox<String> threadPicker = new ComboBox<>();
    private final Label narration = new Label();
    private final Label counter = new Label();
    private final VBox pausedList = new VBox(2);
    private HBox story;
    private StepGate gate;
    private StepMode runningMode = StepMode.RUN;
    private int steps;
    private Consumer<String> onMessage = m -> { };

    public StepBar() {
        getStyleClass().add("step-bar");
        setSpacing(4);
        live.setToggleGroup(modes);
        slow.setToggleGroup(modes);
        step.setToggleGroup(modes);
        live.setSelected(true);
        live.setId("modeLive");
        slow.setId("modeSlow");
        step.setId("modeStep");
        stepButton.setId("stepButton");
        continueButton.setId("continueButton");
        playPause.setId("playPauseButton");
        threadPicker.setId("threadPicker");
        narration.setId("narration");
        counter.setId("stepCounter");
        live.setTooltip(new Tooltip("Full speed: nothing stops"));
        slow.setTooltip(new Tooltip("Every engine thread waits a moment at each step"));
        step.setTooltip(new Tooltip("Threads stop at breakpoints; Step moves one on (Right arrow)"));
        stepButton.setTooltip(new Tooltip("Move the chosen paused thread to its next step (Right)"));
        continueButton.setTooltip(new Tooltip("Continue to the end of the current operation (Shift+Right)"));
        playPause.setTooltip(new Tooltip("Pause every engine thread at its next step, or play on (Space)"));
        modes.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always chosen
            } else {
                applyMode();
            }
        });
        speed.setValue(PREFS.getDouble(SPEED_KEY, 400));
        speed.setPrefWidth(110);
        speed.setTooltip(new Tooltip("Slow-motion speed: how long each step waits (remembered)"));
        speed.valueProperty().addListener((o, a, b) -> {
            PREFS.putDouble(SPEED_KEY, b.doubleValue());
            speedLabel.setText(Math.round(b.doubleValue()) + " ms/step");
            if (gate != null) {
                gate.setSlowDelayMillis(Math.round(b.doubleValue()));
            }
        });
        speedLabel.setText(Math.round(speed.getValue()) + " ms/step");
        speedLabel.setMinWidth(Region.USE_PREF_SIZE);
        for (Breakpoints b : Breakpoints.values()) {
            CheckMenuItem item = new CheckMenuItem(b.label);
            item.setUserData(b);
            item.selectedProperty().addListener((o, a, c) -> applyBreakpoints());
            breakpointItems.add(item);
            breakpointMenu.getItems().add(item);
        }
        breakpointItems.get(Breakpoints.FLUSH_STEPS.ordinal()).setSelected(true);
        breakpointMenu.setTooltip(new Tooltip("Where Step mode stops (none chosen: at every step)"));
        threadPicker.getItems().add(ANY);
        threadPicker.setValue(ANY);
        threadPicker.setTooltip(new Tooltip("Which paused thread Step and Finish op move"));
        stepButton.setOnAction(e -> stepOnce());
        continueButton.setOnAction(e -> finishOperation());
        playPause.setOnAction(e -> togglePlayPause());

        threadPicker.setPrefWidth(150);
        HBox modeGroup = new HBox(0, live, slow, step);
        modeGroup.getStyleClass().add("mode-group");
        HBox controls = new HBox(8, modeGroup, sep(), playPause, stepButton, continueButton, threadPicker, sep(),
                speed, speedLabel, breakpointMenu);
        controls.getStyleClass().add("step-controls");
        controls.setAlignment(Pos.CENTER_LEFT);
        narration.getStyleClass().add("narration");
        narration.setWrapText(true);
        narration.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(narration, Priority.ALWAYS);
        counter.getStyleClass().add("step-counter");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        HBox story = new HBox(12, narration, counter);
        story.setAlignment(Pos.CENTER_LEFT);
        pausedList.getStyleClass().add("paused-list");
        this.story = story;
        getChildren().addAll(controls, story, pausedList);
        narration.setText("Live: the engine runs at full speed. Choose Slow motion or Step to follow it.");
        updateButtons(List.of());
    }

    private static Region sep() {
        Region r = new Region();
        r.setMinWidth(6);
        return r;
    }

    /** Binds the bar to a new engine's gate (a new engine starts live). */
    public void attach(StepGate gate) {
        this.gate = gate;
        steps = 0;
        counter.setText("");
        if (gate != null) {
            gate.setSlowDelayMillis(Math.round(speed.getValue()));
            applyBreakpoints();
            applyMode();
        }
    }

    public void setOnMessage(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    /** A thread paused at a step: count it. */
    public void stepReached() {
        steps++;
        counter.setText("step " + Format.count(steps));
    }

    public int steps() {
        return steps;
    }

    private boolean syncing;

    /** A lesson (or anything else) may set the gate's mode itself: the toggles follow it. */
    private void syncModeFromGate() {
        if (gate == null) {
            return;
        }
        StepMode m = gate.mode();
        ToggleButton want = m == StepMode.STEP ? step : m == StepMode.SLOW ? slow : live;
        if (!want.isSelected()) {
            syncing = true;
            try {
                want.setSelected(true);
            } finally {
                syncing = false;
            }
        }
    }

    private void applyMode() {
        if (gate == null || syncing) {
            return;
        }
        StepMode m = step.isSelected() ? StepMode.STEP : slow.isSelected() ? StepMode.SLOW : StepMode.RUN;
        if (m != StepMode.STEP) {
            runningMode = m;
        }
        gate.setSlowDelayMillis(Math.round(speed.getValue()));
        gate.setMode(m);
        refreshStory();
        narration.setText(switch (m) {
            case RUN -> "Live: the engine runs at full speed.";
            case SLOW -> "Slow motion: every engine thread waits " + Math.round(speed.getValue()) + " ms at each step.";
            case STEP -> "Step mode: threads stop at the breakpoints. Step (Right) moves one on; Space plays.";
        });
    }

    private void applyBreakpoints() {
        if (gate == null) {
            return;
        }
        Set<ProbePoint> points = EnumSet.noneOf(ProbePoint.class);
        for (CheckMenuItem item : breakpointItems) {
            if (item.isSelected()) {
                points.addAll(((Breakpoints) item.getUserData()).points);
            }
        }
        gate.setBreakpoints(points.isEmpty() ? EnumSet.allOf(ProbePoint.class) : points);
        String chosen = points.isEmpty() ? "every step" : breakpointItems.stream().filter(CheckMenuItem::isSelected)
                .map(CheckMenuItem::getText).reduce((a, b) -> a + ", " + b).orElse("");
        breakpointMenu.setText("Stop at ▾");
        breakpointMenu.setTooltip(new Tooltip("Step mode stops at: " + chosen));
    }

    /** Chooses breakpoints by kind (for lessons and tests); none means every step. */
    public void setBreakpoints(Set<Breakpoints> kinds) {
        for (CheckMenuItem item : breakpointItems) {
            item.setSelected(kinds.contains((Breakpoints) item.getUserData()));
        }
    }

    public void setMode(StepMode m) {
        (m == StepMode.STEP ? step : m == StepMode.SLOW ? slow : live).setSelected(true);
    }

    private String chosenThread() {
        String t = threadPicker.getValue();
        return t == null || t.equals(ANY) ? null : t;
    }

    /** Right arrow: the chosen paused thread (or the longest waiting) moves to its next step. */
    public void stepOnce() {
        if (gate == null) {
            return;
        }
        if (!step.isSelected()) {
            pause();
            return;
        }
        String who = gate.step(chosenThread());
        onMessage.accept(who == null ? "Step: no thread is paused yet (it stops at the next breakpoint)"
                : "Step: " + who + " moves to its next step");
    }

    /** Shift+Right: the chosen paused thread runs to the end of its operation. */
    public void finishOperation() {
        if (gate == null) {
            return;
        }
        String who = gate.finishOperation(chosenThread());
        onMessage.accept(who == null ? "Continue: no thread is paused"
                : "Continue: " + who + " runs to the end of its operation, then stops");
    }

    /** Space: pause every engine thread at its next step, or play on in the mode before the pause. */
    public void togglePlayPause() {
        if (gate == null) {
            return;
        }
        if (step.isSelected()) {
            (runningMode == StepMode.SLOW ? slow : live).setSelected(true);
            onMessage.accept("Play: the engine runs on");
        } else {
            pause();
        }
    }

    private void pause() {
        step.setSelected(true);
        gate.pauseAtNextPoint();
        onMessage.accept("Pause: every engine thread stops at its next step");
    }

    /** Shows who is paused where and what each holds (from the picture and the live lock table). */
    public void show(VisualState s) {
        syncModeFromGate();
        List<PausedVis> paused = s.paused();
        List<String> names = new ArrayList<>();
        names.add(ANY);
        paused.forEach(p -> names.add(p.thread()));
        if (!names.equals(threadPicker.getItems())) {
            String keep = threadPicker.getValue();
            threadPicker.getItems().setAll(names);
            threadPicker.setValue(names.contains(keep) ? keep : ANY);
        }
        List<javafx.scene.Node> rows = new ArrayList<>();
        for (PausedVis p : paused) {
            // on a short window the first row leaves out the narration the line above already shows
            boolean saidAbove = compact && narrationWanted && p == paused.get(0) && step.isSelected();
            Label row = new Label("PAUSED  " + p.thread() + " at " + p.point() + (saidAbove ? "" : ": " + p.narration())
                    + holds(s, p.thread()));
            row.getStyleClass().add("paused-row");
            row.setStyle("-fx-text-fill: " + lsmviz.app.ThreadColors.css(p.thread()) + ";");
            row.setWrapText(true);
            rows.add(row);
        }
        if (!rows.isEmpty() || !pausedList.getChildren().isEmpty()) {
            pausedList.getChildren().setAll(rows);
        }
        refreshStory();
        if (!paused.isEmpty() && step.isSelected()) {
            PausedVis first = paused.get(0);
            narration.setText(first.narration());
        }
        updateButtons(paused);
    }

    private void updateButtons(List<PausedVis> paused) {
        boolean anyPaused = !paused.isEmpty();
        stepButton.setDisable(gate == null);
        continueButton.setDisable(!anyPaused);
        playPause.setText(step.isSelected() ? "Play" : "Pause");
    }

    private static String holds(VisualState s, String thread) {
        List<String> held = new ArrayList<>();
        for (LockVis l : s.locks()) {
            l.holders().stream().filter(h -> h.thread().equals(thread))
                    .forEach(h -> held.add(l.name() + " (" + h.mode() + ")"));
        }
        return held.isEmpty() ? "  ·  holds no lock" : "  ·  holds " + String.join(", ", held);
    }

    /** Hides the narration line (a lesson tells the story in its own bar). */
    public void setNarrationVisible(boolean visible) {
        narrationWanted = visible;
        refreshStory();
    }

    /**
     * On a short window (a 1280×720 projector) the bar gives its narration line back to the picture
     * while the engine runs live with nobody paused: the line then only says "Live", which the
     * Live button already does. Slow motion and stepping keep it.
     */
    public void setCompact(boolean compact) {
        this.compact = compact;
        refreshStory();
    }

    private boolean narrationWanted = true;
    private boolean compact;

    private void refreshStory() {
        boolean show = narrationWanted && !(compact && live.isSelected() && pausedList.getChildren().isEmpty());
        if (story.isVisible() != show) {
            story.setVisible(show);
            story.setManaged(show);
        }
    }

    public String narrationText() {
        return narration.getText();
    }
}
