package lsmviz.app.predict;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The question card, over the bottom of the stage: the question and one button per answer, then
 * the verdict and the score. Hidden when there is nothing to ask or tell.
 */
public final class PredictCard extends VBox {
    private final Label text = new Label();
    private final FlowPane choices = new FlowPane(8, 6);
    private final Label feedback = new Label();
    private final Label score = new Label();

    public PredictCard(PredictViewModel m) {
        setId("predictCard");
        getStyleClass().add("predict-card");
        text.setId("predictQuestion");
        text.getStyleClass().add("predict-question");
        text.setWrapText(true);
        feedback.setId("predictFeedback");
        feedback.setWrapText(true);
        score.setId("predictScore");
        score.getStyleClass().add("predict-score");
        getChildren().addAll(text, choices, feedback, score);
        setAlignment(Pos.CENTER_LEFT);
        setMaxHeight(USE_PREF_SIZE);
        m.questionProperty().addListener((o, was, q) -> {
            choices.getChildren().clear();
            text.setText(q == null ? "" : "Predict: " + q.text());
            if (q != null) {
                for (int i = 0; i < q.choices().size(); i++) {
                    int n = i;
                    Button b = new Button(q.choices().get(i));
                    b.setId("predictChoice" + i);
                    b.setOnAction(e -> m.answer(n));
                    choices.getChildren().add(b);
                }
            }
            update(m);
        });
        m.feedbackProperty().addListener((o, was, f) -> update(m));
        m.scoreProperty().addListener((o, was, s) -> update(m));
        m.enabledProperty().addListener((o, was, on) -> update(m));
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

    private void update(PredictViewModel m) {
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
        boolean show = m.enabledProperty().get() && (asking || !f.isEmpty());
        setVisible(show);
        setManaged(show);
    }
}
