package lsmviz.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML into the view itself ({@code fx:root}), the view being its own controller,
 * and adds the stylesheet that sits beside it: {@code Name.fxml} and {@code name.css} in the
 * view's package on the classpath.
 */
public final class Fxml {
    private Fxml() {}

    /** Loads {@code <ViewClass>.fxml} into {@code view} and adds {@code css} (a file beside it; null for none). */
    public static void load(Parent view, String css) {
        Class<?> type = view.getClass();
        URL fxml = type.getResource(type.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + ".fxml beside " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setRoot(view);
        loader.setController(view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("could not load " + fxml, e);
        }
        if (css != null) {
            URL sheet = type.getResource(css);
            if (sheet == null) {
                throw new IllegalStateException("no " + css + " beside " + type.getName());
            }
            view.getStylesheets().add(sheet.toExternalForm());
        }
    }
}
