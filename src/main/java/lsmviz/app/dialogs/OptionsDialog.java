package lsmviz.app.dialogs;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import lsmviz.engine.Options;
import lsmviz.engine.SyncMode;

/** Engine options, checked by the engine's own rules before the dialog lets you apply them. */
public final class OptionsDialog {
    private OptionsDialog() {}

    public static Optional<Options> show(Window owner, Options current) {
        Dialog<Options> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Engine options");
        d.setHeaderText("Applying reopens the engine: every memtable is flushed first, nothing is lost.");
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        TextField memtable = new TextField(Long.toString(current.memtableSizeBytes()));
        TextField block = new TextField(Integer.toString(current.blockSizeBytes()));
        TextField table = new TextField(Long.toString(current.sstableTargetBytes()));
        TextField maxImm = new TextField(Integer.toString(current.maxImmutableMemtables()));
        TextField bloom = new TextField(Integer.toString(current.bloomBitsPerKey()));
        ComboBox<Options.FlushMode> flush = new ComboBox<>();
        flush.getItems().addAll(Options.FlushMode.values());
        flush.setValue(current.flushMode());
        ComboBox<SyncMode> sync = new ComboBox<>();
        sync.getItems().addAll(SyncMode.values());
        sync.setValue(current.syncMode());
        Label error = new Label();
        error.getStyleClass().add("message");
        error.setStyle("-fx-text-fill: #b42318; -fx-font-weight: bold;");
        error.setWrapText(true);
        error.setMaxWidth(460);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        int r = 0;
        g.addRow(r++, new Label("Memtable size (bytes)"), memtable);
        g.addRow(r++, new Label("Block size (bytes)"), block);
        g.addRow(r++, new Label("SSTable target size (bytes)"), table);
        g.addRow(r++, new Label("Immutable memtables before a stall"), maxImm);
        g.addRow(r++, new Label("Bloom filter bits per key"), bloom);
        g.addRow(r++, new Label("Flush"), flush);
        g.addRow(r++, new Label("Write-ahead log sync"), sync);
        g.add(error, 0, r, 2, 1);
        d.getDialogPane().setContent(g);
        javafx.scene.Node applyButton = d.getDialogPane().lookupButton(apply);
        applyButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                parse(memtable, block, table, maxImm, bloom, flush, sync);
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                ev.consume(); // stay open: the message says what to fix
            }
        });
        d.setResultConverter(b -> b == apply ? parse(memtable, block, table, maxImm, bloom, flush, sync) : null);
        return d.showAndWait();
    }

    static Options parse(TextField memtable, TextField block, TextField table, TextField maxImm, TextField bloom,
            ComboBox<Options.FlushMode> flush, ComboBox<SyncMode> sync) {
        return new Options(number("memtable size", memtable), (int) number("block size", block),
                number("SSTable target size", table), (int) number("immutable memtables", maxImm),
                (int) number("bloom bits per key", bloom), flush.getValue(), sync.getValue());
    }

    static long number(String name, TextField f) {
        try {
            return Long.parseLong(f.getText().strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + f.getText() + "' is not a whole number");
        }
    }
}
