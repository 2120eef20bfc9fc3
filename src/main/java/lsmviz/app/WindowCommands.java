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
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.CommandViewModel;
import lsmviz.app.dialogs.InspectDialogs;
import lsmviz.app.dialogs.OptionsDialog;
import lsmviz.app.dialogs.WorkloadDialog;
import lsmviz.app.history.HistoryPresenter;
import lsmviz.app.lesson.LessonPicker;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.app.presentation.Presentation;
import lsmviz.app.session.EngineSession;
import lsmviz.app.step.StepViewModel;
import lsmviz.engine.step.StepMode;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;
import lsmviz.workload.Workload;

/**
 * What each of the window's actions does: the engine's commands (through the command view-model),
 * stepping, lessons, files and traces, the window's looks and its help. One method,
 * {@link #wire()}, gives every action of {@link AppActions} its handler.
 */
public final class WindowCommands {
    static final String LAST_DIRECTORY_KEY = "lastDirectory";

    private final MainView view;
    private final EngineSession session;
    private final Stage stage;
    private final AppActions a;
    private final Presentation presentation;
    private final HistoryPresenter history;
    private final LessonPresenter lessons;
    private final CommandViewModel commands;
    private final StepViewModel steps;
    private final Preferences prefs = AppPrefs.node();
    private Workload.Settings workloadSettings = Workload.Settings.defaults();

    WindowCommands(MainView view, EngineSession session, Stage stage, AppActions actions, Presentation presentation,
            HistoryPresenter history, LessonPresenter lessons, CommandViewModel commands, StepViewModel steps) {
        this.view = view;
        this.session = session;
        this.stage = stage;
        this.a = actions;
        this.presentation = presentation;
        this.history = history;
        this.lessons = lessons;
        this.commands = commands;
        this.steps = steps;
    }

    /** Gives every action its handler and its starting state. */
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

        AppActions.on(a.fullScreen, () -> stage.setFullScreen(!stage.isFullScreen()));
        AppActions.on(a.biggerText, () -> textScale(+0.1));
        AppActions.on(a.smallerText, () -> textScale(-0.1));
        a.highContrast.setSelected(presentation.highContrast());
        AppActions.on(a.highContrast, () -> presentation.setHighContrast(a.highContrast.isSelected()));
        a.darkTheme.setSelected(presentation.dark());
        AppActions.on(a.darkTheme, () -> presentation.setDark(a.darkTheme.isSelected()));
        AppActions.on(a.perfOverlay, () -> view.togglePerfOverlay(a.perfOverlay.isSelected()));
        a.timeline.setSelected(true);
        AppActions.on(a.timeline, () -> view.showTimeline(a.timeline.isSelected()));

        AppActions.on(a.put, commands::put);
        AppActions.on(a.get, commands::get);
        AppActions.on(a.delete, commands::delete);
        AppActions.on(a.scan, commands::scan);
        AppActions.on(a.freeze, commands::freeze);
        AppActions.on(a.flush, commands::flush);
        a.autoFlush.setSelected(true);
        AppActions.on(a.autoFlush, () -> commands.setAutoFlush(a.autoFlush.isSelected()));
        AppActions.on(a.workload, () -> {
            if (a.workload.isSelected()) {
                commands.startWorkload(workloadSettings);
            } else {
                commands.stopWorkload();
            }
        });
        AppActions.on(a.workloadSettings, this::workloadSettings);
        AppActions.on(a.options, this::options);

        AppActions.on(a.live, () -> steps.setMode(StepMode.RUN));
        AppActions.on(a.slow, () -> steps.setMode(StepMode.SLOW));
        AppActions.on(a.stepMode, () -> steps.setMode(StepMode.STEP));
        AppActions.on(a.playPause, steps::togglePlayPause);
        AppActions.on(a.step, steps::step);
        AppActions.on(a.continueOperation, steps::finishOperation);

        AppActions.on(a.chooseLesson, () -> LessonPicker.pickBuiltIn(stage).ifPresent(this::startLesson));
        AppActions.on(a.lessonNext, lessons.model()::next);
        AppActions.on(a.lessonBack, lessons.model()::back);
        AppActions.on(a.lessonRestart, lessons.model()::restart);
        AppActions.on(a.lessonStop, lessons.model()::stop);

        AppActions.on(a.help, view::toggleHelp);
        AppActions.on(a.about, this::about);
        updateReopenLast();
    }

    /** The built-in lessons, one item each, into the Lessons menu. */
    void fillLessons(Menu menu) {
        try {
            for (Lesson l : LessonLibrary.load().lessons()) {
                MenuItem item = new MenuItem(l.title());
                item.setOnAction(e -> startLesson(l));
                menu.getItems().add(item);
            }
        } catch (IOException | RuntimeException ex) {
            MenuItem broken = new MenuItem("The lessons could not be read: " + ex.getMessage());
            broken.setDisable(true);
            menu.getItems().add(broken);
        }
    }

    /** Runs a lesson in the window (the workload stops, the log starts afresh). */
    public CompletableFuture<Void> startLesson(Lesson l) {
        a.workload.setSelected(false);
        a.autoFlush.setSelected(l.engine().flushMode().equals("auto"));
        return lessons.start(l);
    }

    // ------------------------------------------------------------------------------------------
    // Directories

    /**
     * Text one step bigger or smaller. Said in the narration, except during a lesson: the lesson's
     * words stay (the text growing is answer enough).
     */
    private void textScale(double by) {
        presentation.setScale(presentation.scale() + by);
        if (!lessons.model().activeProperty().get()) {
            view.say(presentation.describeScale());
        }
    }

    private void newTemporary() {
        a.workload.setSelected(false);
        a.autoFlush.setSelected(true);
        view.follow(lessons.end().thenCompose(v -> session.openTemporary(session.options()))
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
        CompletableFuture<String> f = lessons.end().thenCompose(v -> session.open(p, session.options())).thenApply(d -> {
            prefs.put(LAST_DIRECTORY_KEY, d.toAbsolutePath().toString());
            Platform.runLater(this::updateReopenLast);
            return "opened " + d + ": its state is restored";
        });
        view.follow(f, Platform::runLater);
        return f;
    }

    private void updateReopenLast() {
        String last = prefs.get(LAST_DIRECTORY_KEY, null);
        a.reopenLast.setDisabled(last == null);
        a.reopenLast.setText(last == null ? "Reopen the last directory" : "Reopen " + last);
    }

    private void options() {
        OptionsDialog.show(stage, session.options()).ifPresent(o -> {
            a.workload.setSelected(false);
            view.follow(session.reopenWith(o).thenApply(d -> "engine reopened in " + d + " with the new options"),
                    Platform::runLater);
        });
    }

    private void workloadSettings() {
        WorkloadDialog.show(stage, workloadSettings).ifPresent(s -> {
            workloadSettings = s;
            view.say("workload settings saved" + (a.workload.isSelected() ? ": restart the workload to use them" : ""));
        });
    }

    /** The workload's rate for the next start (0: as fast as possible). */
    public void setWorkloadRate(long opsPerSecond) {
        Workload.Settings d = workloadSettings;
        workloadSettings = new Workload.Settings(d.writers(), d.readers(), opsPerSecond, d.distribution(), d.keySpace(),
                d.valueSize());
    }

    /** Starts the workload as if its button were pressed. */
    public void startWorkloadNow() {
        a.workload.setSelected(true);
        commands.startWorkload(workloadSettings);
    }

    void inspectMemtable(long id) {
        InspectDialogs.memtable(stage, session.port(), id);
    }

    void inspectSSTable(long id) {
        String typed = commands.keyProperty().get();
        InspectDialogs.sstable(stage, session.port(), id, typed != null && !typed.isBlank() ? typed.strip()
                : view.visibleState().lastGet() != null ? view.visibleState().lastGet().key() : null);
    }

    // ------------------------------------------------------------------------------------------
    // Pictures and traces

    private void exportPng() {
        Image image = stage.getScene().snapshot(null);
        File file = chooser("Export the view as a PNG", "PNG image", "png", "lsm-visualizer-").showSaveDialog(stage);
        if (file != null) {
            view.follow(writePng(image, file.toPath()), Platform::runLater);
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
            view.follow(history.exportTrace(file.toPath()), Platform::runLater);
        }
    }

    private void openTrace() {
        File file = chooser("Open a trace to replay", "LSM Visualizer trace", "jsonl", null).showOpenDialog(stage);
        if (file != null) {
            view.follow(history.openTrace(file.toPath()), Platform::runLater);
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

    private void about() {
        Alert al = new Alert(Alert.AlertType.INFORMATION);
        al.initOwner(stage);
        al.setTitle("About LSM Visualizer");
        al.setHeaderText("LSM Visualizer " + Version.NUMBER);
        al.setContentText("A real log-structured merge tree, shown as it works: memtables, flushes, SSTables "
                + "and the locks between them.\n\nJava " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.runtime.version", "21") + "\nData directory: " + session.directory());
        al.show();
    }
}
