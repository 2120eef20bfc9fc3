package lsmviz.app;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.session.EngineSession;

/** The JavaFX application: one window over one running engine. */
public class LsmVisualizerApp extends Application {
    private EngineSession session;
    private EventBridge bridge;
    private MainController controller;

    @Override
    public void start(Stage stage) throws IOException {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()); // the controller may switch to dark
        FXMLLoader loader = new FXMLLoader(LsmVisualizerApp.class.getResource("main.fxml"));
        Parent root = loader.load();
        controller = loader.getController();
        bridge = new EventBridge(e -> controller.eventLogAccept(e));
        session = new EngineSession(bridge);
        controller.init(session, bridge, stage);
        java.util.prefs.Preferences prefs = MainController.PREFS;
        Scene scene = new Scene(root, prefs.getDouble("windowWidth", 1280), prefs.getDouble("windowHeight", 720));
        scene.getStylesheets().add(LsmVisualizerApp.class.getResource("app.css").toExternalForm());
        controller.installShortcuts(scene);
        controller.fitToHeight(scene);
        stage.setTitle("LSM Visualizer");
        for (int size : new int[] {32, 64, 256}) {
            var icon = LsmVisualizerApp.class.getResource("icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        if (prefs.getBoolean("windowMaximized", false)) {
            stage.setMaximized(true);
        }
        // the window remembers its size (and the app its theme, speed, text size and last directory)
        stage.setOnHidden(e -> {
            prefs.putBoolean("windowMaximized", stage.isMaximized());
            if (!stage.isMaximized() && !stage.isFullScreen()) {
                prefs.putDouble("windowWidth", scene.getWidth());
                prefs.putDouble("windowHeight", scene.getHeight());
            }
        });
        stage.show();
        bridge.start();
        int measure = measureSeconds();
        boolean workload = measure > 0 || args().contains("--workload");
        session.openTemporary(EngineSession.classroomDefaults()).whenComplete((dir, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                controller.showStartupError(ex);
            } else if (workload) {
                long rate = rateArgument();
                if (rate > 0) {
                    controller.setWorkloadRate(rate);
                }
                controller.startWorkloadNow(); // --workload: a demo that moves from the first second
                if (measure > 0) {
                    new Measurement(controller, session, bridge, measure, intArgument("--warmup=")).start();
                }
            }
        }));
    }

    /** {@code --measure=S}: run the workload S seconds with the window up, print figures, quit. */
    private java.util.List<String> args() {
        return getParameters() == null ? java.util.List.of() : getParameters().getRaw();
    }

    /** {@code --rate=N}: the workload's operations per second (default: as fast as possible). */
    private long rateArgument() {
        for (String a : args()) {
            if (a.startsWith("--rate=")) {
                return Long.parseLong(a.substring("--rate=".length()));
            }
        }
        return 0;
    }

    private int measureSeconds() {
        return intArgument("--measure=");
    }

    /** {@code --warmup=W}: with {@code --measure}, the seconds before measuring starts. */
    private int intArgument(String prefix) {
        for (String a : args()) {
            if (a.startsWith(prefix)) {
                return Integer.parseInt(a.substring(prefix.length()));
            }
        }
        return 0;
    }

    /** The session, for tests that drive the window. */
    public EngineSession session() {
        return session;
    }

    public MainController controller() {
        return controller;
    }

    @Override
    public void stop() throws Exception {
        if (bridge != null) {
            bridge.stop();
        }
        if (controller != null) { // the FX thread owns the timelines
            if (Platform.isFxApplicationThread()) {
                controller.stop();
            } else {
                Platform.runLater(controller::stop);
            }
        }
        if (session != null) {
            // closing flushes the memtables: off the FX thread, but the app waits for it
            var running = controller == null ? null : controller.lesson();
            CompletableFuture.runAsync(() -> {
                if (running != null) {
                    running.stop(); // closes the lesson's engine and deletes its directory
                }
                try {
                    session.close();
                } catch (IOException e) {
                    System.err.println("LSM Visualizer: closing the engine failed: " + e.getMessage());
                }
            }).get();
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
