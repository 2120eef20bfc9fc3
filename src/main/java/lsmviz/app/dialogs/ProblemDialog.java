package lsmviz.app.dialogs;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** A clear dialog for a problem with the data directory: what happened, what to do, and that nothing stored is lost. */
public final class ProblemDialog {
    private ProblemDialog() {}

    public static void show(Window owner, Throwable cause) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(owner);
        a.setTitle("LSM Visualizer: a problem with the data directory");
        a.setHeaderText(Problems.heading(cause));
        a.setContentText(Problems.explain(cause)
                + "\n\nWhat is already stored stays safe: the engine never overwrites acknowledged data. "
                + "Use File > New temporary directory to go on, or open another directory.");
        a.getDialogPane().setId("problemDialog");
        a.show();
    }
}
