package lsmviz.app.lesson;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.predict.QuestionCard;
import lsmviz.lesson.Step;

/**
 * A lesson's question card, the way Predict asks: the question and one button per answer (A, B,
 * C...), then, at the lesson's reveal, whether the engine agreed and why, and the score. Hidden
 * while an earlier page is looked back at.
 */
public final class LessonQuestionCard extends QuestionCard {

    public LessonQuestionCard(LessonViewModel m) {
        super("lessonQuestionCard", "lesson");
        m.questionProperty().addListener((o, was, q) -> {
            ask(q == null ? null : "Question: " + q.question(), labels(q), m::answer);
            update(m);
        });
        m.feedbackProperty().addListener((o, was, f) -> update(m));
        m.scoreProperty().addListener((o, was, s) -> update(m));
        m.activeProperty().addListener((o, was, on) -> update(m));
        m.lookingBackProperty().addListener((o, was, back) -> update(m));
        update(m);
    }

    private static List<String> labels(Step.Ask q) {
        List<String> out = new ArrayList<>();
        if (q != null) {
            for (int i = 0; i < q.choices().size(); i++) {
                out.add((char) ('A' + i) + ". " + q.choices().get(i).text());
            }
        }
        return out;
    }

    private void update(LessonViewModel m) {
        show(m.activeProperty().get() && !m.lookingBackProperty().get(), m.questionProperty().get() != null,
                m.feedbackProperty().get(), m.scoreProperty().get());
    }
}
