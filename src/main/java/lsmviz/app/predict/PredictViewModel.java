package lsmviz.app.predict;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>The events say who stopped where; the question is asked at the next picture that includes
 * the stop (so that it is drawn from what the engine had done by then). A point's own question
 * comes first; a thread paused holding a lock that others wait for is asked about ("who gets it
 * next?") only where its point has none, and a point's own question replaces that one while it is
 * unanswered. One question at a time: the others wait until the verdict.
 */
public final class PredictViewModel implements WindowPart {
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ReadOnlyObjectWrapper<Question> question = new ReadOnlyObjectWrapper<>(this, "question");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final ReadOnlyStringWrapper score = new ReadOnlyStringWrapper(this, "score", "");
    private final Consumer<String> stepThread;
    /** Each thread's operation under way, as it started. */
    private final Map<String, EngineEvent.OperationStarted> operations = new HashMap<>();
    private final Map<String, Boolean> probedYet = new HashMap<>();
    /** Threads paused now, in the order they stopped. */
    private final Map<String, Pause> pauses = new LinkedHashMap<>();
    private VisualState shown;
    /** Whether the question shown is about a lock (a point's own question may replace it). */
    private boolean lockQuestion;
    /** The question answered and waiting for the engine's verdict, and the answer given. */
    private Question judging;
    private int given = -1;
    private int asked;
    private int right;

    /** A thread stopped at a probe point, what it was doing, and what it was asked yet. */
    private static final class Pause {
        final EngineEvent.StepReached at;
        final EngineEvent.OperationStarted op;
        final boolean firstProbe;
        boolean pointAsked;
        boolean lockAsked;

        Pause(EngineEvent.StepReached at, EngineEvent.OperationStarted op, boolean firstProbe) {
            this.at = at;
            this.op = op;
            this.firstProbe = firstProbe;
        }
    }

    /** @param stepThread moves the named paused thread one step on */
    public PredictViewModel(Consumer<String> stepThread) {
        this.stepThread = stepThread;
        enabled.addListener((o, was, on) -> {
            if (!on) {
                question.set(null);
                judging = null;
                feedback.set("");
            } else if (shown != null) {
                askIfDue(shown); // threads paused already
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
        askIfDue(s);
    }

    @Override
    public void event(EngineEvent e) {
        if (e instanceof EngineEvent.EngineOpened || e instanceof EngineEvent.EngineClosed
                || e instanceof EngineEvent.EngineCrashed) {
            forgetTheEngine();
            return;
        }
        if (e instanceof EngineEvent.OperationStarted o) {
            operations.put(o.thread(), o);
            probedYet.put(o.thread(), false);
        }
        Question j = judging;
        if (j != null) {
            j.judge().judge(e).ifPresent(v -> verdict(j, v));
        }
        if (e instanceof EngineEvent.StepReached r && r.paused()) {
            boolean first = !probedYet.getOrDefault(r.thread(), true);
            pauses.put(r.thread(), new Pause(r, operations.get(r.thread()), first));
        }
        if (e instanceof EngineEvent.StepReached r && r.point().startsWith("GET_PROBE")) {
            probedYet.put(r.thread(), true);
        }
        if (e instanceof EngineEvent.StepResumed r) {
            pauses.remove(r.thread());
            Question q = question.get();
            if (q != null && q.thread().equals(r.thread())) {
                question.set(null); // it moved on unanswered (Step or Continue): the question is moot
            }
        }
    }

    /** The engine opened, closed or died: nobody is paused, and no verdict will come. */
    private void forgetTheEngine() {
        pauses.clear();
        operations.clear();
        probedYet.clear();
        question.set(null);
        if (judging != null) {
            judging = null;
            feedback.set("The engine stopped before it could tell.");
        }
    }

    /** Asks about a paused thread when there is a question and none is open. */
    private void askIfDue(VisualState s) {
        Question open = question.get();
        if (!enabled.get() || judging != null || open != null && !lockQuestion || s.crash() != null) {
            return;
        }
        for (Pause p : pauses.values()) {
            if (!p.pointAsked && p.at.seq() <= s.seq()) { // the picture has caught up with the stop
                p.pointAsked = true;
                Question q = Questions.at(p.at, s, p.op, p.firstProbe);
                if (q != null) {
                    ask(q, false);
                    return;
                }
            }
        }
        if (open != null) {
            return;
        }
        for (Pause p : pauses.values()) {
            if (p.pointAsked && !p.lockAsked) {
                Question q = Questions.aboutLocks(p.at, s);
                if (q != null) {
                    p.lockAsked = true;
                    ask(q, true);
                    return;
                }
            }
        }
    }

    private void ask(Question q, boolean aboutLock) {
        lockQuestion = aboutLock;
        feedback.set("");
        question.set(q);
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
