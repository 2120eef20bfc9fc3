package lsmviz.app.locks;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import lsmviz.app.ThreadColors;
import lsmviz.app.locks.LocksViewModel.Card;
import lsmviz.app.locks.LocksViewModel.ThreadLine;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One lock: its name and kind, the thread that holds it (coloured as that thread is everywhere)
 * and for how long, and its queue of waiters, first in line on top ("1. writer-B wants
 * exclusive"). The card always has the same rows (two for the holder,
 * {@value LocksViewModel#MAX_WAITERS} waiters), so nothing below it moves when threads come and go.
 */
public final class LockCard extends VBox {
    private static final PseudoClass HELD = PseudoClass.getPseudoClass("held");

    private final FontIcon icon = new FontIcon("fth-unlock");
    private final Label title = new Label();
    private final Label kind = new Label();
    private final Label holder = new Label();
    private final Label since = new Label();
    private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
    private final Label[] waiters = new Label[LocksViewModel.MAX_WAITERS];

    public LockCard() {
        getStyleClass().add("lock-card");
        icon.getStyleClass().add("lock-icon");
        title.getStyleClass().add("lock-title");
        title.setMinWidth(USE_PREF_SIZE);
        kind.getStyleClass().add("lock-kind");
        kind.setMinWidth(0);
        kind.setWrapText(true); // a narrow card at large text gives the kind a second line, not an ellipsis
        kind.setMinHeight(USE_PREF_SIZE);
        holder.getStyleClass().add("lock-holder");
        holder.setMaxWidth(Double.MAX_VALUE);
        holder.setWrapText(true); // a narrow card keeps the holder's mode on a second line, never cut
        holder.setMinHeight(USE_PREF_SIZE);
        since.getStyleClass().add("lock-since");
        since.setMaxWidth(Double.MAX_VALUE);
        since.setWrapText(true);
        since.setMinHeight(USE_PREF_SIZE);
        HBox head = new HBox(6, icon, title);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, kind, holder, since);
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = new Label();
            waiters[i].getStyleClass().add("lock-waiter");
            waiters[i].setMaxWidth(Double.MAX_VALUE);
            getChildren().add(waiters[i]);
        }
    }

    /**
     * Leaves out the kind line (its words stay in the tooltip) and keeps the holder to one line, to
     * give the code below more room.
     */
    public void setCompact(boolean on) {
        kind.setVisible(!on);
        kind.setManaged(!on);
        // one line each: at large text on a short screen the code below needs every line there is
        holder.setWrapText(!on);
        since.setWrapText(!on);
    }

    public void show(Card c) {
        title.setText(c.title());
        kind.setText(c.kind());
        if (!c.kind().equals(tip.getText())) {
            tip.setText(c.kind());
            javafx.scene.control.Tooltip.install(title, tip);
        }
        icon.setIconLiteral(c.held() ? "fth-lock" : "fth-unlock");
        pseudoClassStateChanged(HELD, c.held());
        if (c.held()) {
            line(holder, c.holders().get(0), "held by ");
            since.setText(c.holders().get(0).more());
            holder.getStyleClass().remove("free");
        } else {
            since.setText("");
            holder.setText("free");
            holder.setGraphic(null);
            holder.setStyle(null);
            if (!holder.getStyleClass().contains("free")) {
                holder.getStyleClass().add("free");
            }
        }
        List<ThreadLine> ws = c.waiters();
        for (int i = 0; i < waiters.length; i++) {
            Label w = waiters[i];
            w.getStyleClass().removeAll("blocked", "none");
            if (i < ws.size()) {
                ThreadLine t = ws.get(i);
                String more = i == waiters.length - 1 && c.more() > 0 ? "  (+" + c.more() + " more)" : "";
                line(w, new ThreadLine(t.thread(), t.text() + more, "", t.paused(), t.blocked()), "");
                if (t.blocked()) {
                    w.getStyleClass().add("blocked");
                }
            } else {
                w.setText(i == 0 ? "nobody waits" : "");
                w.setGraphic(null);
                if (i == 0) {
                    w.getStyleClass().add("none");
                }
            }
        }
        setAccessibleText(c.title() + ": " + (c.held() ? holder.getText() : "free") + ", "
                + (ws.isEmpty() ? "nobody waits" : ws.size() + c.more() + " waiting"));
    }

    /** The thread's dot in its colour, then the text. */
    private static void line(Label l, ThreadLine t, String prefix) {
        l.setText(prefix + t.text());
        if (t.thread() != null) {
            if (!(l.getGraphic() instanceof Circle c)) {
                l.setGraphic(new Circle(6, ThreadColors.of(t.thread())));
            } else {
                c.setFill(ThreadColors.of(t.thread()));
            }
        } else {
            l.setGraphic(null);
        }
    }
}
