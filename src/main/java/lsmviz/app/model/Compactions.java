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

    /** {@code points} with {@code p} at the end, the oldest dropped past {@code max}. */
    static List<CostPoint> withPoint(List<CostPoint> points, CostPoint p, int max) {
        int from = Math.max(0, points.size() + 1 - max);
        List<CostPoint> next = new ArrayList<>(points.subList(from, points.size()));
        next.add(p);
        return List.copyOf(next);
    }
}
