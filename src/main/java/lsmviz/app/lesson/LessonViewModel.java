package lsmviz.app.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.lesson.Answer;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonRunner;
import lsmviz.lesson.LessonRunner.State;
import lsmviz.lesson.Step;

/**
 * A lesson as the window shows it: its title, its narration, its questions, and where it is
 * counted in pages. A page is what the class sees between two presses of Next (or an answer): a
 * lesson with {@code n} pauses and questions has {@code n + 1} pages, the last one when it has finished. Back (Page Up) shows an earlier page
 * again, its narration and its picture from the timeline; Next from there walks forward through
 * the pages seen and, past the newest, moves the lesson on. Plain Java: the runner's news comes in
 * on its threads and is handed over on {@code onFx}.
 *
 * <p>A lesson that opens a fresh engine part way ({@code freshEngine}) starts a new timeline: the
 * pictures of the pages seen before it went with the old engine. Back still shows those pages'
 * words, over the live picture.
 */
public final class LessonViewModel {

    /** What the view-model asks of the window. */
    public interface Host {
        /** Events recorded so far (the timeline's size): the picture of a page is at this position. */
        int historySize();

        /** Shows the picture after {@code position} events; -1 shows the live engine again. */
        void showHistory(int position);

        /** Ends the lesson (its engine closes, a fresh one opens). */
        void stopLesson();

        /** Runs a blocking call on a worker (restart closes an engine). */
        void background(Runnable work);
    }

    /**
     * One page seen: what was said, and the picture's position in the timeline when it was left
     * ({@link #NO_PICTURE} once its engine, and so its timeline, is gone).
     */
    record Page(String narration, int position) {}

    /** The position of a page whose picture went with its engine: Back shows the live picture. */
    static final int NO_PICTURE = -1;

    private final Host host;
    private final Executor onFx;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper narration = new ReadOnlyStringWrapper(this, "narration", "");
    private final ReadOnlyStringWrapper page = new ReadOnlyStringWrapper(this, "page", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.READY);
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext");
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(this, "canBack");
    private final ReadOnlyBooleanWrapper canRestart = new ReadOnlyBooleanWrapper(this, "canRestart");
    private final ReadOnlyBooleanWrapper lookingBack = new ReadOnlyBooleanWrapper(this, "lookingBack");
    private final ReadOnlyObjectWrapper<Step.Ask> question = new ReadOnlyObjectWrapper<>(this, "question");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    private final ReadOnlyStringWrapper score = new ReadOnlyStringWrapper(this, "score", "");
    private int answered;
    private int answeredRight;

    private LessonRunner runner;
    private LessonRunner.Listener listener;
    private int pages;
    /** Pages left so far, oldest first. */
    private final List<Page> seen = new ArrayList<>();
    /** The page being shown while looking back (an index into {@link #seen}), or -1 for the current one. */
    private int viewing = -1;
    private String currentNarration = "";
    private boolean busy;

    public LessonViewModel(Host host, Executor onFx) {
        this.host = host;
        this.onFx = onFx;
    }

    /** Shows {@code r} from now on (call on the FX thread). */
    public void bind(LessonRunner r) {
        unbind();
        runner = r;
        pages = pagesOf(r.lesson());
        LessonRunner.Listener l = new LessonRunner.Listener() {
            @Override
            public void stateChanged(State s, String message) {
                onFx.execute(() -> {
                    if (runner == r) {
                        changed(s, message);
                    }
                });
            }

            @Override
            public void narrationChanged(String text) {
                onFx.execute(() -> {
                    if (runner == r) {
                        currentNarration = text == null ? "" : text;
                        if (viewing < 0) {
                            narration.set(currentNarration);
                        }
                    }
                });
            }

            @Override
            public void questionAsked(Step.Ask q) {
                onFx.execute(() -> {
                    if (runner == r) {
                        feedback.set("");
                        question.set(q);
                    }
                });
            }

            @Override
            public void questionRevealed(Answer a) {
                onFx.execute(() -> {
                    if (runner == r) {
                        revealed(a);
                    }
                });
            }

            @Override
            public void engineOpening(Path directory) {
                onFx.execute(() -> {
                    if (runner == r) {
                        forgetPictures();
                    }
                });
            }
        };
        listener = l;
        r.addListener(l);
        active.set(true);
        title.set(r.lesson().title());
        seen.clear();
        viewing = -1;
        clearQuestion();
        currentNarration = r.narration() == null ? "" : r.narration();
        narration.set(currentNarration);
        changed(r.state(), r.message());
    }

    /**
     * A fresh engine opens: the timeline starts again with it, so the pages seen so far keep their
     * words but lose their pictures.
     */
    private void forgetPictures() {
        seen.replaceAll(p -> new Page(p.narration(), NO_PICTURE));
        if (viewing >= 0) {
            host.showHistory(-1);
        }
    }

    /** Stops showing the runner (it keeps running). */
    public void unbind() {
        if (runner != null && listener != null) {
            runner.removeListener(listener);
        }
        runner = null;
        listener = null;
        busy = false;
        seen.clear();
        viewing = -1;
        active.set(false);
        title.set("");
        narration.set("");
        failure.set("");
        page.set("");
        lookingBack.set(false);
        state.set(State.READY);
        clearQuestion();
        refresh();
    }

    private void clearQuestion() {
        question.set(null);
        feedback.set("");
        score.set("");
        answered = 0;
        answeredRight = 0;
    }

    /**
     * The class answers the question shown with choice {@code i}: the lesson goes on, as with
     * Next, and its reveal says whether the engine agreed.
     */
    public void answer(int i) {
        LessonRunner r = runner;
        Step.Ask q = question.get();
        if (r == null || q == null || viewing >= 0 || state.get() != State.WAITING_FOR_USER) {
            return;
        }
        int position = host.historySize();
        if (!r.answer(i)) {
            return; // the run had moved on (a stop, a failure): nothing was answered
        }
        seen.add(new Page(currentNarration, position));
        question.set(null);
        feedback.set("You said: " + q.choices().get(i).text() + ". Watch\u2026");
    }

    private void revealed(Answer a) {
        question.set(null);
        feedback.set(a.feedback());
        if (a.given() >= 0) {
            answered++;
            answeredRight += a.correct() ? 1 : 0;
            score.set("Questions: " + answeredRight + " of " + answered + " right");
        }
    }

    /** How many pages a lesson has: one per step that waits for the class, and the last, after it ends. */
    static int pagesOf(Lesson l) {
        return 1 + (int) l.steps().stream().filter(Step::waitsForUser).count();
    }

    private void changed(State s, String message) {
        state.set(s);
        failure.set(s == State.FAILED && message != null ? message : "");
        if (s == State.READY || s == State.STOPPED) {
            seen.clear();
        }
        if (s == State.READY || s == State.STOPPED) {
            clearQuestion(); // the run is gone: so are its question, its verdict and its score
        } else if (s == State.FAILED) {
            question.set(null);
            feedback.set(""); // "You said ... Watch" would wait for a reveal that never comes
        } else if (s.ended()) {
            question.set(null);
        }
        refresh();
    }

    /** Next (Page Down): forward through the pages looked back at, then the lesson's next part. */
    public void next() {
        LessonRunner r = runner;
        if (r == null || busy) {
            return;
        }
        if (viewing >= 0) {
            viewing++;
            show();
            return;
        }
        State s = state.get();
        if (s == State.READY || s == State.STOPPED) {
            restart();
        } else if (s == State.WAITING_FOR_USER) {
            seen.add(new Page(currentNarration, host.historySize()));
            // on without an answer (the reveal still says what the engine did), or past the
            // page that showed the last verdict: the card leaves the stage
            question.set(null);
            feedback.set("");
            r.advance();
        }
    }

    /** Back (Page Up): the page before the one shown, its words and its picture. */
    public void back() {
        if (runner == null || seen.isEmpty()) {
            return;
        }
        viewing = viewing < 0 ? seen.size() - 1 : Math.max(0, viewing - 1);
        show();
    }

    private void show() {
        if (viewing >= seen.size()) {
            viewing = -1;
            host.showHistory(-1);
            narration.set(currentNarration);
        } else {
            Page p = seen.get(viewing);
            host.showHistory(p.position());
            narration.set(p.narration());
        }
        refresh();
    }

    public void restart() {
        LessonRunner r = runner;
        if (r == null || busy) {
            return;
        }
        busy = true;
        if (viewing >= 0) {
            viewing = -1;
            host.showHistory(-1);
        }
        seen.clear();
        clearQuestion(); // a new run, a new score
        refresh();
        host.background(() -> {
            try {
                r.restart();
            } finally {
                onFx.execute(() -> {
                    busy = false;
                    refresh();
                });
            }
        });
    }

    public void stop() {
        if (runner != null) {
            host.stopLesson();
        }
    }

    private void refresh() {
        State s = state.get();
        boolean bound = runner != null;
        lookingBack.set(viewing >= 0);
        int current = Math.min(pages, seen.size() + 1);
        page.set(!bound ? "" : viewing >= 0 ? "back to " + (viewing + 1) + " of " + pages
                : switch (s) {
                    case READY, STOPPED -> "press Next";
                    case RUNNING, WAITING_FOR_USER -> "page " + current + " of " + pages;
                    case FINISHED -> "the end";
                    case FAILED -> "failed";
                });
        canNext.set(bound && !busy && (viewing >= 0 || s == State.WAITING_FOR_USER || s == State.READY
                || s == State.STOPPED));
        canBack.set(bound && !seen.isEmpty() && viewing != 0);
        canRestart.set(bound && !busy);
    }

    /** The runner shown, or null. */
    public LessonRunner runner() {
        return runner;
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the lesson says now (or, looking back, said then). */
    public ReadOnlyStringProperty narrationProperty() {
        return narration.getReadOnlyProperty();
    }

    /** "page 2 of 5": the one count of a lesson's progress. */
    public ReadOnlyStringProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the lesson failed; empty unless it did. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestartProperty() {
        return canRestart.getReadOnlyProperty();
    }

    /** The lesson's question waiting for an answer, or null. */
    public ReadOnlyObjectProperty<Step.Ask> questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** "You said...", then the reveal: right or not, and why. Empty when there is nothing to tell. */
    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    /** "Questions: 2 of 3 right" once one is answered; empty before. */
    public ReadOnlyStringProperty scoreProperty() {
        return score.getReadOnlyProperty();
    }

    /** Whether an earlier page is shown (the picture is history). */
    public ReadOnlyBooleanProperty lookingBackProperty() {
        return lookingBack.getReadOnlyProperty();
    }
}
