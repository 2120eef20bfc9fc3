package lsmviz.app.lesson;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonLibrary;

/**
 * A dialog listing lessons, each as its title over its one-line description; its result is the
 * chosen lesson (double-click or Start), or null when cancelled. The first lesson is selected at
 * the start, so Enter starts it.
 */
public final class LessonPicker extends Dialog<Lesson> {
    /** The button that takes the selected lesson. */
    public static final ButtonType START = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);

    private final ListView<Lesson> list = new ListView<>();

    public LessonPicker(List<Lesson> lessons) {
        setTitle("Lessons");
        setHeaderText("Pick a lesson. Each one runs the real engine in a fresh directory.");
        setResizable(true);
        var css = LessonPicker.class.getResource("lesson.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        list.getItems().setAll(lessons);
        list.getStyleClass().add("lesson-list");
        list.setId("lesson-list");
        list.setPrefSize(720, Math.min(560, 12 + 56 * Math.max(1, lessons.size())));
        list.setCellFactory(v -> new LessonCell(v));
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && list.getSelectionModel().getSelectedItem() != null) {
                setResult(list.getSelectionModel().getSelectedItem());
                close();
            }
        });
        getDialogPane().setContent(list);
        getDialogPane().getButtonTypes().addAll(START, ButtonType.CANCEL);
        getDialogPane().lookupButton(START).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(b -> b == START ? list.getSelectionModel().getSelectedItem() : null);
        if (!lessons.isEmpty()) {
            list.getSelectionModel().select(0);
        }
        setOnShown(e -> list.requestFocus());
    }

    /** The list, for selecting a lesson ahead of showing (the last one used, for instance). */
    public ListView<Lesson> listView() {
        return list;
    }

    /** Shows a picker over {@code owner} and waits for the choice. */
    public static Optional<Lesson> pick(Window owner, List<Lesson> lessons) {
        LessonPicker p = new LessonPicker(lessons);
        if (owner != null) {
            p.initOwner(owner);
        }
        return p.showAndWait();
    }

    /**
     * Loads the built-in lessons ({@link LessonLibrary#load()}) and shows a picker; a library that
     * cannot be read is shown in an error dialog naming the file and the field, and gives nothing.
     */
    public static Optional<Lesson> pickBuiltIn(Window owner) {
        List<Lesson> lessons;
        try {
            lessons = LessonLibrary.load().lessons();
        } catch (IOException e) {
            Alert a = new Alert(Alert.AlertType.ERROR);
            if (owner != null) {
                a.initOwner(owner);
            }
            a.setTitle("Lessons");
            a.setHeaderText("The lessons could not be read");
            a.setContentText(e.getMessage());
            a.showAndWait();
            return Optional.empty();
        }
        return pick(owner, lessons);
    }

    /** Title in bold over the description. */
    private static final class LessonCell extends ListCell<Lesson> {
        private final Label title = new Label();
        private final Label description = new Label();
        private final VBox box = new VBox(2, title, description);

        LessonCell(ListView<Lesson> list) {
            title.getStyleClass().add("lesson-cell-title");
            description.getStyleClass().add("lesson-cell-description");
            description.setWrapText(true);
            // wrap at the list's width: the cell's own width is 0 until it is laid out, and
            // wrapping at that would make the list measure every cell as very tall
            description.maxWidthProperty().bind(list.widthProperty().subtract(40));
            title.maxWidthProperty().bind(list.widthProperty().subtract(40));
            title.setWrapText(true);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Lesson lesson, boolean empty) {
            super.updateItem(lesson, empty);
            setText(null);
            if (empty || lesson == null) {
                setGraphic(null);
            } else {
                title.setText(lesson.title());
                description.setText(lesson.description());
                setGraphic(box);
            }
        }
    }
}
