package lsmviz.app.disk;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Draws one table as a big tile, where there is room for one (a few tables in L0, as the lessons
 * have): its number and level, size, keys, key range, the memtable it came from, and its data
 * blocks as segments with the bloom filter, index and footer marked at the end. The table a flush
 * is writing grows block by block.
 */
final class TilePainter {
    static final Color TILE = Color.web("#F4F1EA");
    static final Color TILE_BORDER = Color.web("#6B5E4A");
    static final Color BLOCK = Color.web("#C9B99A");
    static final Color META = Color.web("#6B5E4A");
    static final Color FLUSHING = Color.web("#0072B2");
    static final Color FOUND = Color.web("#009E73");
    static final Color MAYBE = Color.web("#E69F00");
    static final Color TEXT = Color.web("#222222");

    /** Tiles at least this wide and high are drawn whole; smaller ones are boxes or slivers. */
    static final double BIG_W = 104;
    static final double BIG_H = 54;

    private TilePainter() {}

    static boolean big(LevelLayout.Box b) {
        return b.w() >= BIG_W && b.h() >= BIG_H;
    }

    /** The outline colour for what a get said of a table, or {@code otherwise}. */
    static Color colourOf(String verdict, Color otherwise) {
        if (verdict == null) {
            return otherwise;
        }
        return verdict.equals(lsmviz.app.model.VisualState.ASKING) ? FLUSHING
                : verdict.equals("found") || verdict.equals("tombstone") ? FOUND
                : verdict.startsWith("bloom: maybe") ? MAYBE : Color.GRAY;
    }

    static void table(GraphicsContext g, SSTableVis t, LevelLayout.Box b, String verdict, double scale,
            boolean highContrast) {
        double x = b.x() + 2;
        double y = b.y();
        double tw = b.w() - 4;
        double th = b.h();
        g.setFill(TILE);
        g.fillRoundRect(x, y, tw, th, 8, 8);
        g.setStroke(highContrast && verdict == null ? Color.BLACK : colourOf(verdict, TILE_BORDER));
        g.setLineWidth(verdict == null ? (highContrast ? 2.5 : 1.2) : 4);
        if (verdict != null && verdict.startsWith("bloom: no")) {
            g.setLineWidth(2);
            g.setLineDashes(5, 4);
        }
        g.strokeRoundRect(x, y, tw, th, 8, 8);
        g.setLineDashes((double[]) null);
        blocks(g, x, y, tw, th, t.blocks(), t.blocks(), BLOCK, true);
        String from = t.fromMemtable() > 0 ? "from memtable #" + t.fromMemtable() : Format.plural(t.blocks(), "block");
        text(g, x, y, tw, th, scale, "SSTable #" + t.id() + " · L" + t.level(),
                Format.bytes(t.bytes()) + " · " + Format.plural(t.entries(), "key"), Format.keyRange(t.minKey(), t.maxKey()),
                from, verdict);
    }

    static void flushing(GraphicsContext g, FlushVis f, LevelLayout.Box b, double scale) {
        double x = b.x() + 2;
        double y = b.y();
        double tw = b.w() - 4;
        double th = b.h();
        g.setFill(Color.web("#E6F1FA"));
        g.fillRoundRect(x, y, tw, th, 8, 8);
        g.setStroke(FLUSHING);
        g.setLineWidth(3);
        g.setLineDashes(8, 5);
        g.strokeRoundRect(x, y, tw, th, 8, 8);
        g.setLineDashes((double[]) null);
        if (!big(b)) {
            g.setFill(FLUSHING.deriveColor(0, 1, 1, 0.5));
            double done = f.totalRecords() == 0 ? 1 : f.recordsWritten() / (double) f.totalRecords();
            g.fillRect(x + 2, y + th * (1 - done), Math.max(1, tw - 4), th * done);
            return;
        }
        int sealed = f.blocks().size();
        // expected blocks: as many as the records so far suggest for the whole memtable
        int expected = f.recordsWritten() == 0 || sealed == 0 ? Math.max(1, sealed)
                : (int) Math.max(sealed, Math.ceil(sealed * (double) f.totalRecords() / f.recordsWritten()));
        blocks(g, x, y, tw, th, sealed, expected, FLUSHING.deriveColor(0, 1, 1, 0.55), f.written());
        long pct = f.totalRecords() == 0 ? 100 : Math.round(100.0 * f.recordsWritten() / f.totalRecords());
        text(g, x, y, tw, th, scale, "SSTable #" + f.sstableId(), "writing… " + pct + "%",
                f.recordsWritten() + " of " + Format.plural(f.totalRecords(), "record"), "from memtable #" + f.memtableId(),
                null);
    }

    /** Data blocks as segments along the bottom, then the bloom filter, index and footer marks. */
    private static void blocks(GraphicsContext g, double x, double y, double tw, double th, int filled, int total,
            Color color, boolean withMeta) {
        double barH = Math.max(6, Math.min(16, th * 0.16));
        double by = y + th - barH - 5;
        double metaW = withMeta ? Math.min(30, tw * 0.18) : 0;
        double avail = tw - 10 - metaW;
        int segs = Math.min(Math.max(total, 1), (int) Math.max(1, avail / 4));
        double segW = avail / segs;
        int filledSegs = total == 0 ? 0 : (int) Math.round(segs * (filled / (double) total));
        for (int i = 0; i < segs; i++) {
            g.setFill(i < filledSegs ? color : Color.web("#E2DED5"));
            g.fillRect(x + 5 + i * segW, by, Math.max(1, segW - 1.2), barH);
        }
        if (withMeta) {
            double mx = x + 5 + avail + 2;
            double part = (metaW - 4) / 3;
            g.setFill(Color.web("#7A9E7E")); // bloom filter
            g.fillRect(mx, by, part - 1, barH);
            g.setFill(Color.web("#8C7AA9")); // index
            g.fillRect(mx + part, by, part - 1, barH);
            g.setFill(META); // footer
            g.fillRect(mx + 2 * part, by, part - 1, barH);
        }
    }

    /** As many of the lines as the tile has room for, the id always. */
    private static void text(GraphicsContext g, double x, double y, double tw, double th, double scale, String id,
            String l2, String l3, String l4, String verdict) {
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double size = (th >= 90 ? 14 : th >= 60 ? 12.5 : 11) * Math.min(scale, 1.5);
        double line = size * 1.22;
        double room = th - Math.max(6, Math.min(16, th * 0.16)) - 12; // above the block bar
        int lines = (int) Math.max(1, room / line);
        g.setFont(Font.font("System", FontWeight.BOLD, size));
        if (tw < 130 * Math.min(scale, 1.5)) {
            id = id.substring(id.indexOf('#')); // a narrow tile keeps its number, not squeezed words
        }
        g.fillText(id, x + 6, y + 4, tw - 12);
        g.setFont(Font.font("System", size - 1));
        String[] rest = verdict != null ? new String[] {verdict, l2, l3, l4} : new String[] {l2, l4, l3};
        for (int i = 0; i < rest.length && i + 1 < lines; i++) {
            boolean bold = verdict != null && i == 0;
            if (bold) {
                g.setFont(Font.font("System", FontWeight.BOLD, size - 1));
            }
            g.fillText(rest[i], x + 6, y + 4 + (i + 1) * line, tw - 12);
            if (bold) {
                g.setFont(Font.font("System", size - 1));
            }
        }
    }
}
