package lsmviz.app.activity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import lsmviz.app.activity.EventLines.Kind;
import lsmviz.engine.event.EngineEvent;

/**
 * The event log: one line per event, newest at the bottom, filterable by text and by kind. When
 * events come faster than anyone can read (a workload at full speed), a frame's operations and
 * lock events are summed up in one line; freezes, flushes, stalls, steps and errors always show.
 */
public final class EventLogView extends VBox {
    static final int MAX_LINES = 2000;
    static final int LIST_ALL_UP_TO = 300;
    static final int LINES_PER_UPDATE = 40;

    /** A log line and its kind, for filtering. */
    public record Line(Kind kind, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final FilteredList<Line> filtered = new FilteredList<>(lines);
    private final ListView<Line> list = new ListView<>(filtered);
    private final TextField filter = new TextField();
    private final Set<Kind> shown = EnumSet.allOf(Kind.class);
    private final List<EngineEvent> pulse = new ArrayList<>();

    public EventLogView() {
        getStyleClass().add("event-log");
        setSpacing(6);
        // no title of its own: it lives in a tab named "Event log", and every line it gives up
        // is a line of the log on a 720-pixel projector
        filter.setPromptText("filter, e.g. key42");
        filter.setTooltip(new javafx.scene.control.Tooltip("Shows only the lines that contain this text, e.g. flush or key42"));
        filter.textProperty().addListener((o, a, b) -> refilter());
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox kinds = new HBox(4, toggle("Ops", Kind.OPERATION), toggle("Locks", Kind.LOCK),
                toggle("Structure", Kind.STRUCTURE), toggle("Steps", Kind.STEP));
        kinds.setAlignment(Pos.CENTER_LEFT);
        filter.setMinWidth(120);
        kinds.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, filter, kinds);
        bar.setAlignment(Pos.CENTER_LEFT);
        list.getStyleClass().add("log-list");
        // Lines wrap at the list's width: on a projector the log is a narrow pane, and the end of a
        // line (what happened to which memtable or table) matters more than its start. Lines come
        // at most 40 an update (see endPulse), so measuring each cell stays cheap.
        list.setCellFactory(v -> new WrappingCell());
        list.setPlaceholder(new Label("Nothing has happened yet"));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(bar, list);
    }

    /**
     * A log line, wrapped at the list's width (no horizontal scrolling): a text node whose
     * wrapping width follows the list, so the cell's height is exactly that of its lines.
     */
    private static final class WrappingCell extends ListCell<Line> {
        /** Room left for the list's scroll bar and the cell's padding. */
        private static final double MARGIN = 30;
        private final Text text = new Text();

        WrappingCell() {
            getStyleClass().add("log-line");
            text.getStyleClass().add("log-text");
            setPrefWidth(0); // the cell never asks for more width than the list has
            listViewProperty().addListener((o, a, v) -> {
                text.wrappingWidthProperty().unbind();
                if (v != null) {
                    text.wrappingWidthProperty().bind(Bindings.max(50, v.widthProperty().subtract(MARGIN)));
                }
            });
        }

        @Override
        protected void updateItem(Line item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                text.setText(item.text());
                setGraphic(text);
            }
        }
    }

    private ToggleButton toggle(String text, Kind kind) {
        ToggleButton b = new ToggleButton(text);
        b.setSelected(true);
        b.getStyleClass().addAll("small", "kind-toggle");
        b.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                shown.add(kind);
            } else {
                shown.remove(kind);
            }
            refilter();
        });
        return b;
    }

    private void refilter() {
        String f = filter.getText() == null ? "" : filter.getText().toLowerCase(Locale.ROOT).strip();
        filtered.setPredicate(l -> (shown.contains(l.kind()) || l.kind() == Kind.ERROR)
                && (f.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(f)));
    }

    /** Takes one event (FX thread); the lines appear at the end of the pulse. */
    public void accept(EngineEvent e) {
        pulse.add(e);
    }

    /**
     * Ends a pulse: turns its events into lines. At most {@link #LINES_PER_UPDATE} lines are added
     * at a time (the newest); what comes faster is counted in one summary line, so a busy engine
     * cannot flood the list (or the FX thread).
     */
    public void endPulse() {
        if (pulse.isEmpty()) {
            return;
        }
        List<Line> add = new ArrayList<>();
        boolean listAll = pulse.size() <= LIST_ALL_UP_TO;
        long skipped = 0;
        for (int i = pulse.size() - 1; i >= 0; i--) { // newest first, reversed below
            EngineEvent e = pulse.get(i);
            Kind k = EventLines.kind(e);
            if ((!listAll && (k == Kind.OPERATION || k == Kind.LOCK)) || (add.size() >= LINES_PER_UPDATE && k != Kind.ERROR)) {
                skipped++;
                continue;
            }
            String text = EventLines.line(e);
            if (text != null) {
                add.add(new Line(k, text));
            }
        }
        java.util.Collections.reverse(add);
        if (skipped > 0) {
            add.add(0, new Line(Kind.OPERATION, "… " + String.format("%,d", skipped)
                    + " more events: too fast to list (slow motion shows each)"));
        }
        pulse.clear();
        lines.addAll(add);
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
        if (!filtered.isEmpty()) {
            list.scrollTo(filtered.size() - 1); // the newest line stays in view; filter to look back
        }
    }

    public List<String> lines() {
        return filtered.stream().map(Line::text).toList();
    }

    public void clear() {
        lines.clear();
        pulse.clear();
    }
}
