package lsmviz.app.lesson;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import lsmviz.app.lesson.LessonRunner.State;

/**
 * The lesson strip of the window: the lesson's title and step counter ("step 3 of 12"), the
 * narration in large wrapping text, a line for failures, and the buttons Next, Restart and Stop.
 * {@link #bind(LessonRunner)} attaches it to a runner; the runner's news reaches the bar through
 * {@link Platform#runLater}. Next only releases a pause (never blocks); Restart and Stop, which
 * close an engine, run on the bar's own worker thread, never on the FX thread.
 *
 * <p>Style classes: {@code lesson-bar}, {@code lesson-title}, {@code lesson-step},
 * {@code lesson-narration}, {@code lesson-message} (from {@code lesson.css} beside this class).
 */
public final class LessonBar extends HBox {
    private final Label title = new Label();
    private final Label step = new Label();
    private final Label narration = new Label();
    private final Label message = new Label();
    private final Button next = new Button("Next");
    private final Button restart = new Button("Restart");
    private final Button stop = new Button("Stop");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.READY);
    private final ReadOnlyStringWrapper narrationText = new ReadOnlyStringWrapper(this, "narration", "");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lesson-ui");
        t.setDaemon(true);
        return t;
    });
    private LessonRunner runner;
    private LessonRunner.Listener listener;
    private int stepIndex;
    private int stepCount;
    /** A restart or stop is on its way: the buttons wait for it. */
    private boolean busy;

    public LessonBar() {
        getStyleClass().add("lesson-bar");
        var css = LessonBar.class.getResource("lesson.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        step.getStyleClass().add("lesson-step");
        narration.getStyleClass().add("lesson-narration");
        narration.setWrapText(true);
        narration.setMinHeight(Region.USE_PREF_SIZE);
        narration.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add("lesson-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.managedProperty().bind(message.visibleProperty());
        message.setVisible(false);

        VBox head = new VBox(4, title, step);
        head.getStyleClass().add("lesson-head");
        head.setMinWidth(180);
        head.setPrefWidth(220);
        head.setMaxWidth(260);
        VBox centre = new VBox(6, narration, message);
        centre.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(centre, Priority.ALWAYS);
        centre.setMinWidth(0);
        HBox buttons = new HBox(8, next, restart, stop);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        next.getStyleClass().add("accent");
        next.setId("lesson-next");
        restart.setId("lesson-restart");
        stop.setId("lesson-stop");

        setSpacing(16);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, centre, buttons);

        next.setOnAction(e -> onNext());
        restart.setOnAction(e -> inBackground(LessonRunner::restart));
        stop.setOnAction(e -> inBackground(LessonRunner::stop));
        refresh();
    }

    /**
     * Shows {@code r} from now on (and stops showing the runner bound before, without stopping
     * it). Call on the FX thread.
     */
    public void bind(LessonRunner r) {
        unbind();
        runner = r;
        LessonRunner.Listener l = new LessonRunner.Listener() {
            @Override
            public void stateChanged(State s, String msg) {
                Platform.runLater(() -> {
                    if (runner == r) {
                        showState(s, msg);
                    }
                });
            }

            @Override
            public void narrationChanged(String text) {
                Platform.runLater(() -> {
                    if (runner == r) {
                        showNarration(text);
                    }
                });
            }

            @Override
            public void stepChanged(int index, int count) {
                Platform.runLater(() -> {
                    if (runner == r) {
                        stepIndex = index;
                        stepCount = count;
                        refresh();
                    }
                });
            }
        };
        listener = l;
        r.addListener(l);
        title.setText(r.lesson().title());
        stepIndex = r.stepIndex();
        stepCount = r.stepCount();
        showNarration(r.narration());
        showState(r.state(), r.message());
    }

    /** Stops showing the runner (it keeps running). Call on the FX thread. */
    public void unbind() {
        if (runner != null && listener != null) {
            runner.removeListener(listener);
        }
        runner = null;
        listener = null;
        busy = false;
        title.setText("");
        showNarration("");
        showState(State.READY, null);
    }

    /** The runner shown, or null. */
    public LessonRunner runner() {
        return runner;
    }

    /** The bound runner's state as last seen on the FX thread. */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The narration shown. */
    public ReadOnlyStringProperty narrationProperty() {
        return narrationText.getReadOnlyProperty();
    }

    private void onNext() {
        LessonRunner r = runner;
        if (r == null) {
            return;
        }
        if (state.get() == State.READY || state.get() == State.STOPPED) {
            inBackground(LessonRunner::restart);
        } else {
            r.advance();
        }
    }

    /** Runs a blocking runner call on the worker; a failure shows in the message line. */
    private void inBackground(java.util.function.Consumer<LessonRunner> call) {
        LessonRunner r = runner;
        if (r == null || busy) {
            return;
        }
        busy = true;
        refresh();
        worker.execute(() -> {
            String problem = null;
            try {
                call.accept(r);
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            String p = problem;
            Platform.runLater(() -> {
                if (runner == r) {
                    busy = false;
                    if (p != null) {
                        message.setText(p);
                        message.setVisible(true);
                    }
                    refresh();
                }
            });
        });
    }

    private void showNarration(String text) {
        String t = text == null ? "" : text;
        narration.setText(t);
        narrationText.set(t);
    }

    private void showState(State s, String msg) {
        state.set(s);
        message.setText(msg == null ? "" : msg);
        message.setVisible(msg != null && !msg.isBlank());
        refresh();
    }

    private void refresh() {
        State s = state.get();
        boolean bound = runner != null;
        String counter = switch (s) {
            case READY -> bound ? stepCount + " steps: press Next to begin" : "";
            case RUNNING, WAITING_FOR_USER -> "step " + (stepIndex + 1) + " of " + stepCount;
            case FINISHED -> "finished: " + stepCount + " of " + stepCount + " steps";
            case FAILED -> "failed at step " + (stepIndex + 1) + " of " + stepCount;
            case STOPPED -> "stopped";
        };
        step.setText(counter);
        next.setDisable(!bound || busy || !(s == State.WAITING_FOR_USER || s == State.READY || s == State.STOPPED));
        restart.setDisable(!bound || busy);
        stop.setDisable(!bound || busy || s == State.READY || s == State.STOPPED);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("waiting"), s == State.WAITING_FOR_USER);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), s == State.FAILED);
    }
}
