package lsmviz.app.disk;

import java.util.Locale;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState;
import lsmviz.engine.inspect.LevelsReport;

/**
 * The level view's bottom line: what the tree costs (write, read and space amplification, from the
 * engine's report) and what the latest get did, or that a compaction failed.
 */
final class FooterPainter {
    private final Pen pen;
    LevelLayout layout;

    FooterPainter(Pen pen) {
        this.pen = pen;
    }

    void drawFooter(GraphicsContext g, LevelsPicture p, double w, double h, double footerH,
            Map<Long, ProbeVis> probes, int answeredAt) {
        double y = h - footerH;
        g.setFill(Color.web("#EFEAE0"));
        g.fillRect(0, y, w, footerH);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(pen.bold(pen.font(12.5)));
        g.setFill(TilePainter.TEXT);
        String costs = costs(p);
        double costsW = Math.min(w * 0.58, costs.length() * pen.font(12.5) * 0.56);
        g.fillText(costs, 6, y + footerH / 2, costsW);
        String right = p.compactionFailure() != null ? "COMPACTION FAILED: " + p.compactionFailure() + " (writes stop)"
                : getSummary(p, probes, answeredAt);
        if (right != null) {
            g.setFill(p.compactionFailure() != null ? LevelStage.DUE : TilePainter.TEXT);
            g.setFont(pen.plain(pen.font(12.5)));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(right, w - 6, y + footerH / 2, Math.max(40, w - costsW - 24));
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.setTextBaseline(VPos.TOP);
    }

    /**
     * "write amp 2.31 · read amp 5 runs · space amp ≈ 1.10", from the engine's last report. Space
     * amplification is estimated as RocksDB's tuning guide does for leveled compaction: all bytes
     * over the largest level's (measuring it exactly reads every table: the Costs tab's job).
     */
    static String costs(LevelsPicture p) {
        if (p.levels() == null) {
            return "";
        }
        LevelsReport r = p.levels().report();
        long last = 0; // the largest level: in a settled leveled tree, the last one
        for (LevelsReport.Level l : r.levels()) {
            last = Math.max(last, l.bytes());
        }
        String space = last > 0 && r.diskBytes() > 0
                ? String.format(Locale.ROOT, " · space amp ≈ %.2f", r.diskBytes() / (double) last) : "";
        return String.format(Locale.ROOT, "write amp %.2f · read amp %d %s%s", r.writeAmplification(),
                r.readAmplification(), r.readAmplification() == 1 ? "run" : "runs", space);
    }

    /** "get k42: found in L2 (#57), asked 3 tables (2 said no by bloom filter)". */
    static String getSummary(LevelsPicture p, Map<Long, ProbeVis> probes, int answeredAt) {
        if (p.lastGet() == null) {
            return null;
        }
        if (VisualState.ASKING.equals(p.lastGet().outcome())) {
            ProbeVis pr = p.lastGet().probes().get(0);
            return "a get is paused: next it asks " + (pr.memtable() ? "memtable #" + pr.id()
                    : "SSTable #" + pr.id() + (pr.level() >= 0 ? " in L" + pr.level() : ""));
        }
        int asked = probes.size();
        long bloomNo = probes.values().stream().filter(pr -> pr.verdict().startsWith("bloom: no")).count();
        String where = answeredAt == -2 ? "found in a memtable"
                : answeredAt >= 0 ? p.lastGet().outcome() + " in L" + answeredAt : "not found";
        return "get " + Format.shorten(p.lastGet().key(), 14) + ": " + where + ", asked "
                + Format.plural(asked, "table") + (bloomNo > 0 ? " (" + bloomNo + " ruled out by bloom filter)" : "");
    }
}
