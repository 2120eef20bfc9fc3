package lsmviz.app.memory;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import lsmviz.app.Format;

/**
 * The newest keys of the active memtable as chips, in rows. When the card has less height than
 * every row wants (a short screen), it shows only the chips that fit whole, never half a row cut
 * off at the card's edge.
 */
public final class KeyChips extends FlowPane {
    public KeyChips() {
        super(6, 4);
        setMinHeight(0);
        setPrefWrapLength(150);
    }

    /** Shows these keys, newest first; reuses the chips (only their texts change as keys arrive). */
    public void show(List<String> keys) {
        while (getChildren().size() < keys.size()) {
            Label chip = new Label();
            chip.getStyleClass().add("key-chip");
            chip.setMinWidth(USE_PREF_SIZE);
            getChildren().add(chip);
        }
        getChildren().remove(keys.size(), getChildren().size());
        for (int i = 0; i < keys.size(); i++) {
            ((Label) getChildren().get(i)).setText(Format.shorten(keys.get(i), 14));
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        for (Node chip : getChildren()) {
            chip.setVisible(chip.getBoundsInParent().getMaxY() <= getHeight() + 0.5
                    && chip.getBoundsInParent().getMaxX() <= getWidth() + 0.5);
        }
    }
}
