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
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import lsmviz.app.ThreadColors;
import lsmviz.app.code.CodeViewModel.Focus;
import lsmviz.app.code.SourceIndex.Snippet;
import lsmviz.engine.step.ProbePoint;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The engine's own code for the operation in progress: the method around a probe point, taken
 * from the engine source the build bundles ({@link SourceIndex}), with line numbers, the line about
 * to run marked {@code ▶} on a coloured background and the gate call where the thread waits marked
 * with a pause sign; above it, which thread, which method and which line.
 *
 * <p>The pane is as wide as {@value #COLUMNS} characters of its font need ({@link #requiredWidth()}),
 * so no line of up to that length is cut. Moving to another point of the same method only moves
 * the marks; the lines scroll only when the line about to run would leave the middle of the view,
 * and then so that it stands with context above it. Call on the FX thread.
 */
public final class CodePane extends VBox {
    /** What the pane says when no operation is shown. */
    public static final String PLACEHOLDER = "Pause the engine (Step mode) to see the code a thread is about to run";
    /** Characters of a line the pane always shows whole. */
    public static final int COLUMNS = 72;
    /** The code font at text size 100 %, in pixels. */
    static final double FONT_SIZE = 12;

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");

    private final SourceIndex index;
    private final Label title = new Label();
    private final ListView<String> code = new ListView<>();
    /** Index in the list of the line about to run, -1 for none. */
    private final IntegerProperty current = new SimpleIntegerProperty(-1);
    /** Index in the list of the gate call where the thread waits, -1 for none. */
    private final IntegerProperty paused = new SimpleIntegerProperty(-1);
    private Font font;
    private Snippet shown;
    private ProbePoint point;
    /** The first line in view (the list is asked to show it). */
    private int top;

    /** A pane over the engine source bundled on the classpath ({@link SourceIndex#load()}). */
    public CodePane() {
        this(SourceIndex.load());
    }

    /** A pane over {@code index}. */
    public CodePane(SourceIndex index) {
        this.index = index;
        getStyleClass().add("code-pane");
        getStylesheets().add(CodePane.class.getResource("code-pane.css").toExternalForm());
        title.getStyleClass().add("code-title");
        title.setMaxWidth(Double.MAX_VALUE);
        title.setWrapText(true);
        title.setMinHeight(USE_PREF_SIZE); // two lines at large text, never cut
        code.getStyleClass().add("code-list");
        code.setFocusTraversable(false);
        code.setCellFactory(list -> new LineCell());
        Label placeholder = new Label(PLACEHOLDER);
        placeholder.getStyleClass().add("code-placeholder");
        placeholder.setWrapText(true);
        code.setPlaceholder(placeholder);
        VBox.setVgrow(code, Priority.ALWAYS);
        getChildren().addAll(title, code);
        code.heightProperty().addListener((o, a, b) -> reveal(false));
        widthProperty().addListener((o, a, b) -> fitFont());
        setMinWidth(0);
        setMinHeight(0); // a short screen at large text: fewer lines (they scroll), never over the narration
        code.setMinHeight(0);
        setTextScale(1.0);
        clear();
    }

    /** Follows {@code m}: shows the code of its focus, or the placeholder. */
    public void bind(CodeViewModel m) {
        m.focusProperty().addListener((o, a, f) -> show(f));
        show(m.focusProperty().get());
    }

    private void show(Focus f) {
        if (f == null) {
            clear();
        } else {
            show(f.point());
            showThread(f.thread(), f.paused());
        }
    }

    /**
     * The code font follows the window's text size, as large as the width the pane is given allows
     * for {@value #COLUMNS} whole characters (a narrow window at large text shrinks the code, never
     * below the 100 % size, instead of pushing the stage off screen).
     */
    public void setTextScale(double scale) {
        this.scale = scale;
        setPrefWidth(requiredWidth()); // what it asks for; the window may give it less
        fitFont();
        code.refresh(); // the marks and numbers are sized in em: every cell again
    }

    private double scale = 1.0;

    private void fitFont() {
        double wanted = FONT_SIZE * scale;
        double width = getWidth();
        double size = wanted;
        if (width > 0 && requiredWidth(wanted) > width) {
            size = Math.max(FONT_SIZE, Math.floor(wanted * (width - FIXED_PX) / (requiredWidth(wanted) - FIXED_PX) * 2) / 2);
        }
        if (font != null && font.getSize() == size) {
            return;
        }
        font = Font.font("Monospaced", size);
        code.setFixedCellSize(Math.ceil(font.getSize() * 1.45));
        code.setStyle("-fx-font-size: " + font.getSize() + "px;");
        code.refresh();
    }

    /** The code's font size now, in pixels. */
    double codeFontSize() {
        return font.getSize();
    }

    /** Pixels of {@link #requiredWidth} that do not grow with the font. */
    private static final double FIXED_PX = 6 + 2 + 16 + 4;

    /** The width that shows {@value #COLUMNS} characters of code whole at the window's text size. */
    public double requiredWidth() {
        return requiredWidth(FONT_SIZE * scale);
    }

    /**
     * The width that shows {@value #COLUMNS} characters of code whole at {@code size} px: the mark
     * and the line number (4.6 em, see code-pane.css), the text, the cell's padding, the scroll bar
     * and the pane's own padding.
     */
    static double requiredWidth(double size) {
        Text t = new Text("0".repeat(COLUMNS));
        t.setFont(Font.font("Monospaced", size));
        return Math.ceil(t.getLayoutBounds().getWidth() + (4.6 + 1.25) * size + FIXED_PX);
    }

    /** Shows the method around {@code p} with the line about to run marked; within the method shown, only the marks move. */
    public void show(ProbePoint p) {
        Snippet s = index.snippet(p);
        boolean fresh = !s.sameMethod(shown);
        shown = s; // the same lines when not fresh; its marks and line numbers are this point's
        if (fresh) {
            current.set(-1);
            paused.set(-1);
            code.getItems().setAll(display(s.lines()));
        }
        point = p;
        paused.set(s.gateIndex());
        current.set(s.highlightIndex());
        title.setText(s.className() + "." + s.methodName() + "(), line " + s.highlightedLine());
        title.setGraphic(null);
        reveal(fresh);
        setAccessibleText(title.getText() + ": " + s.lines().get(s.highlightIndex()).strip());
    }

    /** Names the thread whose code is shown, in its colour, with the method and line. */
    private void showThread(String name, boolean isPaused) {
        title.setText(name + (isPaused ? " is paused in " : " passes ") + shown.className() + "." + shown.methodName()
                + "(), line " + shown.highlightedLine());
        title.setGraphic(new Circle(font.getSize() * 0.5, ThreadColors.of(name)));
    }

    /** Shows no code, only the placeholder that says how to get some. */
    public void clear() {
        shown = null;
        point = null;
        current.set(-1);
        paused.set(-1);
        code.getItems().clear();
        title.setText("Code: no thread is paused");
        title.setGraphic(null);
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

    /** Whole lines the list shows at once. */
    private int rows() {
        double h = code.getHeight() - 4;
        return h <= 0 ? 10 : Math.max(1, (int) (h / code.getFixedCellSize()));
    }

    /**
     * Keeps the line about to run in sight with all the context above it that fits (the lock
     * taken, the gate reached): new lines start so; within one method the view moves only when
     * the line about to run would leave it or come within three lines of its bottom. The place
     * is asked of the list every time (a list whose lines were replaced, or that was hidden in
     * another tab, may have forgotten it), and again when its height changes.
     */
    private void reveal(boolean fresh) {
        int next = current.get();
        if (next < 0) {
            return;
        }
        int rows = rows();
        int gateAt = paused.get() < 0 ? next : paused.get();
        // three lines after the one about to run stay in view (fewer in a short pane: a third of it)
        int after = Math.min(3, Math.max(0, (rows - 1) / 3));
        boolean comfortable = !fresh && Math.min(gateAt, next) >= top && next >= top + Math.min(1, rows - 1 - after)
                && next <= top + rows - 1 - after;
        if (!comfortable) {
            top = next - (rows - 1 - after);
        }
        top = Math.max(0, Math.min(top, code.getItems().size() - rows));
        if (fresh) {
            // the list takes new lines at its next layout; a scroll asked before it would be
            // measured against the old ones (it keeps its place as a fraction of them)
            code.applyCss();
            code.layout();
        }
        code.scrollTo(top);
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
            text.setMinWidth(0);
            setPrefWidth(0); // never wider than the list: no horizontal scroll bar over the last line
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
