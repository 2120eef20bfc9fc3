package lsmviz.app;

import javafx.scene.control.Alert;
import javafx.stage.Stage;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.Answers;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.app.presentation.Presentation;
import lsmviz.app.session.EngineSession;

/** The View and Help menus' commands: full screen, text size, contrast, theme, overlays, help, about. */
final class ViewCommands {
    private final MainView view;
    private final EngineSession session;
    private final Stage stage;
    private final AppActions a;
    private final Presentation presentation;
    private final LessonPresenter lessons;
    private final Answers answers;

    ViewCommands(MainView view, EngineSession session, Stage stage, AppActions actions, Presentation presentation,
            LessonPresenter lessons, Answers answers) {
        this.view = view;
        this.session = session;
        this.stage = stage;
        this.a = actions;
        this.presentation = presentation;
        this.lessons = lessons;
        this.answers = answers;
    }

    void wire() {
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
        AppActions.on(a.help, view::toggleHelp);
        AppActions.on(a.about, this::about);
    }

    /**
     * Text one step bigger or smaller. Said in the narration, except during a lesson: the lesson's
     * words stay (the text growing is answer enough).
     */
    private void textScale(double by) {
        presentation.setScale(presentation.scale() + by);
        if (!lessons.model().activeProperty().get()) {
            answers.say(presentation.describeScale());
        }
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
