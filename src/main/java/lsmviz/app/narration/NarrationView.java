package lsmviz.app.narration;

import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import lsmviz.app.Fxml;
import lsmviz.app.narration.NarrationViewModel.Kind;

/** The narration strip: the headline at the left, the words beside it, three lines high always. */
public final class NarrationView extends HBox {
    @FXML private Label headline;
    @FXML private Label detail;
    @FXML private Label text;

    public NarrationView() {
        Fxml.load(this, "narration.css");
    }

    public void bind(NarrationViewModel m) {
        headline.textProperty().bind(m.headlineProperty());
        detail.textProperty().bind(m.detailProperty());
        detail.managedProperty().bind(detail.textProperty().isNotEmpty());
        text.textProperty().bind(m.textProperty());
        m.kindProperty().addListener((o, was, k) -> style(k));
        style(m.kindProperty().get());
    }

    private void style(Kind k) {
        text.getStyleClass().removeAll("info", "step", "lesson", "error");
        text.getStyleClass().add(k.name().toLowerCase(Locale.ROOT));
    }

    /** The words shown (for tests). */
    public String shownText() {
        return text.getText();
    }
}
