package lsmviz.app.activity;

import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import lsmviz.app.activity.EventLines.Kind;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.event.EngineEvent;

/**
 * The event log's part: it takes each live event as the projection folds it in, and at each
 * redraw turns the events since the last one into lines ({@link EventLog}); the view lists them
 * whenever {@link #revisionProperty() the revision} moves. Filters are set here, so that what the
 * log shows is decided in one place.
 */
public final class EventLogViewModel implements WindowPart {
    private final EventLog log = new EventLog();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    @Override
    public void event(EngineEvent e) {
        log.accept(e);
    }

    /** The events since the last redraw become lines (the history shown does not change the log). */
    @Override
    public void show(VisualState s, long now) {
        if (log.endPulse()) {
            revision.set(revision.get() + 1);
        }
    }

    public void setFilter(String text) {
        log.setFilter(text);
        revision.set(revision.get() + 1);
    }

    public void setShown(Kind kind, boolean on) {
        log.setShown(kind, on);
        revision.set(revision.get() + 1);
    }

    public void clear() {
        log.clear();
        revision.set(revision.get() + 1);
    }

    /** The lines that pass the filters, oldest first. */
    public List<EventLog.Line> visible() {
        return log.visible();
    }

    /** What the empty list says (nothing yet, or nothing that passes the filter). */
    public String placeholder() {
        return log.placeholder();
    }

    /** Moves whenever the lines shown change. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
