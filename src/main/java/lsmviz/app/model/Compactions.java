package lsmviz.app.model;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.CostPoint;
import lsmviz.app.model.VisualState.SSTableVis;
import lsmviz.engine.event.EngineEvent;

/** How a compaction under way changes with its events (each returns a new, immutable picture of it). */
final class Compactions {
    private Compactions() {}

    static CompactionVis progressed(CompactionVis c, EngineEvent.CompactionProgress p) {
        return new CompactionVis(c.id(), c.thread(), c.style(), c.reason(), c.score(), c.inputs(), c.outputLevel(),
                c.trivialMove(), c.bottommost(), c.inputBytes(), p.bytesIn(), p.keysIn(), p.keysOut(),
                p.tombstonesDropped(), c.outputs(), p.lastKey(), c.installed());
    }

    static CompactionVis wrote(CompactionVis c, SSTableVis out) {
        List<SSTableVis> outs = new ArrayList<>(c.outputs());
        outs.add(out);
        return new CompactionVis(c.id(), c.thread(), c.style(), c.reason(), c.score(), c.inputs(), c.outputLevel(),
                c.trivialMove(), c.bottommost(), c.inputBytes(), c.bytesIn(), c.keysIn(), c.keysOut(),
                c.tombstonesDropped(), List.copyOf(outs), c.lastKey(), c.installed());
    }

    static CompactionVis installed(CompactionVis c) {
        return new CompactionVis(c.id(), c.thread(), c.style(), c.reason(), c.score(), c.inputs(), c.outputLevel(),
                c.trivialMove(), c.bottommost(), c.inputBytes(), c.bytesIn(), c.keysIn(), c.keysOut(),
                c.tombstonesDropped(), c.outputs(), c.lastKey(), true);
    }

    /**
     * {@code points} with {@code p} at the end, the oldest dropped past {@code max}. The points
     * stand at least {@code spacingNanos} apart, but for the last, which always shows the latest
     * report: while it is closer than that to the one before it, a new report replaces it. At full
     * speed the engine reports its levels hundreds of times a second, and the chart must still
     * reach minutes back.
     */
    static List<CostPoint> withPoint(List<CostPoint> points, CostPoint p, int max, long spacingNanos) {
        int n = points.size();
        boolean close = n >= 2 && points.get(n - 1).nanos() - points.get(n - 2).nanos() < spacingNanos;
        int end = close ? points.size() - 1 : points.size();
        int from = Math.max(0, end + 1 - max);
        List<CostPoint> next = new ArrayList<>(points.subList(from, end));
        next.add(p);
        return List.copyOf(next);
    }
}
