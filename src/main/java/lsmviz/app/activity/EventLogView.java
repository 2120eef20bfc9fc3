package lsmviz.app.activity;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import lsmviz.app.activity.EventLines.Kind;
import lsmviz.engine.event.EngineEvent;

/**
 * The event log: one line per event, newest at the bottom, filterable by text and by kind. A long
 * line wraps at the pane's width: the lines are cut into rows of whole characters (the font is
 * monospaced) before they are listed, so every row has one fixed height, the list measures
 * nothing, and nothing is cut at the right edge.
 */
public final class EventLogView extends VBox {
    private EventLogViewModel log = new EventLogViewModel();
    private final ListView<String> list = new ListView<>();
    private final TextField filter = new TextField();
    private final Label placeholder = new Label();
    private Font font = Font.font("Monospaced", 13);
    private int columns = 40;

    public EventLogView() {
        getStyleClass().add("event-log");
        setSpacing(6);
        filter.setPromptText("filter, e.g. key42");
        filter.setTooltip(new Tooltip("Shows only the lines that contain this text, e.g. flush or key42"));
        filter.textProperty().addListener((o, a, b) -> log.setFilter(b));
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox kinds = new HBox(4, toggle("Ops", Kind.OPERATION), toggle("Locks", Kind.LOCK),
                toggle("Structure", Kind.STRUCTURE), toggle("Steps", Kind.STEP));
        kinds.setAlignment(Pos.CENTER_LEFT);
        filter.setMinWidth(100);
        kinds.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, filter, kinds);
        bar.setAlignment(Pos.CENTER_LEFT);
        list.getStyleClass().add("log-list");
        list.setCellFactory(v -> new RowCell());
        list.setFocusTraversable(false);
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(bar, list);
        list.widthProperty().addListener((o, a, b) -> {
            int c = columnsFor(b.doubleValue());
            if (c != columns) {
                columns = c;
                rebuild();
            }
        });
        setTextScale(1.0);
        bind(log);
    }

    /** Lists what {@code model} shows, from now on (the filters set so far carry over). */
    public void bind(EventLogViewModel model) {
        log = model;
        model.revisionProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    /** The log's font follows the window's text size. */
    public void setTextScale(double scale) {
        font = Font.font("Monospaced", 13 * scale);
        list.setFixedCellSize(Math.ceil(font.getSize() * 1.4));
        list.setStyle("-fx-font-size: " + font.getSize() + "px;");
        columns = columnsFor(list.getWidth());
        rebuild();
    }

    private int columnsFor(double width) {
        Text t = new Text("0".repeat(40));
        t.setFont(font);
        double charW = t.getLayoutBounds().getWidth() / 40;
        return Math.max(20, (int) ((width - 30) / charW)); // room for the scroll bar and the cell's padding
    }

    private ToggleButton toggle(String text, Kind kind) {
        ToggleButton b = new ToggleButton(text);
        b.setSelected(true);
        b.getStyleClass().addAll("small", "kind-toggle");
        b.selectedProperty().addListener((o, a, on) -> log.setShown(kind, on));
        return b;
    }

    /** Takes one event (FX thread); its line appears at the end of the pulse. */
    public void accept(EngineEvent e) {
        log.event(e);
    }

    /** Ends a pulse: the new lines appear, and the newest stays in view. */
    public void endPulse() {
        log.show(null, 0);
    }

    private void rebuild() {
        List<String> rows = new ArrayList<>();
        for (EventLog.Line l : log.visible()) {
            rows.addAll(EventLog.wrap(l.text(), columns));
        }
        list.getItems().setAll(rows);
        placeholder.setText(log.placeholder());
        if (!rows.isEmpty()) {
            list.scrollTo(rows.size() - 1); // the newest line stays in view; filter to look back
        }
    }

    /** The lines shown (filter applied), whole. */
    public List<String> lines() {
        return log.visible().stream().map(EventLog.Line::text).toList();
    }

    /** The rows as listed (lines cut at the pane's width). */
    public List<String> rows() {
        return List.copyOf(list.getItems());
    }

    public void clear() {
        log.clear();
    }

    /** One row of a line. */
    private static final class RowCell extends ListCell<String> {
        RowCell() {
            getStyleClass().add("log-line");
            setPrefWidth(0); // never wider than the list
        }

        @Override
        protected void updateItem(String row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty ? null : row);
        }
    }
}
