package lsmviz.app.lesson;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import lsmviz.app.Fxml;
import lsmviz.app.command.AppActions;

/** A lesson's controls: Back, Next, Restart, Stop. Shown only while a lesson runs; the narration counts its pages. */
public final class LessonControls extends HBox {
    @FXML private Button back;
    @FXML private Button next;
    @FXML private Button restart;
    @FXML private Button stop;

    public LessonControls() {
        Fxml.load(this, "lesson.css");
        for (Button b : new Button[] {back, next, restart, stop}) {
            b.setMinWidth(USE_PREF_SIZE); // squeezed, a button would cut its words
        }
    }

    public void bind(LessonViewModel m, AppActions a) {
        AppActions.configure(back, a.lessonBack, true);
        AppActions.configure(next, a.lessonNext, true);
        AppActions.configure(restart, a.lessonRestart, true);
        AppActions.configure(stop, a.lessonStop, true);
        a.lessonBack.disabledProperty().bind(m.canBackProperty().not());
        a.lessonNext.disabledProperty().bind(m.canNextProperty().not());
        a.lessonRestart.disabledProperty().bind(m.canRestartProperty().not());
        a.lessonStop.disabledProperty().bind(m.activeProperty().not());
        visibleProperty().bind(m.activeProperty());
    }
}
