package lsmviz.app;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import lsmviz.app.command.AppActions;
import lsmviz.app.lesson.LessonPicker;
import lsmviz.app.lesson.LessonPresenter;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;

/** The Lessons menu's commands: choose a lesson, and its pages (next, back, restart, stop). */
public final class LessonCommands {
    private final Stage stage;
    private final AppActions a;
    private final LessonPresenter lessons;

    LessonCommands(Stage stage, AppActions actions, LessonPresenter lessons) {
        this.stage = stage;
        this.a = actions;
        this.lessons = lessons;
    }

    void wire() {
        AppActions.on(a.chooseLesson, () -> LessonPicker.pickBuiltIn(stage).ifPresent(this::start));
        AppActions.on(a.lessonNext, lessons.model()::next);
        AppActions.on(a.lessonBack, lessons.model()::back);
        AppActions.on(a.lessonRestart, lessons.model()::restart);
        AppActions.on(a.lessonStop, lessons.model()::stop);
    }

    /** The built-in lessons, one item each, into the Lessons menu. */
    void fill(Menu menu) {
        try {
            for (Lesson l : LessonLibrary.load().lessons()) {
                MenuItem item = new MenuItem(l.title());
                item.setOnAction(e -> start(l));
                menu.getItems().add(item);
            }
        } catch (IOException | RuntimeException ex) {
            MenuItem broken = new MenuItem("The lessons could not be read: " + ex.getMessage());
            broken.setDisable(true);
            menu.getItems().add(broken);
        }
    }

    /** Runs a lesson in the window (the workload stops, the log starts afresh). */
    public CompletableFuture<Void> start(Lesson l) {
        a.workload.setSelected(false);
        a.autoFlush.setSelected(l.engine().flushMode().equals("auto"));
        return lessons.start(l);
    }
}
