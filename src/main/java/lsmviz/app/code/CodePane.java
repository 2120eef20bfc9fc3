package lsmviz.app.code;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.geometry.Pos;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import lsmviz.app.ThreadColors;
import lsmviz.app.code.SourceIndex.Snippet;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.ProbePoint;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The engine's own code for the operation in progress: the method around a probe point, taken
 * from the engine source the build bundles ({@link SourceIndex}), with line numbers, the line about
 * to run marked {@code ▶} on a coloured background and the gate call where the thread waits marked
 * with a pause sign. Above it, which method and line, the probe point's narration and (optionally) the
 * thread.
 *
 * <p>Moving to another point of the same method only moves the marks (the lines stay); the view
 * scrolls only when the line about to run is not already comfortably in sight, so stepping through
 * a flush does not make the code jump. Call on the FX thread.
 */
public final class CodePane extends VBox {
    /** What the pane says when no operation is shown. */
    public static final String PLACEHOLDER = "Run the engine in step mode to see the code of the operation in progress";

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");
    /** Lines of context kept above the line about to run when the view has to scroll. */
    private static final int CONTEXT = 3;

    private final SourceIndex index;
    private final Label title = new Label();
    private final Label thread = new Label();
    private final Label narration = new Label();
    private final ListView<String> code = new ListView<>();
    /** Index in the list of the line about to run, -1 for none. */
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    /** Index in the list of the gate call where the thread waits, -1 for none. */
    private final IntegerProperty paused = new SimpleIntegerProperty(-1);
    private Snippet shown;
    private ProbePoint point;

    /** A pane over the engine source bundled on the classpath ({@link SourceIndex#load()}). */
    public CodePane() {
        this(SourceIndex.load());
    }

    /** A pane over {@code index}. */
    public CodePane(SourceIndex index) {
        this.index = index;
        getStyleClass().add("code-pane");
        getStylesheets().add(CodePane.class.getResource("code-pane.css").toExternalForm());
        title.getStyleClass().addAll("section-title", "code-title");
        thread.getStyleClass().add("code-thread");
        narration.getStyleClass().add("code-narration");
        narration.setWrapText(true);
        narration.setMaxWidth(Double.MAX_VALUE);
        code.getStyleClass().add("code-list");
        code.setFocusTraversable(false);
        code.setCellFactory(list -> new LineCell());
        Label placeholder = new Label(PLACEHOLDER);
        placeholder.getStyleClass().add("code-placeholder");
        placeholder.setWrapText(true);
        code.setPlaceholder(placeholder);
        VBox.setVgrow(code, Priority.ALWAYS);
        getChildren().addAll(title, thread, narration, code);
        clear();
    }

    /**
     * Shows the method around {@code p} with the line about to run marked. Within the method shown
     * already, only the marks move.
     */
    public void show(ProbePoint p) {
        Snippet s = index.snippet(p);
        boolean fresh = !s.sameMethod(shown);
        if (fresh) {
            current.set(-1);
            paused.set(-1);
            shown = s;
            code.getItems().setAll(display(s.lines()));
        }
        point = p;
        paused.set(s.gateIndex());
        current.set(s.highlightIndex());
        title.setText(index.className() + "." + s.methodName() + "()  —  line " + s.highlightedLine());
        narration.setText(p.narration());
        setShown(narration, !compact);
        reveal(s.gateIndex(), s.highlightIndex(), fresh);
        setAccessibleText(title.getText() + ": " + s.lines().get(s.highlightIndex()).strip());
    }

    /** Shows the point a thread reached, and that thread. */
    public void show(EngineEvent.StepReached step) {
        show(ProbePoint.valueOf(step.point()));
        showThread(step.thread());
    }

    /** Names the thread whose code is shown, in its colour; null hides the name. */
    public void showThread(String name) {
        if (name == null) {
            thread.setText(null);
            thread.setGraphic(null);
            setShown(thread, false);
            return;
        }
        thread.setText("Thread " + name);
        thread.setGraphic(new Circle(7, ThreadColors.of(name)));
        setShown(thread, true);
    }

    /** Shows no code, only the placeholder that says how to get some. */
    public void clear() {
        shown = null;
        point = null;
        current.set(-1);
        paused.set(-1);
        code.getItems().clear();
        title.setText("Code");
        narration.setText(null);
        setShown(narration, false);
        showThread(null);
        setAccessibleText("Code: " + PLACEHOLDER);
    }

    /** The probe point shown, or null when the pane is clear. */
    public ProbePoint shownPoint() {
        return point;
    }

    /** 1-based line number, in the engine source, of the line marked as about to run; -1 when clear. */
    public int highlightedSourceLine() {
        return shown == null ? -1 : shown.firstLine() + current.get();
    }

    /** The index the pane reads the source from. */
    public SourceIndex sourceIndex() {
        return index;
    }

    /** The lines as shown: the method's own indentation taken off, tabs as four spaces. */
    private static List<String> display(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add((l.isBlank() ? "" : l.substring(indent)).replace("\t", "    "));
        }
        return out;
    }

    /**
     * Scrolls so that the gate call {@code gate} and the line about to run {@code next} are in sight,
     * with a little context above, unless they are already (and the lines are not {@code fresh}: new
     * lines always start in the right place); when both do not fit, {@code next} wins.
     */
    private void reveal(int gate, int next, boolean fresh) {
        int top = Math.min(gate, next);
        int rows = 2 * CONTEXT + (next - top) + 1;
        if (code.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            IndexedCell<?> first = flow.getFirstVisibleCell();
            IndexedCell<?> last = flow.getLastVisibleCell();
            if (first != null && last != null && !first.isEmpty() && !last.isEmpty()) {
                if (!fresh && top > first.getIndex() && next < last.getIndex()) {
                    return;
                }
                rows = last.getIndex() - first.getIndex() + 1;
            }
        }
        int context = Math.min(CONTEXT, rows / 3);
        int start = Math.max(0, top - context);
        if (next - start >= rows - 1) {
            start = Math.max(0, next - context);
        }
        code.scrollTo(start);
    }

    private boolean compact;

    /**
     * On a short window the pane leaves its narration line out (the step bar below says the same)
     * and gives the line to the code.
     */
    public void setCompact(boolean compact) {
        this.compact = compact;
        if (narration.getText() != null) {
            setShown(narration, !compact);
        }
    }

    private static void setShown(Label label, boolean on) {
        label.setVisible(on);
        label.setManaged(on);
    }

    /** One source line: a mark, its number, its text. */
    private final class LineCell extends ListCell<String> {
        private final Label mark = new Label();
        private final FontIcon pause = new FontIcon("fth-pause");
        private final Label number = new Label();
        private final Label text = new Label();
        private final HBox row = new HBox(mark, number, text);
        private final InvalidationListener marksMoved = o -> updateMarks();

        LineCell() {
            getStyleClass().add("code-line");
            mark.getStyleClass().add("code-mark");
            pause.getStyleClass().add("code-pause");
            number.getStyleClass().add("code-number");
            text.getStyleClass().add("code-text");
            text.setMinWidth(USE_PREF_SIZE);
            row.setAlignment(Pos.CENTER_LEFT);
            current.addListener(new WeakInvalidationListener(marksMoved));
            paused.addListener(new WeakInvalidationListener(marksMoved));
            // the marks show where the engine is: a click must not add a selection of its own
            addEventFilter(MouseEvent.MOUSE_PRESSED, Event::consume);
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null || shown == null) {
                setGraphic(null);
            } else {
                text.setText(line);
                number.setText(Integer.toString(shown.firstLine() + getIndex()));
                setGraphic(row);
            }
            updateMarks();
        }

        private void updateMarks() {
            boolean filled = !isEmpty() && getItem() != null;
            boolean here = filled && getIndex() == current.get();
            boolean waits = filled && !here && getIndex() == paused.get();
            pseudoClassStateChanged(CURRENT, here);
            pseudoClassStateChanged(PAUSED, waits);
            mark.setText(here ? "▶" : "");
            mark.setGraphic(waits ? pause : null);
        }
    }
}
