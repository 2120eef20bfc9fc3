package lsmviz.app.locks;

import javafx.fxml.FXML;
import javafx.scene.layout.VBox;
import lsmviz.app.Fxml;

/**
 * Locks: the freeze lock and the state lock side by side, each with who holds it and who waits.
 * A thread paused at the step gate keeps its locks: that is why the others queue, and the cards
 * say so ("paused").
 */
public final class LocksView extends VBox {
    @FXML private LockCard freezeCard;
    @FXML private LockCard stateCard;

    public LocksView() {
        Fxml.load(this, "locks.css");
    }

    /** A short screen at large text: the cards leave out the line that says what kind of lock it is. */
    public void setCompact(boolean on) {
        freezeCard.setCompact(on);
        stateCard.setCompact(on);
    }

    public void bind(LocksViewModel m) {
        m.freezeLockProperty().addListener((o, a, c) -> freezeCard.show(c));
        m.stateLockProperty().addListener((o, a, c) -> stateCard.show(c));
        freezeCard.show(m.freezeLockProperty().get());
        stateCard.show(m.stateLockProperty().get());
    }
}
