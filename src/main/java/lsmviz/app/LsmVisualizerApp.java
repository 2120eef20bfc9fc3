package lsmviz.app;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.session.EngineSession;
import lsmviz.app.session.StaleDirectories;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;

/** The JavaFX application: one window over one running engine. */
public class LsmVisualizerApp extends Application {
    private EngineSession session;
    private EventBridge bridge;
    private MainView view;

    private List<String> given;

    /** The command line, for a window started by a test rather than by {@code launch}. */
    public void setArguments(String... args) {
        given = List.of(args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        List<String> raw = given != null ? given : getParameters() == null ? List.of() : getParameters().getRaw();
        AppArguments args = AppArguments.parse(raw);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()); // the view may switch to dark
        FXMLLoader loader = new FXMLLoader(LsmVisualizerApp.class.getResource("main.fxml"));
        Parent root = loader.load();
        view = loader.getController();
        bridge = new EventBridge(e -> view.tap(e));
        session = new EngineSession(bridge);
        sweepLeftovers();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        view.init(session, bridge, stage);
        Preferences prefs = AppPrefs.node();
        Scene scene = new Scene(root, prefs.getDouble("windowWidth", 1280), prefs.getDouble("windowHeight", 720));
        scene.getStylesheets().add(LsmVisualizerApp.class.getResource("app.css").toExternalForm());
        view.installScene(scene);
        stage.setTitle("LSM Visualizer");
        for (int size : new int[] {32, 64, 256}) {
            var icon = LsmVisualizerApp.class.getResource("icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new Image(icon.toExternalForm()));
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
        if (args.lesson() > 0) {
            startLesson(args.lesson());
            return;
        }
        session.openTemporary(EngineSession.classroomDefaults()).whenComplete((dir, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                view.answers().fail(ex.getCause() != null ? ex.getCause() : ex);
            } else if (args.workload()) {
                if (args.rate() > 0) {
                    view.commands().engine().setWorkloadRate(args.rate());
                }
                view.commands().engine().startWorkloadNow(); // --workload: a demo that moves from the first second
                if (args.measureSeconds() > 0) {
                    new Measurement(session, bridge, args.measureSeconds(), args.warmupSeconds()).start();
                }
            }
        }));
    }

    /** {@code --lesson=N}: the N-th built-in lesson, at once. */
    private void startLesson(int n) {
        try {
            List<Lesson> all = LessonLibrary.load().lessons();
            if (n > all.size()) {
                throw new IllegalArgumentException("--lesson=" + n + ": there are " + all.size() + " lessons");
            }
            view.commands().lessons().start(all.get(n - 1));
        } catch (IOException | RuntimeException e) {
            view.answers().fail(e);
            session.openTemporary(EngineSession.classroomDefaults());
        }
    }

    /** The session, for tests that drive the window. */
    public EngineSession session() {
        return session;
    }

    public MainView view() {
        return view;
    }

    /**
     * The window is closing. Closing the engine flushes its memtables, which may take a moment: it
     * happens on a thread of its own, so the FX thread is not held; the process ends when it is done.
     */
    @Override
    public void stop() {
        if (bridge != null) {
            bridge.stop();
        }
        if (view != null) {
            view.stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook); // Quit closes by itself
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it waits for the close below
        }
        Thread closer = new Thread(this::close, "lsmviz-close");
        closer.setDaemon(false); // the JVM waits for it: nothing stored is lost
        closer.start();
        closing = closer;
    }

    private volatile Thread closing;
    private final Thread shutdownHook = new Thread(this::closeOnSignal, "lsmviz-shutdown");

    /** Closes the lesson (if any) and the session, then deletes their temporary directories. Blocks. */
    public void close() {
        try {
            if (view != null) {
                view.lessons().stopForShutdown();
            }
            if (session != null) {
                session.close();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("LSM Visualizer: closing the engine failed: " + e.getMessage());
        }
    }

    /** Directories a killed window or lesson left in the temporary folder go, on a thread of their own. */
    private static void sweepLeftovers() {
        Thread t = new Thread(() -> {
            for (Path p : StaleDirectories.sweep()) {
                System.err.println("LSM Visualizer: deleted " + p + ", left behind by a window that was killed");
            }
        }, "lsmviz-sweep");
        t.setDaemon(true);
        t.start();
    }

    /**
     * SIGTERM (or any exit that skips {@link #stop()}): close as Quit does, so the temporary
     * directories go too; bounded, so that a stuck close never keeps the process alive.
     */
    private void closeOnSignal() {
        Thread t = closing;
        if (t == null) {
            t = new Thread(this::close, "lsmviz-close-on-signal");
            t.start();
        }
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (at most {@code millis}) until {@link #stop()}'s closing is done: for tests. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        Thread t = closing;
        if (t != null) {
            t.join(millis);
            return !t.isAlive();
        }
        return true;
    }

    public static void main(String[] args) {
        launch(args);
    }
}
