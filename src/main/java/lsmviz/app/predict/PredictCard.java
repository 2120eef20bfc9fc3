package lsmviz.app.predict;

/** Predict's question card: asks what the paused thread does next, then says who was right. */
public final class PredictCard extends QuestionCard {

    public PredictCard(PredictViewModel m) {
        super("predictCard", "predict");
        m.questionProperty().addListener((o, was, q) -> {
            ask(q == null ? null : "Predict: " + q.text(), q == null ? java.util.List.of() : q.choices(), m::answer);
            update(m);
        });
        m.feedbackProperty().addListener((o, was, f) -> update(m));
        m.scoreProperty().addListener((o, was, s) -> update(m));
        m.enabledProperty().addListener((o, was, on) -> update(m));
        update(m);
    }

    private void update(PredictViewModel m) {
        show(m.enabledProperty().get(), m.questionProperty().get() != null, m.feedbackProperty().get(),
                m.scoreProperty().get());
    }
}
