package lsmviz.app.status;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import lsmviz.app.Fxml;

/** The status bar: counts at the left, a stall or block flag, the data directory at the right. */
public final class StatusBar extends HBox {
    @FXML private Label ops;
    @FXML private Label memtables;
    @FXML private Label sstables;
    @FXML private Label disk;
    @FXML private Label flag;
    @FXML private Label directory;

    public StatusBar() {
        Fxml.load(this, "status.css");
        for (Label l : new Label[] {ops, memtables, sstables, disk, flag}) {
            l.setMinWidth(USE_PREF_SIZE); // counts and flags are never cut; the directory gives way
        }
        // ops/s changes twice a second: a width that holds "ops/s: 999,999" keeps the bar still
        ops.setMinWidth(USE_COMPUTED_SIZE);
        ops.getStyleClass().add("ops-status");
    }

    public void bind(StatusViewModel m) {
        ops.textProperty().bind(m.opsProperty());
        memtables.textProperty().bind(m.memtablesProperty());
        sstables.textProperty().bind(m.sstablesProperty());
        disk.textProperty().bind(m.diskProperty());
        flag.textProperty().bind(m.flagProperty());
        directory.textProperty().bind(m.directoryProperty());
    }
}
