package lsmviz.app.disk;

import java.util.function.LongConsumer;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import lsmviz.app.Fxml;

/**
 * Disk: a title that counts the SSTables and their bytes, a toggle that lays the levels out by key
 * range or by size, and the level view that draws them.
 */
public final class DiskView extends VBox {
    @FXML private Label title;
    @FXML private ToggleButton bySize;
    @FXML private LevelStage levels;

    public DiskView() {
        Fxml.load(this, "disk.css");
        bySize.selectedProperty().addListener((o, was, on) ->
                levels.setMode(on ? LevelLayout.Mode.BY_SIZE : LevelLayout.Mode.BY_KEY));
    }

    public void bind(DiskViewModel m) {
        title.textProperty().bind(m.titleProperty());
        m.pictureProperty().addListener((o, a, p) -> levels.show(p));
        levels.show(m.pictureProperty().get());
    }

    public void setOnInspect(LongConsumer onInspect) {
        levels.setOnInspect(onInspect);
    }

    public LevelStage levels() {
        return levels;
    }
}
