package lsmviz.app.disk;

import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.ThreadColors;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.ObsoleteVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Compactions over the level view: a compaction's outputs hatched on the target level as they are
 * written, the dashed region still being merged and its progress, a trivial move's label; and the
 * tables a compaction replaced, hatched grey with their readers until they are deleted.
 */
final class CompactionPainter {
    private final Pen pen;
    /** Every table drawn, by id (the level view's map). */
    private final Map<Long, SSTableVis> drawn;
    LevelLayout layout;

    CompactionPainter(Pen pen, Map<Long, SSTableVis> drawn) {
        this.pen = pen;
        this.drawn = drawn;
    }

    void drawObsolete(GraphicsContext g, ObsoleteVis o) {
        LevelLayout.Box b = layout.boxes.get(o.table().id());
        if (b == null) {
            return;
        }
        g.setFill(Color.web("#EDEDED"));
        g.fillRect(b.x(), b.y(), b.w(), b.h());
        pen.hatch(b, LevelStage.OBSOLETE, 6);
        g.setStroke(LevelStage.OBSOLETE);
        g.setLineWidth(1.5);
        g.setLineDashes(4, 3);
        g.strokeRect(b.x() + 0.5, b.y() + 0.5, Math.max(1, b.w() - 1), b.h() - 1);
        g.setLineDashes((double[]) null);
        if (o.readers() > 0 && b.w() >= 40) {
            pen.label("#" + o.table().id() + ": " + Format.plural(o.readers(), "reader"), b, Color.web("#333333"));
        }
    }

    /** An input's outputs: hatched boxes on the target level, and the part still being merged. */
    void drawCompaction(GraphicsContext g, CompactionVis c) {
        Color col = ThreadColors.COMPACTOR;
        if (c.installed() || c.outputLevel() >= layout.bands.size()) {
            return;
        }
        LevelLayout.Box lane = layout.bands.get(c.outputLevel()).lane();
        double outH = lane.h() * 0.45;
        double outY = lane.y() + lane.h() - outH - 2;
        for (SSTableVis o : c.outputs()) {
            LevelLayout.Box b = layout.boxes.get(o.id());
            if (b != null) {
                LevelLayout.Box low = new LevelLayout.Box(b.x(), outY, b.w(), outH);
                g.setFill(Color.WHITE);
                g.fillRect(low.x(), low.y(), low.w(), low.h());
                pen.hatch(low, col, 5);
                g.setStroke(col);
                g.setLineWidth(2);
                g.strokeRect(low.x(), low.y(), low.w(), low.h());
            }
        }
        if (c.trivialMove()) {
            for (var in : c.inputs()) {
                for (long id : in.tableIds()) {
                    LevelLayout.Box b = layout.boxes.get(id);
                    if (b != null) {
                        pen.label("moves to L" + c.outputLevel() + " ↓", b, col.darker());
                    }
                }
            }
            return;
        }
        // the output still being merged: from the first input key to the last key written
        String first = firstInputKey(c);
        if (layout.mode == LevelLayout.Mode.BY_KEY && first != null && c.lastKey() != null) {
            double x0 = layout.xOf(lane, first);
            double x1 = Math.max(x0 + 2, layout.xOf(lane, c.lastKey()));
            LevelLayout.Box grow = new LevelLayout.Box(x0, outY, x1 - x0, outH);
            g.setStroke(col);
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.strokeRect(grow.x(), grow.y(), grow.w(), grow.h());
            g.setLineDashes((double[]) null);
        }
        String text = String.format(Locale.ROOT, "compaction #%d into L%d: %d%%", c.id(), c.outputLevel(),
                Math.round(100 * c.progress()));
        g.setFill(col.darker());
        g.setFont(pen.bold(pen.font(11)));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, lane.x() + lane.w() - 4, lane.y() + 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    String firstInputKey(CompactionVis c) {
        String first = null;
        for (var in : c.inputs()) {
            for (long id : in.tableIds()) {
                SSTableVis t = drawn.get(id);
                if (t != null && t.minKey() != null && (first == null || t.minKey().compareTo(first) < 0)) {
                    first = t.minKey();
                }
            }
        }
        return first;
    }
}
