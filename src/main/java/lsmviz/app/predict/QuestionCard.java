package lsmviz.app.predict;

import java.util.List;
import java.util.function.IntConsumer;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * A question card over the bottom of the picture: the question with one button per answer, then
 * the verdict and the score. Predict's card and a lesson's are two of these, bound to their own
 * view-models. As wide as its words need, at most 44 ems and never wider than the room it is
 * given (the picture, left of the lock and code column).
 */
public class QuestionCard extends VBox {
    private final String prefix;
    private final Label text = new Label();
    private final FlowPane choices = new FlowPane(8, 6);
    private final Label feedback = new Label();
    private final Label score = new Label();
    private ObservableDoubleValue room;

    /**
     * @param cardId the card's id ({@code predictCard})
     * @param prefix its parts' ids' start ({@code predict} gives {@code #predictQuestion},
     *               {@code #predictChoice0}..., {@code #predictFeedback}, {@code #predictScore})
     */
    protected QuestionCard(String cardId, String prefix) {
        this.prefix = prefix;
        setId(cardId);
        getStyleClass().add("predict-card");
        text.setId(prefix + "Question");
        text.getStyleClass().add("predict-question");
        text.setWrapText(true);
        feedback.setId(prefix + "Feedback");
        feedback.setWrapText(true);
        score.setId(prefix + "Score");
        score.getStyleClass().add("predict-score");
        getChildren().addAll(text, choices, feedback, score);
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    }

    /** Keeps the card within {@code room}, so that it never covers the code line or a lock card. */
    public void fitWithin(ObservableDoubleValue room) {
        this.room = room;
        room.addListener((o, was, now) -> requestLayout());
    }

    @Override
    protected double computePrefWidth(double height) {
        double limit = 44 * text.getFont().getSize();
        if (room != null) {
            limit = Math.min(limit, room.get());
        }
        return Math.min(super.computePrefWidth(height), Math.max(0, limit));
    }

    /** Shows {@code question} with a button per choice ({@code label(i)} on it), or no question when null. */
    protected void ask(String question, List<String> labels, IntConsumer answer) {
        choices.getChildren().clear();
        text.setText(question == null ? "" : question);
        if (question != null) {
            for (int i = 0; i < labels.size(); i++) {
                int n = i;
                Button b = new Button(labels.get(i));
                b.setId(prefix + "Choice" + i);
                b.setWrapText(true);
                b.setOnAction(e -> answer.accept(n));
                choices.getChildren().add(b);
            }
        }
    }

    /** Shows what there is: the question's parts while {@code asking}, the feedback and score when not empty. */
    protected void show(boolean on, boolean asking, String feedbackText, String scoreText) {
        feedback.setText(feedbackText);
        score.setText(scoreText);
        shown(text, asking);
        shown(choices, asking);
        shown(feedback, !feedbackText.isEmpty());
        shown(score, !scoreText.isEmpty());
        shown(this, on && (asking || !feedbackText.isEmpty()));
    }

    private static void shown(javafx.scene.Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }
}
