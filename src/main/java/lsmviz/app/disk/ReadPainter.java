package lsmviz.app.disk;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Reads over the level view: the latest get's probes (by table, with the bloom filter's verdict),
 * the levels it did not need greyed, the typed key's line down the levels, and the hovered table
 * with the tables of the level below whose keys it overlaps.
 */
final class ReadPainter {
    private final Pen pen;
    LevelLayout layout;

    ReadPainter(Pen pen) {
        this.pen = pen;
    }

    static Map<Long, ProbeVis> probes(LevelsPicture p) {
        Map<Long, ProbeVis> out = new HashMap<>();
        if (p.lastGet() != null) {
            for (ProbeVis pr : p.lastGet().probes()) {
                if (!pr.memtable()) {
                    out.put(pr.id(), pr);
                }
            }
        }
        return out;
    }

    /** The level that answered the latest get (found or deleted there), -1 for a memtable or none. */
    static int answeredAt(LevelsPicture p, Map<Long, ProbeVis> probes) {
        if (p.lastGet() == null) {
            return -1;
        }
        for (ProbeVis pr : p.lastGet().probes()) {
            if (pr.verdict().equals("found") || pr.verdict().equals("tombstone")) {
                return pr.memtable() ? -2 : pr.level();
            }
        }
        return -1;
    }

    /** The hovered table, and the tables of the level below whose keys it overlaps. */
    void drawHover(GraphicsContext g, LevelsPicture p, SSTableVis t) {
        LevelLayout.Box hb = t == null ? null : layout.boxes.get(t.id());
        if (hb == null) {
            return;
        }
        g.setStroke(Color.web("#0072B2"));
        g.setLineWidth(3);
        g.strokeRect(hb.x() - 1, hb.y() - 1, hb.w() + 2, hb.h() + 2);
        for (SSTableVis below : p.tables()) {
            if (below.level() == t.level() + 1 && overlaps(t, below)) {
                LevelLayout.Box b = layout.boxes.get(below.id());
                if (b != null) {
                    g.setFill(Color.web("#56B4E9", 0.35));
                    g.fillRect(b.x(), b.y(), b.w(), b.h());
                    g.strokeRect(b.x() - 1, b.y() - 1, Math.max(2, b.w()) + 2, b.h() + 2);
                }
            }
        }
    }

    static boolean overlaps(SSTableVis a, SSTableVis b) {
        if (a.minKey() == null || b.minKey() == null) {
            return false;
        }
        return a.minKey().compareTo(b.maxKey()) <= 0 && b.minKey().compareTo(a.maxKey()) <= 0;
    }

    /** The key's line down through L1 and below; L0's tables that may hold it get a mark. */
    void drawKeyLine(GraphicsContext g, LevelsPicture p) {
        if (p.key() == null) {
            return;
        }
        double x = layout.keyX(p.key());
        if (!Double.isNaN(x)) {
            LevelLayout.Box first = layout.bands.get(1).lane();
            LevelLayout.Box last = layout.bands.get(layout.bands.size() - 1).lane();
            g.setStroke(LevelStage.KEY_LINE);
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.strokeLine(x, first.y(), x, last.y() + last.h());
            g.setLineDashes((double[]) null);
            g.setFill(LevelStage.KEY_LINE);
            g.setFont(pen.bold(pen.font(11)));
            g.setTextBaseline(VPos.TOP);
            boolean right = x < first.x() + first.w() - 80;
            g.setTextAlign(right ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.fillText(Format.shorten(p.key(), 16), x + (right ? 4 : -4), first.y() + 1);
            g.setTextAlign(TextAlignment.LEFT);
        }
        for (SSTableVis t : p.tables()) {
            if (t.level() == 0 && t.minKey() != null && p.key().compareTo(t.minKey()) >= 0
                    && p.key().compareTo(t.maxKey()) <= 0) {
                LevelLayout.Box b = layout.boxes.get(t.id());
                if (b != null) {
                    g.setFill(LevelStage.KEY_LINE);
                    g.fillPolygon(new double[] {b.centerX() - 5, b.centerX() + 5, b.centerX()},
                            new double[] {b.y(), b.y(), b.y() + 7}, 3);
                }
            }
        }
    }

    /** The levels the latest get did not need (it was answered above them) are greyed. */
    void greyUnneeded(GraphicsContext g, int answeredAt, LevelsPicture p) {
        if (p.lastGet() == null || answeredAt == -1) {
            return;
        }
        for (LevelLayout.Band b : layout.bands) {
            if (answeredAt == -2 || b.level() > answeredAt) {
                g.setFill(Color.web("#FFFFFF", 0.55));
                g.fillRect(b.lane().x(), b.lane().y(), b.lane().w(), b.lane().h());
            }
        }
    }
}
