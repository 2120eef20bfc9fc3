package lsmviz.app.disk;

import java.util.function.LongConsumer;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import lsmviz.app.Fxml;

/** Disk: a title that counts the SSTables and their bytes, over the shelf that draws them. */
public final class DiskView extends VBox {
    @FXML private Label title;
    @FXML private Shelf shelf;

    public DiskView() {
        Fxml.load(this, "disk.css");
    }

    public void bind(DiskViewModel m) {
        title.textProperty().bind(m.titleProperty());
        m.shelfProperty().addListener((o, a, s) -> shelf.show(s));
        shelf.show(m.shelfProperty().get());
    }

    public void setOnInspect(LongConsumer onInspect) {
        shelf.setOnInspect(onInspect);
    }

    public Shelf shelf() {
        return shelf;
    }
}
