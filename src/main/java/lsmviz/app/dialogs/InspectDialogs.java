package lsmviz.app.dialogs;

import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Window;
import lsmviz.app.Format;
import lsmviz.app.session.SessionPort;
import lsmviz.app.session.SessionPort.BlockRow;
import lsmviz.app.session.SessionPort.Fact;
import lsmviz.app.session.SessionPort.MemtableEntry;

/**
 * Inspect a memtable (its entries) or an SSTable (its parts, its blocks, its checksums). Sized for
 * a 1280x720 projector: every fact of a table is in sight beside its block list, and the key
 * columns are as wide as the longest key.
 */
public final class InspectDialogs {
    static final int MAX_ENTRIES = 100_000;

    private InspectDialogs() {}

    public static void memtable(Window owner, SessionPort session, long id) {
        Dialog<Void> d = dialog(owner, "Memtable #" + id);
        ListView<String> list = new ListView<>();
        list.setPrefSize(560, 420);
        list.setStyle("-fx-font-family: Monospaced;");
        Label header = new Label("Reading…");
        header.setWrapText(true);
        d.getDialogPane().setContent(new VBox(8, header, list));
        session.memtableEntries(id, MAX_ENTRIES).whenComplete((entries, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                header.setText(Problems.explain(ex) + " (a flushed memtable is an SSTable now: click it on the shelf)");
                return;
            }
            header.setText(Format.plural(entries.size(), "entry", "entries") + (entries.size() >= MAX_ENTRIES ? "+" : "")
                    + " in key order (tombstones marked ✝)");
            list.getItems().setAll(entries.stream().map(InspectDialogs::line).toList());
        }));
        d.show();
    }

    private static String line(MemtableEntry e) {
        return e.key() + (e.tombstone() ? "  ✝ deleted" : " = " + Format.shorten(e.value(), 60));
    }

    public static void sstable(Window owner, SessionPort session, long id) {
        sstable(owner, session, id, null);
    }

    /**
     * The SSTable's dialog; {@code key} (typed in the key field, or the latest get's), when given,
     * has its block marked: the one the block index points a get of it to.
     */
    public static void sstable(Window owner, SessionPort session, long id, String key) {
        Dialog<Void> d = dialog(owner, "SSTable #" + id);
        d.getDialogPane().setId("sstableDialog");
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.add(new Label("Reading…"), 0, 0);
        Label checks = new Label("Verifying checksums…");
        checks.setWrapText(true);
        checks.setMaxWidth(380);
        TableView<BlockRow> blocks = new TableView<>();
        // the last column takes what is left: no stray empty column at the right
        blocks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        blocks.setId("blockTable");
        Label keyLine = new Label();
        keyLine.setId("blockForKey");
        keyLine.setWrapText(true);
        keyLine.setMaxWidth(380);
        blocks.setPrefHeight(420);
        VBox left = new VBox(12, facts, checks, keyLine);
        left.setMinWidth(VBox.USE_PREF_SIZE);
        VBox right = new VBox(6, new Label("Data blocks, as the block index lists them:"), blocks);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox content = new HBox(18, left, right);
        content.setPadding(new Insets(4));
        d.getDialogPane().setContent(content);
        session.sstable(id).whenComplete((t, ex) -> Platform.runLater(() -> {
            facts.getChildren().clear();
            if (ex != null) {
                facts.add(new Label(Problems.explain(ex)), 0, 0);
                return;
            }
            int row = 0;
            for (Fact f : t.facts()) {
                Label name = new Label(f.label());
                name.setStyle("-fx-font-weight: bold;");
                name.setMinWidth(Label.USE_PREF_SIZE);
                Label value = new Label(f.value());
                value.setWrapText(true);
                value.setMinHeight(Label.USE_PREF_SIZE);
                value.setMaxWidth(300);
                facts.addRow(row++, name, value);
            }
            blocks.getColumns().setAll(columns(t.blocks()));
            blocks.getItems().setAll(t.blocks());
            if (key != null) {
                int at = blockFor(t.blocks(), key);
                if (at >= 0) {
                    blocks.getSelectionModel().select(at);
                    blocks.scrollTo(at);
                    keyLine.setText("Key '" + Format.shorten(key, 24) + "': block " + t.blocks().get(at).blockNo()
                            + " (marked). The index points a get there; the bloom filter says first whether to read it.");
                } else {
                    keyLine.setText("Key '" + Format.shorten(key, 24) + "' is outside this table's key range: a get"
                            + " never reads it.");
                }
            }
            double tableWidth = blocks.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).sum() + 20;
            blocks.setMinWidth(Math.min(tableWidth, 720)); // every column whole, keys too
            blocks.setPrefWidth(tableWidth);
            fitToOwner(d, owner);
        }));
        session.verifySSTable(id).whenComplete((v, ex) -> Platform.runLater(() -> checks.setText(ex == null
                ? "Checksums: every block, the bloom filter, the index and the footer verified (CRC32C)."
                : "Checksums: " + Problems.explain(ex))));
        d.show();
    }

    /**
     * The row of the block a get of {@code key} reads, as the block index finds it: the first block
     * whose last key is not below the key; -1 when the key is outside the table's range.
     */
    static int blockFor(List<BlockRow> rows, String key) {
        if (rows.isEmpty() || key.compareTo(rows.get(0).firstKey()) < 0) {
            return -1;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (key.compareTo(rows.get(i).lastKey()) <= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The block table's columns, each as wide as its widest value (keys are never cut). */
    static List<TableColumn<BlockRow, String>> columns(List<BlockRow> rows) {
        return List.of(
                column("block", rows, b -> Integer.toString(b.blockNo())),
                column("offset", rows, b -> Format.count(b.offset())),
                column("bytes", rows, b -> Format.count(b.bytes())),
                column("keys", rows, b -> Integer.toString(b.keys())),
                column("first key", rows, BlockRow::firstKey),
                column("last key", rows, BlockRow::lastKey));
    }

    private static TableColumn<BlockRow, String> column(String name, List<BlockRow> rows, Function<BlockRow, String> f) {
        TableColumn<BlockRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        Text probe = new Text(name);
        probe.setFont(Font.getDefault());
        double w = probe.getLayoutBounds().getWidth();
        for (BlockRow r : rows) {
            probe.setText(f.apply(r));
            w = Math.max(w, probe.getLayoutBounds().getWidth());
        }
        c.setPrefWidth(Math.ceil(w * 1.25) + 30); // the table's font may be larger than the default
        return c;
    }

    /** The dialog takes the size its content wants, at most the window's: all of it in sight on a projector. */
    private static void fitToOwner(Dialog<?> d, Window owner) {
        Window w = d.getDialogPane().getScene() == null ? null : d.getDialogPane().getScene().getWindow();
        if (w == null) {
            return;
        }
        d.getDialogPane().applyCss();
        d.getDialogPane().requestLayout();
        w.sizeToScene();
        if (owner != null) {
            w.setWidth(Math.min(w.getWidth(), owner.getWidth() - 40));
            w.setHeight(Math.min(w.getHeight(), owner.getHeight() - 40));
            w.setX(owner.getX() + (owner.getWidth() - w.getWidth()) / 2);
            w.setY(owner.getY() + (owner.getHeight() - w.getHeight()) / 2);
        }
    }

    private static Dialog<Void> dialog(Window owner, String title) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(title);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResizable(true);
        return d;
    }
}
