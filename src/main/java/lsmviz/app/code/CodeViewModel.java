package lsmviz.app.code;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.VisualState.StepVis;
import lsmviz.engine.step.ProbePoint;

/**
 * Which engine code the code pane shows: the probe point a thread is paused at (the thread chosen
 * for stepping, or the one paused longest), or in slow motion the point a thread just passed; none
 * otherwise. Derived from the picture the window shows, so while the timeline shows history the
 * pane shows the code of that moment, and once the engine closes it shows none. Plain Java.
 */
public final class CodeViewModel {

    /** A thread at a probe point; {@code paused}: stopped there (false: passing, in slow motion). */
    public record Focus(ProbePoint point, String thread, boolean paused) {}

    private final ReadOnlyObjectWrapper<Focus> focus = new ReadOnlyObjectWrapper<>(this, "focus");

    /**
     * @param chosenThread the thread chosen for stepping, or null for any
     * @param slowMotion   whether the engine runs in slow motion now (live), or, for history, true
     */
    public void update(VisualState s, String chosenThread, boolean slowMotion) {
        Focus next = focusOf(s, chosenThread, slowMotion);
        if (!java.util.Objects.equals(next, focus.get())) {
            focus.set(next);
        }
    }

    static Focus focusOf(VisualState s, String chosenThread, boolean slowMotion) {
        List<PausedVis> paused = s.paused();
        if (!paused.isEmpty()) {
            PausedVis p = paused.stream().filter(x -> x.thread().equals(chosenThread)).findFirst().orElse(paused.get(0));
            return new Focus(ProbePoint.valueOf(p.point()), p.thread(), true);
        }
        StepVis last = s.lastStep();
        if (last != null && slowMotion) {
            return new Focus(ProbePoint.valueOf(last.point()), last.thread(), false);
        }
        return null;
    }

    /** What to show; null for nothing. */
    public ReadOnlyObjectProperty<Focus> focusProperty() {
        return focus.getReadOnlyProperty();
    }
}
