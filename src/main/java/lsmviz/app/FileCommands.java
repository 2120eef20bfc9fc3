package lsmviz.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.Answers;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.app.session.EngineSession;

/** The File menu's commands: data directories, pictures and traces, quitting. */
public final class FileCommands {
    static final String LAST_DIRECTORY_KEY = "lastDirectory";

    private final EngineSession session;
    private final Stage stage;
    private final AppActions a;
    private final HistoryPresenter history;
    private final LessonPresenter lessons;
    private final Answers answers;
    private final Preferences prefs = AppPrefs.node();

    FileCommands(EngineSession session, Stage stage, AppActions actions, HistoryPresenter history,
            LessonPresenter lessons, Answers answers) {
        this.session = session;
        this.stage = stage;
        this.a = actions;
        this.history = history;
        this.lessons = lessons;
        this.answers = answers;
    }

    void wire() {
        AppActions.on(a.newTemporary, this::newTemporary);
        AppActions.on(a.openDirectory, this::chooseDirectory);
        AppActions.on(a.reopenLast, () -> {
            String last = prefs.get(LAST_DIRECTORY_KEY, null);
            if (last != null) {
                openDirectory(Path.of(last));
            }
        });
        AppActions.on(a.exportPng, this::exportPng);
        AppActions.on(a.exportTrace, this::exportTrace);
        AppActions.on(a.openTrace, this::openTrace);
        AppActions.on(a.backToEngine, history::backToEngine);
        AppActions.on(a.quit, () -> {
            stage.close();
            Platform.exit();
        });
        updateReopenLast();
    }

    private void newTemporary() {
        a.workload.setSelected(false);
        a.autoFlush.setSelected(true);
        answers.follow(lessons.end().thenCompose(v -> session.openTemporary(session.options()))
                .thenApply(d -> "new temporary data directory " + d), Platform::runLater);
    }

    private void chooseDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a data directory");
        String last = prefs.get(LAST_DIRECTORY_KEY, null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(Path.of(last).toFile());
        }
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openDirectory(dir.toPath());
        }
    }

    /** Opens a data directory (its state restored) and remembers it for next time. */
    public CompletableFuture<String> openDirectory(Path p) {
        a.workload.setSelected(false);
        a.autoFlush.setSelected(true);
        CompletableFuture<String> f = lessons.end().thenCompose(v -> session.openFound(p, session.options()))
                .thenApply(o -> {
                    prefs.put(LAST_DIRECTORY_KEY, o.dir().toAbsolutePath().toString());
                    Platform.runLater(() -> {
                        updateReopenLast();
                        if (o.recovered()) {
                            a.autoFlush.setSelected(false); // what came back from the logs stays in view
                        }
                    });
                    return "opened " + o.dir() + (o.recovered() ? ". " + o.words() : ": its state is restored");
                });
        answers.follow(f, Platform::runLater);
        return f;
    }

    private void updateReopenLast() {
        String last = prefs.get(LAST_DIRECTORY_KEY, null);
        a.reopenLast.setDisabled(last == null);
        a.reopenLast.setText(last == null ? "Reopen the last directory" : "Reopen " + last);
    }

    private void exportPng() {
        Image image = stage.getScene().snapshot(null);
        File file = chooser("Export the view as a PNG", "PNG image", "png", "lsm-visualizer-").showSaveDialog(stage);
        if (file != null) {
            answers.follow(writePng(image, file.toPath()), Platform::runLater);
        }
    }

    /** Writes a snapshot off the FX thread. */
    public static CompletableFuture<String> writePng(Image image, Path file) {
        java.awt.image.BufferedImage buffered = javafx.embed.swing.SwingFXUtils.fromFXImage(image, null);
        return CompletableFuture.supplyAsync(() -> {
            try {
                javax.imageio.ImageIO.write(buffered, "png", file.toFile());
                return "view saved as " + file;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private void exportTrace() {
        File file = chooser("Export the trace", "LSM Visualizer trace", "jsonl", "lsm-trace-").showSaveDialog(stage);
        if (file != null) {
            answers.follow(history.exportTrace(file.toPath()), Platform::runLater);
        }
    }

    private void openTrace() {
        File file = chooser("Open a trace to replay", "LSM Visualizer trace", "jsonl", null).showOpenDialog(stage);
        if (file != null) {
            answers.follow(history.openTrace(file.toPath()), Platform::runLater);
        }
    }

    /** A file chooser for one kind of file; {@code namePrefix} and a time stamp name a new file (null: none). */
    private static FileChooser chooser(String title, String kind, String extension, String namePrefix) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (namePrefix != null) {
            chooser.setInitialFileName(namePrefix + LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "." + extension);
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
        return chooser;
    }
}
