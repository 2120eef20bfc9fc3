package lsmviz.app.narration;

import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.VisualState.StepVis;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.StepMode;

/**
 * The window's one narration: the latest thing it has to say, in at most three lines, and a
 * headline beside it (the lesson's title, or what the engine is doing: live, slow motion, step
 * mode, history). In a lesson the lesson speaks, and a command's answer speaks until the lesson's
 * next words; otherwise a command's answer, the step a thread has paused at (or, in slow motion,
 * passed) and a change of mode speak, the latest first. Plain Java.
 */
public final class NarrationViewModel implements WindowPart {
    /** How the words are meant: the view styles each kind its own way. */
    public enum Kind { INFO, STEP, LESSON, ERROR }

    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "Live");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<Kind> kind = new ReadOnlyObjectWrapper<>(this, "kind", Kind.INFO);
    private boolean inLesson;
    private String lessonTitle = "";
    private StepMode mode = StepMode.RUN;
    private boolean history;
    private String replay;
    private StepVis lastTold;
    private BooleanSupplier fullSpeed = () -> false;

    /** A command's answer, or anything else the window says. */
    public void say(String sentence) {
        set(sentence, Kind.INFO);
    }

    /** Something went wrong: said plainly, in red. */
    public void error(String sentence) {
        set(sentence, Kind.ERROR);
    }

    /** A lesson speaks ({@code words}), or has failed ({@code failure} not empty). */
    public void lessonSays(String words, String failure) {
        if (failure != null && !failure.isEmpty()) {
            set("The lesson stopped: " + failure, Kind.ERROR);
        } else {
            set(words, Kind.LESSON);
        }
    }

    /** A lesson runs ({@code title}) or none does (null). */
    public void setLesson(String title) {
        inLesson = title != null;
        lessonTitle = title == null ? "" : title;
        headline();
    }

    /** A line under the headline: where a lesson is ("page 2 of 5"); empty for none. */
    public void setDetail(String line) {
        detail.set(line == null ? "" : line);
    }

    public void setMode(StepMode m) {
        mode = m;
        headline();
    }

    /** The picture is history (the timeline moved back) or live. */
    public void setHistory(boolean on) {
        history = on;
        headline();
    }

    /**
     * The timeline shows history ({@code on}; {@code replay} names a replayed trace, or is null) or
     * the live engine again, which is said unless a lesson tells its own story.
     */
    public void showingHistory(boolean on, String replay) {
        if (!on && history && !inLesson) {
            say("Live again: the picture follows the engine.");
        }
        this.replay = replay;
        setHistory(on);
    }

    /** Whether a lesson runs (it tells its own story). */
    public boolean inLesson() {
        return inLesson;
    }

    /** Whether the picture is history now. */
    public boolean historyShown() {
        return history;
    }

    /** A replayed trace ({@code name}) or the engine (null). */
    public void setReplay(String name) {
        replay = name;
        headline();
    }

    /** Tells the narration when the engine runs faster than anyone can read (it then keeps quiet about events). */
    public void setFullSpeed(BooleanSupplier fullSpeed) {
        this.fullSpeed = fullSpeed;
    }

    @Override
    public void show(VisualState s, long now) {
        update(s);
    }

    /**
     * A compaction that dropped tombstones is told, with why it could: it wrote the bottom level for
     * those keys. Not in a lesson (its pages tell it), not at full speed (nobody could read it).
     */
    @Override
    public void event(EngineEvent e) {
        if (e instanceof EngineEvent.CompactionFinished f && f.tombstonesDropped() > 0 && !fullSpeed.getAsBoolean()
                && !inLesson && !history) {
            say("Compaction " + f.compactionId() + " dropped " + lsmviz.app.Format.plural(f.tombstonesDropped(),
                    "tombstone") + ": it wrote the bottom level for those keys, so no older value is left below"
                    + " that the tombstone would have to hide.");
        }
    }

    /**
     * Follows the picture: the step a thread reached last is told once, when it paused there (or,
     * in slow motion, passed it). A lesson tells its own story instead.
     */
    public void update(VisualState s) {
        if (inLesson || history) {
            return; // a lesson tells its own story; history is told by the moment shown
        }
        StepVis last = s.lastStep();
        StepVis tell = last != null && (last.paused() || mode == StepMode.SLOW) ? last : null;
        if (tell != null && !tell.equals(lastTold)) {
            List<PausedVis> paused = s.paused();
            String others = paused.size() > 1 ? " (" + (paused.size() - 1) + " more paused: the lock cards show who)" : "";
            set(tell.thread() + (tell.paused() ? " is paused. " : ": ") + tell.narration() + others, Kind.STEP);
        }
        lastTold = tell;
    }

    private void set(String sentence, Kind k) {
        text.set(sentence == null ? "" : sentence);
        kind.set(k);
    }

    private void headline() {
        String h = replay != null ? "Replay of " + replay : history ? "History" : inLesson ? lessonTitle
                : switch (mode) {
                    case RUN -> "Live";
                    case SLOW -> "Slow motion";
                    case STEP -> "Step mode";
                };
        headline.set(h);
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Kind> kindProperty() {
        return kind.getReadOnlyProperty();
    }
}
