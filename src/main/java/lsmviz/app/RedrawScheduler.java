package lsmviz.app;

import java.util.List;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;

/**
 * When the window's parts redraw the live picture. Once per pulse the bridge has folded the new
 * events in; the parts are redrawn at most every {@link #VIEW_PERIOD_NANOS} (the heavy ones, once
 * the picture holds many hundreds of tables, every {@link #BIG_PICTURE_PERIOD_NANOS}): a picture
 * that changes 25 times a second reads as smooth, and the pulses left over keep animations and
 * input fluid on a 2-core laptop in software rendering.
 *
 * <p>At full speed (a workload faster than anyone can follow, structure events only) the picture
 * is redrawn 5 times a second, the heavy parts of a big picture twice, and each redraw is spread
 * over {@link #STAGGER_PULSES} pulses, a quarter of the parts per pulse (in the order they were
 * registered): every redraw takes CPU from the engine (on two cores the window at 25 Hz cost the
 * workload a quarter of its throughput, at 10 Hz about a tenth, at 5 Hz nothing measurable), and
 * JavaFX merges a frame's many small dirty regions into one big one, so that redrawing everything
 * in one pulse repaints nearly the whole window.
 */
final class RedrawScheduler {
    static final long VIEW_PERIOD_NANOS = 40_000_000L;
    static final long BIG_PICTURE_PERIOD_NANOS = 100_000_000L;
    static final long FULL_SPEED_VIEW_PERIOD_NANOS = 200_000_000L;
    static final long FULL_SPEED_BIG_PICTURE_PERIOD_NANOS = 500_000_000L;
    /** Above this many tables the picture counts as big (its heavy parts are redrawn at the slower rates). */
    static final int BIG_PICTURE = 100;
    /** A staggered redraw takes this many pulses. */
    static final int STAGGER_PULSES = 4;

    private final List<WindowPart> parts;
    private VisualState shown;
    private long lastView;
    private long lastHeavy;
    /** Which pulse of a staggered redraw comes next (1 to {@link #STAGGER_PULSES}), 0 when none is under way. */
    private int pulse;
    /** The picture a staggered redraw shows in all its parts: the numbers agree with each other. */
    private VisualState cycle;
    private boolean cycleDrawsHeavy;

    /** @param parts the window's parts, in the order they are drawn */
    RedrawScheduler(List<WindowPart> parts) {
        this.parts = parts;
    }

    /** One pulse with the live picture {@code s}; {@code fullSpeed}: the full-speed rates apply. */
    void pulse(VisualState s, boolean fullSpeed, long now) {
        if (s == shown && pulse == 0) {
            return;
        }
        if (fullSpeed || pulse != 0) {
            staggered(s, now);
            return;
        }
        if (now - lastView >= VIEW_PERIOD_NANOS) {
            lastView = now;
            boolean heavy = heavyDue(s, now, BIG_PICTURE_PERIOD_NANOS);
            for (WindowPart p : parts) {
                if (heavy || !p.heavy()) {
                    p.show(s, now);
                }
            }
            shown = s;
        }
    }

    private boolean heavyDue(VisualState s, long now, long period) {
        if (s.sstables().size() <= BIG_PICTURE || now - lastHeavy >= period) {
            lastHeavy = now;
            return true;
        }
        return false;
    }

    private void staggered(VisualState s, long now) {
        if (pulse == 0) {
            if (now - lastView < FULL_SPEED_VIEW_PERIOD_NANOS) {
                return;
            }
            lastView = now;
            pulse = 1;
            cycle = s;
            cycleDrawsHeavy = heavyDue(s, now, FULL_SPEED_BIG_PICTURE_PERIOD_NANOS);
        }
        int n = parts.size();
        for (int i = (pulse - 1) * n / STAGGER_PULSES; i < pulse * n / STAGGER_PULSES; i++) {
            WindowPart p = parts.get(i);
            if (cycleDrawsHeavy || !p.heavy()) {
                p.show(cycle, now);
            }
        }
        if (pulse == STAGGER_PULSES) {
            shown = cycle;
            pulse = 0;
        } else {
            pulse++;
        }
    }

    /** Draws {@code s} in every part at once (history, or the first picture); {@code now} is its clock. */
    void showNow(VisualState s, long now) {
        pulse = 0;
        for (WindowPart p : parts) {
            p.show(s, now);
        }
        shown = s;
    }

    /** The live picture must be drawn again at the next pulse (the window came back from history). */
    void invalidate() {
        shown = null;
        pulse = 0;
    }

    /** The picture the parts show now, or null before the first. */
    VisualState shown() {
        return shown;
    }
}
