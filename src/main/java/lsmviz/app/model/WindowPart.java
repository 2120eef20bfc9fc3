package lsmviz.app.model;

import lsmviz.engine.event.EngineEvent;

/**
 * One feature of the window, as the main view sees it: a view-model bound to its view, fed the
 * picture the window shows. The main view keeps the parts in one list and loops over it; adding
 * a feature is its part plus one registration line.
 *
 * <p>Everything a part shows derives from the projection ({@link VisualState}) or from the events
 * the projection is folded from; no part asks the engine for what to draw.
 */
public interface WindowPart {
    /**
     * Shows the picture {@code s}. {@code now} is the clock durations are measured to: the present
     * while live, the moment shown while the timeline shows history.
     */
    void show(VisualState s, long now);

    /** Each live event as it is folded into the projection (FX thread): for parts that list or count events. */
    default void event(EngineEvent e) {
    }

    /**
     * Twice a second, with the picture shown: for what grows while nothing happens (how long a
     * lock has been held, the timeline's length, a chart of minutes).
     */
    default void tick(VisualState shown, long now) {
    }

    /** Whether this part is costly to redraw once the picture holds hundreds of tables (redrawn less often then). */
    default boolean heavy() {
        return false;
    }

    /** A part that only listens to events. */
    static WindowPart onEvents(java.util.function.Consumer<EngineEvent> listener) {
        return new WindowPart() {
            @Override
            public void show(VisualState s, long now) {
            }

            @Override
            public void event(EngineEvent e) {
                listener.accept(e);
            }
        };
    }
}
