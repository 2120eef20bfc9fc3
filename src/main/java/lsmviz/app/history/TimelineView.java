package lsmviz.app.history;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import lsmviz.app.Format;
import lsmviz.app.history.EventHistory.Kind;
import lsmviz.app.model.VisualState;

/**
 * The timeline of an {@link EventHistory}: one lane per kind of marker (freezes, flushes, stalls,
 * steps, errors, each in its own colour-blind-safe colour) along the event axis, a scrubber under
 * it, and a badge that says plainly whether the window shows the live state or history ("LIVE"
 * or "History: event 1,234 of 5,678"). Earlier and Later jump to the moments a thread stopped at
 * a step.
 *
 * <p>The position is {@code -1} while live; otherwise {@code 0..size} events into the history
 * ({@link EventHistory#stateAt}). Dragging the scrubber to its right end, the Live button or
 * {@code End} on the focused scrubber go back to live; {@code Left}/{@code Right} move one event.
 * Clicking or dragging on the lanes jumps there; hovering shows the nearest marker. The view only
 * moves the position: whoever shows the picture listens ({@link #setOnPositionChanged}) and shows
 * {@code history.stateAt(position)}, or the live state for {@code -1}.
 *
 * <p>Call {@link #refresh()} after appending to the history (it redraws the lanes at most four
 * times a second, however often it is called). FX thread only.
 */
public final class TimelineView extends VBox {
    /** Marker colours by kind (Okabe–Ito palette, safe for colour-blind viewers). */
    public static final Map<Kind, Color> COLORS = TimelineLanes.COLORS;
    static final long REDRAW_NANOS = 250_000_000L;

    private EventHistory history;
    private long droppedSeen;

    private final Label status = new Label();
    private final Button liveButton = new Button("Live");
    private final Button prevStep = new Button("◀ Earlier");
    private final Button nextStep = new Button("Later ▶");
    private final Slider slider = new Slider(0, 0, 0);
    private final TimelineLanes lanes = new TimelineLanes();

    private final IntegerProperty position = new SimpleIntegerProperty(this, "position", -1) {
        @Override
        public void set(int v) {
            int size = history == null ? 0 : history.size();
            super.set(v < 0 ? -1 : Math.min(v, size));
        }
    };
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", true);
    private boolean syncing;
    private IntConsumer onPositionChanged = p -> { };
    private String liveText = "LIVE";
    private boolean dead;
    private boolean stepping;

    private long lastDraw = Long.MIN_VALUE;
    private final PauseTransition pendingDraw = new PauseTransition();
    private long draws;

    public TimelineView() {
        getStyleClass().add("timeline-view");
        getStylesheets().add(TimelineView.class.getResource("timeline.css").toExternalForm());
        setSpacing(4);

        status.getStyleClass().add("timeline-status");
        status.setId("timelineStatus");
        liveButton.setId("timelineLive");
        liveButton.setOnAction(e -> goLive());
        liveButton.setTooltip(new Tooltip("Back to the live picture (End)"));
        prevStep.setId("timelineEarlier");
        prevStep.setOnAction(e -> stepBy(-1));
        prevStep.setTooltip(new Tooltip("The picture at the moment before this one when a thread stopped at a step"));
        nextStep.setId("timelineLater");
        nextStep.setOnAction(e -> stepBy(+1));
        nextStep.setTooltip(new Tooltip("The picture at the next moment a thread stopped at a step"));
        for (Button b : List.of(liveButton, prevStep, nextStep)) {
            b.getStyleClass().add("timeline-button");
        }
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(8, status, slider, prevStep, nextStep, liveButton);
        top.setAlignment(Pos.CENTER_LEFT);

        lanes.setOnScrub(position::set);

        slider.setId("timelineSlider");
        slider.setBlockIncrement(1);
        slider.setFocusTraversable(true);
        slider.setAccessibleText("Timeline position");
        slider.valueProperty().addListener((obs, was, now) -> {
            if (!syncing && history != null) {
                int v = (int) Math.round(now.doubleValue());
                position.set(v >= history.size() ? -1 : v);
            }
        });

        position.addListener((obs, was, now) -> positionChanged(now.intValue()));
        live.addListener((obs, was, now) -> {
            if (!syncing) {
                position.set(now ? -1 : history == null ? 0 : history.size());
            }
        });
        pendingDraw.setOnFinished(e -> draw());
        HBox lanesRow = new HBox(8, lanes, legend);
        HBox.setHgrow(lanes, Priority.ALWAYS);
        lanesRow.setAlignment(Pos.CENTER_LEFT);
        this.lanesRow = lanesRow;
        getChildren().addAll(lanesRow, top);
        update();
    }

    private final HBox legend = legend();
    private HBox lanesRow;

    /**
     * On a short window (a 1280×720 projector) the timeline is one row, its status, scrubber and
     * buttons; the marker lanes and their legend give their height back to the picture.
     */
    public void setCompact(boolean compact) {
        lanesRow.setVisible(!compact);
        lanesRow.setManaged(!compact);
    }

    public boolean isCompact() {
        return !lanesRow.isVisible();
    }

    private static HBox legend() {
        HBox box = new HBox(8);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Kind k : Kind.values()) {
            Rectangle swatch = new Rectangle(10, 10, COLORS.get(k));
            Label l = new Label(k.name().toLowerCase(Locale.ROOT), swatch);
            l.getStyleClass().add("timeline-legend");
            box.getChildren().add(l);
        }
        return box;
    }

    // ------------------------------------------------------------------------------------ API

    /** Shows {@code h} (null for none) and goes live. */
    public void setHistory(EventHistory h) {
        history = h;
        droppedSeen = h == null ? 0 : h.droppedBefore();
        if (position.get() != -1) {
            position.set(-1); // tells the listener
        } else {
            update();
            onPositionChanged.accept(-1);
        }
        draw();
    }

    public EventHistory history() {
        return history;
    }

    /**
     * Catches up with events appended to the history: the scrubber's range, the badge and (at most
     * four times a second) the lanes. In history mode the position stays on the same event, also
     * when the history dropped its oldest events.
     */
    public void refresh() {
        if (history == null) {
            return;
        }
        long dropped = history.droppedBefore();
        if (dropped != droppedSeen) {
            long shift = dropped - droppedSeen;
            droppedSeen = dropped;
            int p = position.get();
            if (p >= 0) {
                position.set((int) Math.max(0, p - shift)); // the picture is the same, its number changed
            }
        }
        update();
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            draw();
        } else if (pendingDraw.getStatus() != Animation.Status.RUNNING) {
            pendingDraw.setDuration(Duration.millis(Math.max(1, (REDRAW_NANOS - (now - lastDraw)) / 1e6)));
            pendingDraw.playFromStart();
        }
    }

    /** The position shown: {@code -1} while live, else how many events of the history are applied. */
    public IntegerProperty positionProperty() {
        return position;
    }

    /**
     * Live or history. Setting it true goes live; setting it false holds the picture at the end
     * of what is recorded so far (new events are recorded but not shown).
     */
    public BooleanProperty liveProperty() {
        return live;
    }

    public int getPosition() {
        return position.get();
    }

    /** Shows the picture after the first {@code n} events ({@code n < 0}: live; beyond the end: the end). */
    public void setPosition(int n) {
        position.set(n);
    }

    public boolean isLive() {
        return live.get();
    }

    public void goLive() {
        position.set(-1);
    }

    /**
     * Shows step {@code n} (1-based): the picture just after the thread stopped there.
     *
     * @throws IllegalArgumentException when the history has no step {@code n}
     */
    public void jumpToStep(int n) {
        int steps = history == null ? 0 : history.stepCount();
        if (n < 1 || n > steps) {
            throw new IllegalArgumentException(steps == 0 ? "no steps recorded yet"
                    : "no step " + n + ": steps 1 to " + steps + " are recorded");
        }
        position.set(history.indexOfStep(n) + 1);
    }

    /** Called on every change of position with the new one ({@code -1}: live). */
    public void setOnPositionChanged(IntConsumer listener) {
        this.onPositionChanged = listener == null ? p -> { } : listener;
    }

    /** The picture at the position, or null while live (the window shows its live state then). */
    public VisualState historyState() {
        int p = position.get();
        return p < 0 || history == null ? null : history.stateAt(p);
    }

    /**
     * Whether the engine is in Step mode: the badge then says so ("LIVE · STEP MODE", amber) rather
     * than a green LIVE that reads as "running".
     */
    public void setStepping(boolean on) {
        stepping = on;
        update();
    }

    /** Whether the engine lies crashed: the live badge then says "ENGINE DEAD", red, not a green LIVE. */
    public void setDead(boolean on) {
        if (dead != on) {
            dead = on;
            update();
        }
    }

    /** What the badge says while live: "LIVE" by default; a replayed trace may say "End of trace". */
    public void setLiveText(String text) {
        liveText = text;
        update();
    }

    /** The badge's text. */
    public String statusText() {
        return status.getText();
    }

    long draws() {
        return draws;
    }

    // ------------------------------------------------------------------------------- internals

    private void positionChanged(int p) {
        boolean was = syncing;
        syncing = true;
        try {
            live.set(p < 0);
        } finally {
            syncing = was;
        }
        update();
        onPositionChanged.accept(p);
    }

    /** The step {@code direction} away from the position shown (-1 earlier, +1 later), or 0 when there is none. */
    private int stepFrom(int direction) {
        if (history == null || history.stepCount() == 0) {
            return 0;
        }
        int p = position.get() < 0 ? history.size() : position.get();
        // a step's picture is at indexOfStep(k) + 1; steps shown before p are those with index < p - 1
        int k = direction < 0 ? history.stepsBefore(Math.max(0, p - 1)) : history.stepsBefore(p) + 1;
        return k >= 1 && k <= history.stepCount() ? k : 0;
    }

    private void stepBy(int direction) {
        int k = stepFrom(direction);
        if (k > 0) {
            jumpToStep(k);
        }
    }

    /** Badge, buttons, scrubber and cursor after a change of position or size. */
    private void update() {
        int size = history == null ? 0 : history.size();
        int p = position.get();
        boolean isLive = p < 0;
        boolean was = syncing;
        syncing = true;
        try {
            slider.setMax(size);
            slider.setValue(isLive ? size : p);
        } finally {
            syncing = was;
        }
        slider.setDisable(size == 0);
        liveButton.setDisable(isLive);
        prevStep.setDisable(stepFrom(-1) == 0);
        nextStep.setDisable(stepFrom(+1) == 0);
        status.getStyleClass().removeAll("live", "history", "stepping", "dead");
        status.getStyleClass().add(isLive ? (dead ? "dead" : stepping ? "stepping" : "live") : "history");
        String text = isLive ? (dead ? "ENGINE DEAD" : stepping ? liveText + " · STEP MODE" : liveText)
                : historyText(p, size);
        status.setText(text);
        status.setAccessibleText(isLive ? "Showing the live state" : "Showing history: " + text);
        lanes.placeCursor(p);
    }

    private String historyText(int p, int size) {
        StringBuilder s = new StringBuilder("History: ");
        s.append(p == 0 ? "before event 1" : "event " + Format.count(p));
        s.append(" of ").append(Format.count(size));
        if (history.droppedBefore() > 0 && size > 0) {
            long span = history.event(size - 1).nanos() - history.event(0).nanos();
            s.append(" · the last ").append(Format.seconds(span)).append(" kept");
        }
        return s.toString();
    }

    /** Draws the lanes (at most four times a second: see {@link #refresh()}). */
    private void draw() {
        pendingDraw.stop();
        lastDraw = System.nanoTime();
        draws++;
        lanes.draw(history);
    }
}
