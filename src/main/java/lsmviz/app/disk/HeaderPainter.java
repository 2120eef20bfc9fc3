package lsmviz.app.disk;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Each level's band in the level view: its lane, its header (the level, its tables and bytes, a
 * score bar with the compaction threshold marked, the target in words) and, for L0, the free slots
 * up to the stop threshold with the trigger, slowdown and stop marked on them.
 */
final class HeaderPainter {
    private final Pen pen;
    LevelLayout layout;

    HeaderPainter(Pen pen) {
        this.pen = pen;
    }

    void drawBand(GraphicsContext g, LevelLayout.Band b, List<SSTableVis> tables, LevelsPicture p) {
        LevelLayout.Box lane = b.lane();
        LevelLayout.Box hd = b.header();
        g.setFill(b.level() % 2 == 0 ? LevelStage.LANE : LevelStage.LANE_ALT);
        g.fillRect(hd.x(), hd.y(), hd.w() + lane.w(), lane.h());
        g.setStroke(Color.web("#D8D0C0"));
        g.setLineWidth(1);
        g.strokeLine(0, lane.y() + lane.h() - 0.5, lane.x() + lane.w(), lane.y() + lane.h() - 0.5);
        long bytes = 0;
        for (SSTableVis t : tables) {
            bytes += t.bytes();
        }
        LevelHeader head = LevelHeader.of(b.level(), tables.size(), bytes, p.levels());
        drawHeader(g, hd, head);
        if (b.level() == 0) {
            drawL0Slots(g, p);
        } else if (tables.isEmpty() && !hasExtraAt(p, b.level())) {
            g.setFill(Color.GRAY);
            g.setFont(pen.plain(pen.font(12.5)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            boolean tiered = p.levels() != null && p.levels().style().equals("tiered");
            g.fillText(tiered ? "empty (tiered: a new run goes to the deepest free level)"
                    : "empty: compactions from L" + (b.level() - 1) + " fill it", lane.x() + 8, lane.y() + lane.h() / 2,
                    lane.w() - 16);
        }
    }

    static boolean hasExtraAt(LevelsPicture p, int level) {
        return p.compactions().stream().anyMatch(c -> c.outputLevel() == level)
                || p.obsolete().stream().anyMatch(o -> o.table().level() == level);
    }

    /**
     * Line 1: the level and its facts; line 2: the score bar and what it is measured against
     * ("3 of 12" tables for L0, "0.42 of 1.6 MB" below); a third line, where there is room, the
     * thresholds in words.
     */
    void drawHeader(GraphicsContext g, LevelLayout.Box hd, LevelHeader head) {
        double size = pen.font(12.5);
        double line = size * 1.25;
        double x = hd.x() + 5;
        double y = hd.y() + 3;
        double maxW = hd.w() - 8;
        int lines = (int) ((hd.h() - 6) / line);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(TilePainter.TEXT);
        g.setFont(pen.bold(size * 1.1));
        g.fillText(head.name(), x, y, maxW);
        double nameW = size * 1.1 * 0.62 * head.name().length() + 6;
        g.setFont(pen.plain(size * 0.95));
        g.fillText(head.facts(), x + nameW, y + size * 0.08, maxW - nameW);
        y += line;
        if (lines >= 2) {
            drawBar(g, head, x, y + 2, maxW, Math.max(5, size * 0.55));
            y += line;
        }
        if (lines >= 3 && !head.target().isEmpty()) {
            g.setFill(Color.web("#555555"));
            g.setFont(pen.plain(size * 0.9));
            g.fillText(head.target(), x, y, maxW);
        }
    }

    void drawBar(GraphicsContext g, LevelHeader head, double x, double y, double bw, double bh) {
        if (head.marks().length == 0 && head.scoreText().isEmpty()) {
            return;
        }
        double barW = bw * 0.42;
        g.setFill(Color.web("#E2DED5"));
        g.fillRect(x, y, barW, bh);
        g.setFill(head.due() ? LevelStage.DUE : LevelStage.FILL);
        g.fillRect(x, y, barW * head.fill(), bh);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.5);
        for (double m : head.marks()) {
            g.strokeLine(x + barW * m, y - 2, x + barW * m, y + bh + 2);
        }
        g.setFill(head.due() ? LevelStage.DUE : TilePainter.TEXT);
        g.setFont(head.due() ? pen.bold(pen.font(11)) : pen.plain(pen.font(11)));
        g.setTextBaseline(VPos.CENTER);
        g.fillText(head.scoreText(), x + barW + 4, y + bh / 2, bw - barW - 4);
        g.setTextBaseline(VPos.TOP);
    }

    /** L0's free slots up to the stop threshold, dashed, with the trigger, slowdown and stop marked. */
    void drawL0Slots(GraphicsContext g, LevelsPicture p) {
        if (p.levels() == null) {
            return;
        }
        int used = (int) p.tables().stream().filter(t -> t.level() == 0).count() + (p.flush() != null ? 1 : 0)
                + (int) p.obsolete().stream().filter(o -> o.table().level() == 0).count();
        LevelLayout.Box lane = layout.bands.get(0).lane();
        int slots = (int) Math.round(lane.w() / layout.l0Slot);
        g.setStroke(Color.web("#C8C0B0"));
        g.setLineWidth(1);
        g.setLineDashes(4, 4);
        for (int i = used; i < slots; i++) {
            LevelLayout.Box s = layout.l0SlotBox(i);
            if (s.w() >= 6) {
                g.strokeRect(s.x() + 2, s.y(), s.w() - 4, s.h());
            }
        }
        g.setLineDashes((double[]) null);
        boolean leveled = p.levels().style().equals("leveled");
        if (leveled) {
            mark(g, p.levels().l0Trigger(), "compact", Color.web("#0072B2"));
        }
        mark(g, p.levels().l0Slowdown(), "slow", Color.web("#E69F00"));
        mark(g, p.levels().l0Stop(), "stop", LevelStage.DUE);
    }

    void mark(GraphicsContext g, int tables, String what, Color c) {
        LevelLayout.Box s = layout.l0SlotBox(tables);
        LevelLayout.Box lane = layout.bands.get(0).lane();
        if (s.x() > lane.x() + lane.w() + 1) {
            return;
        }
        double x = Math.min(s.x(), lane.x() + lane.w() - 1);
        g.setStroke(c);
        g.setLineWidth(2.5);
        g.strokeLine(x, lane.y() + 2, x, lane.y() + lane.h() - 2);
        g.setFill(c);
        g.setFont(pen.bold(pen.font(10.5)));
        boolean room = x + 60 < lane.x() + lane.w();
        g.setTextAlign(room ? TextAlignment.LEFT : TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(what + " " + tables, room ? x + 3 : x - 3, lane.y() + lane.h() - 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
    }
}
