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
import lsmviz.workload.KeyDistribution;
import lsmviz.workload.Workload;

/** The workload generator's settings, checked before they are taken. */
public final class WorkloadDialog {
    private WorkloadDialog() {}

    public static Optional<Workload.Settings> show(Window owner, Workload.Settings current) {
        Dialog<Workload.Settings> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Workload");
        d.setHeaderText("Threads that put and get while you watch");
        ButtonType ok = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        TextField writers = new TextField(Integer.toString(current.writers()));
        TextField readers = new TextField(Integer.toString(current.readers()));
        TextField rate = new TextField(Long.toString(current.opsPerSec()));
        ComboBox<KeyDistribution> dist = new ComboBox<>();
        dist.getItems().addAll(KeyDistribution.values());
        dist.setValue(current.distribution());
        TextField keys = new TextField(Long.toString(current.keySpace()));
        TextField valueSize = new TextField(Integer.toString(current.valueSize()));
        Label error = new Label();
        error.setStyle("-fx-text-fill: #b42318; -fx-font-weight: bold;");
        error.setWrapText(true);
        error.setMaxWidth(420);
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        int r = 0;
        g.addRow(r++, new Label("Writer threads"), writers);
        g.addRow(r++, new Label("Reader threads"), readers);
        g.addRow(r++, new Label("Operations per second (0 = unlimited)"), rate);
        g.addRow(r++, new Label("Key distribution"), dist);
        g.addRow(r++, new Label("Distinct keys"), keys);
        g.addRow(r++, new Label("Value size (bytes)"), valueSize);
        g.add(error, 0, r, 2, 1);
        d.getDialogPane().setContent(g);
        javafx.scene.Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.addEventFilter(javafx.event.ActionEvent.ACTION, ev -> {
            try {
                parse(writers, readers, rate, dist, keys, valueSize);
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
                ev.consume();
            }
        });
        d.setResultConverter(b -> b == ok ? parse(writers, readers, rate, dist, keys, valueSize) : null);
        return d.showAndWait();
    }

    static Workload.Settings parse(TextField writers, TextField readers, TextField rate,
            ComboBox<KeyDistribution> dist, TextField keys, TextField valueSize) {
        return new Workload.Settings((int) OptionsDialog.number("writer threads", writers),
                (int) OptionsDialog.number("reader threads", readers), OptionsDialog.number("operations per second", rate),
                dist.getValue(), OptionsDialog.number("distinct keys", keys),
                (int) OptionsDialog.number("value size", valueSize));
    }
}
