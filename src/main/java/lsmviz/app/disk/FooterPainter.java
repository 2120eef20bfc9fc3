package lsmviz.app.disk;

import java.util.List;
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
        javafx.scene.text.Font bold = pen.bold(pen.font(12.5));
        g.setFont(bold);
        g.setFill(TilePainter.TEXT);
        String costs = costs(p);
        double costsW = Math.min(w - 12, pen.width(costs, bold));
        g.fillText(costs, 6, y + footerH / 2, costsW);
        double room = w - costsW - 24;
        javafx.scene.text.Font plain = pen.plain(pen.font(12.5));
        if (p.compactionFailure() != null) { // always said, squeezed if it must be
            g.setFill(LevelStage.DUE);
            g.setFont(bold);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("COMPACTION FAILED: " + p.compactionFailure() + " (writes stop)", w - 6, y + footerH / 2,
                    Math.max(40, room));
        } else {
            // the latest get in as many words as fit: never squeezed into a smudge
            for (String right : getSummaries(p, probes, answeredAt)) {
                if (pen.width(right, plain) <= room) {
                    g.setFill(TilePainter.TEXT);
                    g.setFont(plain);
                    g.setTextAlign(TextAlignment.RIGHT);
                    g.fillText(right, w - 6, y + footerH / 2);
                    break;
                }
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
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

    /**
     * What the latest get did ("get k42: found in L2, asked 3 tables (2 ruled out by bloom
     * filter)"), longest wording first, then shorter ones for a narrow footer; empty for no get. */
    static List<String> getSummaries(LevelsPicture p, Map<Long, ProbeVis> probes, int answeredAt) {
        if (p.lastGet() == null) {
            return List.of();
        }
        if (VisualState.ASKING.equals(p.lastGet().outcome())) {
            ProbeVis pr = p.lastGet().probes().get(0);
            String next = pr.memtable() ? "memtable #" + pr.id()
                    : "SSTable #" + pr.id() + (pr.level() >= 0 ? " in L" + pr.level() : "");
            return List.of("a get is paused: next it asks " + next, "get paused: next " + next);
        }
        int asked = probes.size();
        long bloomNo = probes.values().stream().filter(pr -> pr.verdict().startsWith("bloom: no")).count();
        String where = answeredAt == -2 ? "found in a memtable"
                : answeredAt >= 0 ? p.lastGet().outcome() + " in L" + answeredAt : "not found";
        String get = "get " + Format.shorten(p.lastGet().key(), 14) + ": " + where;
        String tables = ", asked " + Format.plural(asked, "table");
        return List.of(get + tables + (bloomNo > 0 ? " (" + bloomNo + " ruled out by bloom filter)" : ""),
                get + tables, get);
    }
}
