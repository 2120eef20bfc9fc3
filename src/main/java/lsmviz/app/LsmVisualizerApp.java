package lsmviz.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The JavaFX application. Until the visualizer lands this is a placeholder window. */
public class LsmVisualizerApp extends Application {

    @Override
    public void start(Stage stage) {
        Label title = new Label("LSM Visualizer");
        title.setId("title");
        title.setStyle("-fx-font-size: 32px; -fx-font-weight: bold;");
        Label body = new Label("The engine is ready; the live visualizer comes next.\n"
                + "Try the command line meanwhile: java -cp target/classes lsmviz.cli.Main shell --dir /tmp/lsm");
        body.setStyle("-fx-font-size: 18px;");
        VBox root = new VBox(16, title, body);
        root.setPadding(new Insets(32));
        stage.setTitle("LSM Visualizer");
        stage.setScene(new Scene(root, 900, 400));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
