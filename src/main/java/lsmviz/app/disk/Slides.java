package lsmviz.app.disk;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Tables a trivial move took down a level, sliding from where they were drawn to where they are
 * now. A trivial move keeps the table (same id, same file) and changes only its level, so a table
 * whose level grew between two pictures moved; a merge writes new tables instead, which appear
 * where they belong. Plain Java: the stage asks where to draw a sliding table at a given moment.
 */
final class Slides {
    static final long SLIDE_NANOS = 900_000_000L;

    private record Slide(LevelLayout.Box from, long start) {}

    private final Map<Long, Slide> active = new HashMap<>();
    private long started;

    /**
     * After a new layout: the tables of {@code now} that were drawn on a higher level before
     * ({@code before}, laid out by {@code beforeLayout}) start to slide; slides that are over end.
     */
    void notice(Map<Long, SSTableVis> before, LevelLayout beforeLayout, Iterable<SSTableVis> now, long nanos) {
        active.values().removeIf(s -> nanos - s.start() >= SLIDE_NANOS);
        if (beforeLayout == null) {
            return;
        }
        for (SSTableVis t : now) {
            SSTableVis was = before.get(t.id());
            LevelLayout.Box from = beforeLayout.boxes.get(t.id());
            if (was != null && from != null && was.level() < t.level()) {
                active.put(t.id(), new Slide(from, nanos));
                started++;
            }
        }
    }

    /** How many slides have started so far. */
    long started() {
        return started;
    }

    boolean any() {
        return !active.isEmpty();
    }

    /** The tables sliding now. */
    Set<Long> ids() {
        return active.keySet();
    }

    /** Where table {@code id}, bound for {@code to}, is drawn at {@code nanos} (eased in and out). */
    LevelLayout.Box at(long id, LevelLayout.Box to, long nanos) {
        Slide s = active.get(id);
        if (s == null) {
            return to;
        }
        double t = Math.min(1, Math.max(0, (nanos - s.start()) / (double) SLIDE_NANOS));
        double e = t * t * (3 - 2 * t);
        LevelLayout.Box f = s.from();
        return new LevelLayout.Box(f.x() + (to.x() - f.x()) * e, f.y() + (to.y() - f.y()) * e,
                f.w() + (to.w() - f.w()) * e, f.h() + (to.h() - f.h()) * e);
    }

    void clear() {
        active.clear();
    }
}
