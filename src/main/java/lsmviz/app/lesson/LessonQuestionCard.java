package lsmviz.app.lesson;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import lsmviz.lesson.Step;

/**
 * A lesson's question card, over the bottom of the stage, the way Predict asks: the question and
 * one button per answer, then, at the lesson's reveal, whether the engine agreed and why, and the
 * score. Hidden when the lesson has nothing to ask or tell.
 */
public final class LessonQuestionCard extends VBox {
    private final Label text = new Label();
    private final FlowPane choices = new FlowPane(8, 6);
    private final Label feedback = new Label();
    private final Label score = new Label();

    public LessonQuestionCard(LessonViewModel m) {
        setId("lessonQuestionCard");
        getStyleClass().add("predict-card");
        text.setId("lessonQuestion");
        text.getStyleClass().add("predict-question");
        text.setWrapText(true);
        feedback.setId("lessonFeedback");
        feedback.setWrapText(true);
        score.setId("lessonScore");
        score.getStyleClass().add("predict-score");
        getChildren().addAll(text, choices, feedback, score);
        setAlignment(Pos.CENTER_LEFT);
        setMaxHeight(USE_PREF_SIZE);
        m.questionProperty().addListener((o, was, q) -> {
            choices.getChildren().clear();
            text.setText(q == null ? "" : "Question: " + q.question());
            if (q != null) {
                for (int i = 0; i < q.choices().size(); i++) {
                    int n = i;
                    Step.Choice c = q.choices().get(i);
                    Button b = new Button((char) ('A' + i) + ". " + c.text());
                    b.setId("lessonChoice" + i);
                    b.setWrapText(true);
                    b.setOnAction(e -> m.answer(n));
                    choices.getChildren().add(b);
                }
            }
            update(m);
        });
        m.feedbackProperty().addListener((o, was, f) -> update(m));
        m.scoreProperty().addListener((o, was, s) -> update(m));
        m.activeProperty().addListener((o, was, on) -> update(m));
        update(m);
    }

    /**
     * Keeps the card within {@code room} (the picture's width, left of the lock and code column),
     * and at most 44 ems wide, so that it never covers the code line or a lock card.
     */
    public void fitWithin(javafx.beans.value.ObservableDoubleValue room) {
        maxWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(200, Math.min(room.get(), 44 * text.getFont().getSize())), room, text.fontProperty()));
    }

    private void update(LessonViewModel m) {
        boolean asking = m.questionProperty().get() != null;
        String f = m.feedbackProperty().get();
        feedback.setText(f);
        score.setText(m.scoreProperty().get());
        text.setVisible(asking);
        text.setManaged(asking);
        choices.setVisible(asking);
        choices.setManaged(asking);
        feedback.setVisible(!f.isEmpty());
        feedback.setManaged(!f.isEmpty());
        score.setVisible(!score.getText().isEmpty());
        score.setManaged(!score.getText().isEmpty());
        boolean show = m.activeProperty().get() && (asking || !f.isEmpty());
        setVisible(show);
        setManaged(show);
    }
}
