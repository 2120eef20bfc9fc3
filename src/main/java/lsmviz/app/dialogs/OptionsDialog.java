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
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

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
        CompactionOptions c = current.compaction();
        ComboBox<CompactionOptions.Style> style = new ComboBox<>();
        style.getItems().addAll(CompactionOptions.Style.values());
        style.setValue(c.style());
        TextField trigger = new TextField(Integer.toString(c.l0Trigger()));
        TextField slowdown = new TextField(Integer.toString(c.l0Slowdown()));
        TextField stop = new TextField(Integer.toString(c.l0Stop()));
        TextField base = new TextField(Long.toString(c.levelBaseBytes()));
        TextField multiplier = new TextField(Integer.toString(c.levelMultiplier()));
        TextField levels = new TextField(Integer.toString(c.maxLevels()));
        Fields fields = new Fields(memtable, block, table, maxImm, bloom, flush, sync, style, trigger, slowdown, stop,
                base, multiplier, levels);
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
        g.addRow(r++, new Label("Compaction"), style);
        g.addRow(r++, new Label("L0 tables: compact at, slow writes at, stop writes at"),
                new javafx.scene.layout.HBox(6, trigger, slowdown, stop));
        g.addRow(r++, new Label("L1 target (bytes; 0 = ten memtables)"), base);
        g.addRow(r++, new Label("Each level larger by"), multiplier);
        g.addRow(r++, new Label("Levels below L0"), levels);
        javafx.scene.control.Button preset = new javafx.scene.control.Button("Classroom preset");
        preset.setId("classroomPreset");
        preset.setTooltip(new javafx.scene.control.Tooltip(
                "Tiny memtables, tables and level targets: three levels within a minute at 400 ops/s"));
        preset.setOnAction(e -> {
            fields.fill(classroomPreset());
            error.setText("");
        });
        g.add(preset, 0, r++, 2, 1);
        g.add(error, 0, r, 2, 1);
        trigger.setPrefColumnCount(4);
        slowdown.setPrefColumnCount(4);
        stop.setPrefColumnCount(4);
        d.getDialogPane().setContent(g);
        javafx.scene.Node applyButton = d.getDialogPane().lookupButton(apply);
        applyButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                fields.parse();
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                ev.consume(); // stay open: the message says what to fix
            }
        });
        d.setResultConverter(b -> b == apply ? fields.parse() : null);
        return d.showAndWait();
    }

    /**
     * Tiny memtables (16 KB), tables (32 KB) and level targets (L1 64 KB, each level 4 times
     * larger): a workload at 400 operations a second fills L1, L2 and L3 within about a minute.
     * L0 keeps LevelDB's thresholds (compact at 4, slow at 8, stop at 12). Background flush and
     * compaction, group commit.
     */
    public static Options classroomPreset() {
        return Options.defaults().withMemtableSizeBytes(16 * 1024).withBlockSizeBytes(1024)
                .withSstableTargetBytes(32 * 1024).withMaxImmutableMemtables(4).withSyncMode(SyncMode.GROUP)
                .withCompaction(CompactionOptions.defaults().withLevels(64 * 1024, 4, 7));
    }

    /** The dialog's fields; {@link #parse()} builds options by the engine's own rules (their messages too). */
    record Fields(TextField memtable, TextField block, TextField table, TextField maxImm, TextField bloom,
            ComboBox<Options.FlushMode> flush, ComboBox<SyncMode> sync, ComboBox<CompactionOptions.Style> style,
            TextField trigger, TextField slowdown, TextField stop, TextField base, TextField multiplier,
            TextField levels) {

        Options parse() {
            CompactionOptions defaults = CompactionOptions.defaults();
            CompactionOptions c = new CompactionOptions(style.getValue(), (int) number("L0 compaction trigger", trigger),
                    (int) number("L0 slowdown", slowdown), (int) number("L0 stop", stop), number("L1 target", base),
                    (int) number("level multiplier", multiplier), (int) number("levels", levels),
                    defaults.maxSpaceAmpPercent(), defaults.sizeRatioPercent(), defaults.runTrigger());
            return new Options(number("memtable size", memtable), (int) number("block size", block),
                    number("SSTable target size", table), (int) number("immutable memtables", maxImm),
                    (int) number("bloom bits per key", bloom), flush.getValue(), sync.getValue(), c);
        }

        void fill(Options o) {
            memtable.setText(Long.toString(o.memtableSizeBytes()));
            block.setText(Integer.toString(o.blockSizeBytes()));
            table.setText(Long.toString(o.sstableTargetBytes()));
            maxImm.setText(Integer.toString(o.maxImmutableMemtables()));
            bloom.setText(Integer.toString(o.bloomBitsPerKey()));
            flush.setValue(o.flushMode());
            sync.setValue(o.syncMode());
            CompactionOptions c = o.compaction();
            style.setValue(c.style());
            trigger.setText(Integer.toString(c.l0Trigger()));
            slowdown.setText(Integer.toString(c.l0Slowdown()));
            stop.setText(Integer.toString(c.l0Stop()));
            base.setText(Long.toString(c.levelBaseBytes()));
            multiplier.setText(Integer.toString(c.levelMultiplier()));
            levels.setText(Integer.toString(c.maxLevels()));
        }
    }

    static long number(String name, TextField f) {
        try {
            return Long.parseLong(f.getText().strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + f.getText() + "' is not a whole number");
        }
    }
}
