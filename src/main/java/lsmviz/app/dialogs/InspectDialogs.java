package lsmviz.app.dialogs;

import java.io.UncheckedIOException;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import lsmviz.app.Format;
import lsmviz.app.session.EngineSession;
import lsmviz.engine.Bytes;
import lsmviz.engine.CorruptionException;
import lsmviz.engine.KeyValue;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.SSTableInfo;

/** Inspect a memtable (its entries) or an SSTable (blocks, index, bloom filter, footer, checksums). */
public final class InspectDialogs {
    static final int MAX_ENTRIES = 100_000;

    private InspectDialogs() {}

    public static void memtable(Window owner, EngineSession session, long id) {
        Dialog<Void> d = dialog(owner, "Memtable #" + id);
        ListView<String> list = new ListView<>();
        list.setPrefSize(520, 480);
        list.setStyle("-fx-font-family: Monospaced;");
        Label header = new Label("Reading…");
        d.getDialogPane().setContent(new VBox(8, header, list));
        session.submit(e -> e.inspector().memtableEntries(id, MAX_ENTRIES)).whenComplete((entries, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                header.setText(explain(ex.getCause() != null ? ex.getCause() : ex)
                        + " (a flushed memtable is an SSTable now: click it on the shelf)");
                return;
            }
            header.setText(Format.count(entries.size()) + (entries.size() >= MAX_ENTRIES ? "+" : "")
                    + " entries in key order (tombstones marked ✝)");
            list.getItems().setAll(entries.stream().map(InspectDialogs::line).toList());
        }));
        d.show();
    }

    private static String line(KeyValue kv) {
        return Bytes.display(kv.key()) + (kv.isTombstone() ? "  ✝ deleted" : " = " + Format.shorten(Bytes.display(kv.value()), 60));
    }

    public static void sstable(Window owner, EngineSession session, long id) {
        Dialog<Void> d = dialog(owner, "SSTable #" + id);
        Label facts = new Label("Reading…");
        facts.setStyle("-fx-font-family: Monospaced;");
        Label checks = new Label("Verifying checksums…");
        checks.setWrapText(true);
        TableView<BlockHandle> blocks = new TableView<>();
        blocks.setPrefSize(720, 360);
        blocks.getColumns().addAll(List.of(
                column("block", b -> Integer.toString(b.blockNo())),
                column("offset", b -> Long.toString(b.offset())),
                column("bytes", b -> Integer.toString(b.length())),
                column("keys", b -> Integer.toString(b.entryCount())),
                column("first key", b -> Bytes.display(b.firstKey())),
                column("last key", b -> Bytes.display(b.lastKey()))));
        d.getDialogPane().setContent(new VBox(10, facts, checks, new Label("Data blocks (the block index):"), blocks));
        session.submit(e -> e.inspector().sstableInfo(id)).whenComplete((info, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                facts.setText(explain(ex.getCause() != null ? ex.getCause() : ex));
                return;
            }
            facts.setText(describe(info));
            blocks.getItems().setAll(info.blocks());
        }));
        session.submit(e -> {
            e.inspector().verifySSTable(id);
            return null;
        }).whenComplete((v, ex) -> Platform.runLater(() -> checks.setText(ex == null
                ? "Checksums: every block, the bloom filter, the index and the footer verified (CRC32C)."
                : "Checksums: " + explain(ex.getCause() != null ? ex.getCause() : ex))));
        d.show();
    }

    static String describe(SSTableInfo i) {
        return String.join("\n",
                "file        " + i.path(),
                "size        " + Format.bytes(i.fileSize()) + " (" + i.fileSize() + " bytes)",
                "entries     " + Format.count(i.entryCount()) + " (" + i.tombstoneCount() + " tombstones)",
                "keys        " + Format.keyRange(i.minKey() == null ? null : Bytes.display(i.minKey()),
                        i.maxKey() == null ? null : Bytes.display(i.maxKey())),
                "data blocks " + i.blocks().size() + ", bytes 0.." + i.bloomOffset(),
                "bloom       " + i.bloomBytes() + " bytes at " + i.bloomOffset() + ", " + i.bloomBitsPerKey()
                        + " bits/key, " + i.bloomHashes() + " hashes",
                "index       " + i.indexBytes() + " bytes at " + i.indexOffset(),
                "footer      " + i.footerBytes() + " bytes at " + i.footerOffset());
    }

    private static TableColumn<BlockHandle, String> column(String name, java.util.function.Function<BlockHandle, String> f) {
        TableColumn<BlockHandle, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        return c;
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

    /** What happened and what to do, in words for the user. */
    public static String explain(Throwable t) {
        if (t instanceof CorruptionException c) {
            return "Damaged data: " + c.getMessage() + ". Nothing was changed. Open another directory, or run "
                    + "'lsmviz verify' on this one to see every damaged file.";
        }
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return "Cannot write to " + a.getFile() + ": choose a directory you may write to.";
        }
        if (t instanceof java.io.IOException io) {
            String m = String.valueOf(io.getMessage());
            if (m.contains("No space left")) {
                return "The disk is full: " + m + ". What was stored is safe; free some space and go on.";
            }
            return "The disk said no: " + m + ". What was stored is safe.";
        }
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
