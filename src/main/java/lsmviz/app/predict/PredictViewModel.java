package lsmviz.app.predict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.event.EngineEvent;

/**
 * Predict mode: while it is on and a thread stops at a probe point that has a question, the window
 * asks it; the answer moves the thread on (wrong answers are never blocked), and the engine's next
 * events say whether it was right, with a one-line why and a score for the session.
 */
public final class PredictViewModel implements WindowPart {
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ReadOnlyObjectWrapper<Question> question = new ReadOnlyObjectWrapper<>(this, "question");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final ReadOnlyStringWrapper score = new ReadOnlyStringWrapper(this, "score", "");
    private final Consumer<String> stepThread;
    private final Map<String, String> getKeys = new HashMap<>();
    private final Map<String, Boolean> probedYet = new HashMap<>();
    private VisualState shown;
    /** The question answered and waiting for the engine's verdict, and the answer given. */
    private Question judging;
    private int given = -1;
    private int asked;
    private int right;

    /** @param stepThread moves the named paused thread one step on */
    public PredictViewModel(Consumer<String> stepThread) {
        this.stepThread = stepThread;
        enabled.addListener((o, was, on) -> {
            if (!on) {
                question.set(null);
                judging = null;
                feedback.set("");
            }
        });
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ReadOnlyObjectProperty<Question> questionProperty() {
        return question.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scoreProperty() {
        return score.getReadOnlyProperty();
    }

    @Override
    public void show(VisualState s, long now) {
        shown = s;
    }

    @Override
    public void event(EngineEvent e) {
        if (e instanceof EngineEvent.OperationStarted o) {
            getKeys.put(o.thread(), o.op() == EngineEvent.Op.GET ? o.key() : null);
            probedYet.put(o.thread(), false);
        }
        Question j = judging;
        if (j != null) {
            j.judge().judge(e).ifPresent(v -> verdict(j, v));
        }
        if (enabled.get() && e instanceof EngineEvent.StepReached r && r.paused() && question.get() == null
                && judging == null && shown != null) {
            boolean first = !probedYet.getOrDefault(r.thread(), true);
            Question q = Questions.at(r, shown, getKeys.get(r.thread()), first);
            if (q != null) {
                feedback.set("");
                question.set(q);
            }
        }
        if (e instanceof EngineEvent.StepReached r && r.point().startsWith("GET_PROBE")) {
            probedYet.put(r.thread(), true);
        }
    }

    /** The user picked choice {@code i}: the thread moves on, and the engine will tell. */
    public void answer(int i) {
        Question q = question.get();
        if (q == null) {
            return;
        }
        question.set(null);
        judging = q;
        given = i;
        feedback.set("You said: " + q.choices().get(i) + ". Watch…");
        stepThread.accept(q.thread());
    }

    private void verdict(Question q, Question.Verdict v) {
        judging = null;
        asked++;
        boolean ok = v.answer() == given;
        if (ok) {
            right++;
        }
        String correct = v.answer() >= 0 && v.answer() < q.choices().size() ? q.choices().get(v.answer()) : "none of these";
        feedback.set((ok ? "Right: " : "Not quite: the answer was " + correct + ". ") + v.why() + ".");
        score.set("Predictions: " + right + " of " + asked + " right");
    }

    /** The choices of the question shown, or none. */
    public List<String> choices() {
        Question q = question.get();
        return q == null ? List.of() : q.choices();
    }
}
