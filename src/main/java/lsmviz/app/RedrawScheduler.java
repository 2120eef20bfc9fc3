package lsmviz.app;

import lsmviz.app.model.VisualState;

/**
 * When the window's parts redraw the live picture. Once per pulse the bridge has folded the new
 * events in; the parts are redrawn at most every {@link #VIEW_PERIOD_NANOS} (the shelf, with many
 * hundreds of tables, every {@link #BIG_SHELF_PERIOD_NANOS}): a picture that changes 25 times a
 * second reads as smooth, and the pulses left over keep animations and input fluid on a 2-core
 * laptop in software rendering.
 *
 * <p>At full speed (a workload faster than anyone can follow, structure events only) the picture
 * is redrawn 5 times a second, the big shelf twice, and each redraw is spread over four pulses,
 * one part per pulse: every redraw takes CPU from the engine (on two cores the window at 25 Hz
 * cost the workload a quarter of its throughput, at 10 Hz about a tenth, at 5 Hz nothing
 * measurable), and JavaFX merges a frame's many small dirty regions into one big one, so that
 * redrawing everything in one pulse repaints nearly the whole window.
 */
final class RedrawScheduler {
    static final long VIEW_PERIOD_NANOS = 40_000_000L;
    static final long BIG_SHELF_PERIOD_NANOS = 100_000_000L;
    static final long FULL_SPEED_VIEW_PERIOD_NANOS = 200_000_000L;
    static final long FULL_SPEED_SHELF_PERIOD_NANOS = 500_000_000L;
    /** Above this many tables the level view counts as big (redrawn at the slower rates). */
    static final int BIG_SHELF = 100;

    /** The parts of the window, in the order a staggered redraw takes them. */
    interface Parts {
        void memory(VisualState s);

        /** The locks, the step controls, the code and the narration (they read the live locks). */
        void locks(VisualState s);

        void logAndStatus(VisualState s);

        void disk(VisualState s);
    }

    private final Parts parts;
    private VisualState shown;
    private long lastView;
    private long lastShelf;
    /** Which part of a staggered redraw comes at the next pulse (1 to 4), 0 when none is under way. */
    private int part;
    /** The picture a staggered redraw shows in all its parts: the numbers agree with each other. */
    private VisualState cycle;

    RedrawScheduler(Parts parts) {
        this.parts = parts;
    }

    /** One pulse with the live picture {@code s}; {@code fullSpeed}: the full-speed rates apply. */
    void pulse(VisualState s, boolean fullSpeed, long now) {
        if (s == shown && part == 0) {
            return;
        }
        if (fullSpeed || part != 0) {
            staggered(s, now);
            return;
        }
        if (now - lastView >= VIEW_PERIOD_NANOS) {
            lastView = now;
            parts.logAndStatus(s);
            parts.memory(s);
            parts.locks(s);
            if (s.sstables().size() <= BIG_SHELF || now - lastShelf >= BIG_SHELF_PERIOD_NANOS) {
                lastShelf = now;
                parts.disk(s);
            }
            shown = s;
        }
    }

    private void staggered(VisualState s, long now) {
        if (part == 0) {
            if (now - lastView < FULL_SPEED_VIEW_PERIOD_NANOS) {
                return;
            }
            lastView = now;
            part = 1;
            cycle = s;
        }
        switch (part) {
            case 1 -> parts.memory(cycle);
            case 2 -> parts.locks(cycle);
            case 3 -> parts.logAndStatus(cycle);
            default -> {
                if (cycle.sstables().size() <= BIG_SHELF || now - lastShelf >= FULL_SPEED_SHELF_PERIOD_NANOS) {
                    lastShelf = now;
                    parts.disk(cycle);
                }
                shown = cycle;
            }
        }
        part = part == 4 ? 0 : part + 1;
    }

    /** Draws {@code s} in every part at once (history, or the first picture). */
    void showNow(VisualState s) {
        part = 0;
        parts.logAndStatus(s);
        parts.memory(s);
        parts.locks(s);
        parts.disk(s);
        shown = s;
    }

    /** The live picture must be drawn again at the next pulse (the window came back from history). */
    void invalidate() {
        shown = null;
        part = 0;
    }

    /** The picture the parts show now, or null before the first. */
    VisualState shown() {
        return shown;
    }
}
