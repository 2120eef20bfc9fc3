package lsmviz.app.disk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Disk: SSTables as files on a shelf, newest first, each with its id, size, key range and its
 * data blocks drawn as segments, with the index, bloom filter and footer marked at the end. Drawn
 * on one Canvas (measured: nodes fall to about 36 pulses/s at 5,000 nodes in software rendering,
 * a Canvas holds about 54), so a thousand tables cost one draw a pulse. The table a flush is
 * writing grows block by block in the first place on the shelf. Tiles shrink as tables multiply;
 * the shelf is one row per level, level 0 for now.
 */
public final class DiskView extends VBox {
    static final Color TILE = Color.web("#F4F1EA");
    static final Color TILE_BORDER = Color.web("#6B5E4A");
    static final Color BLOCK = Color.web("#C9B99A");
    static final Color META = Color.web("#6B5E4A");
    static final Color FLUSHING = Color.web("#0072B2");
    static final Color FOUND = Color.web("#009E73");
    static final Color MAYBE = Color.web("#E69F00");
    static final Color TEXT = Color.web("#222222");

    private final Label title = new Label("Disk");
    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas) {
        @Override
        protected void layoutChildren() {
            if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
                canvas.setWidth(getWidth());
                canvas.setHeight(getHeight());
                draw();
            }
        }
    };
    private VisualState state;
    private Tiling tiling;
    private LongConsumer onInspect = id -> { };
    private long draws;
    private double textScale = 1.0;
    private boolean highContrast;

    /** Scales the text drawn on the shelf with the window's font scale. */
    public void setTextScale(double scale) {
        textScale = scale;
        draw();
    }

    /** Stronger outlines and black text for a washed-out projector. */
    public void setHighContrast(boolean on) {
        highContrast = on;
        draw();
    }

    public DiskView() {
        getStyleClass().add("disk-view");
        setSpacing(8);
        title.getStyleClass().add("section-title");
        holder.getStyleClass().add("shelf");
        holder.setMinHeight(40);
        VBox.setVgrow(holder, Priority.ALWAYS);
        getChildren().addAll(title, holder);
        canvas.setOnMouseClicked(e -> {
            Long id = tableAt(e.getX(), e.getY());
            if (id != null) {
                onInspect.accept(id);
            }
        });
    }

    public void setOnInspect(LongConsumer onInspect) {
        this.onInspect = onInspect;
    }

    public void show(VisualState s) {
        state = s;
        int n = s.sstables().size();
        title.setText("Disk · level 0: " + n + (n == 1 ? " SSTable, " : " SSTables, ") + Format.bytes(s.bytesOnDisk())
                + (s.flush() != null ? "  ·  writing SSTable #" + s.flush().sstableId() : ""));
        draw();
    }

    /** How many draws so far (for tests and the performance overlay). */
    public long draws() {
        return draws;
    }

    /** The id of the SSTable drawn at (x, y), or null. */
    public Long tableAt(double x, double y) {
        if (tiling == null || state == null) {
            return null;
        }
        int i = tiling.indexAt(x, y);
        int offset = state.flush() != null ? 1 : 0;
        int t = i - offset;
        return i < 0 || t < 0 || t >= state.sstables().size() ? null : state.sstables().get(t).id();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (state == null || w < 10 || h < 10) {
            return;
        }
        draws++;
        FlushVis flush = state.flush();
        List<SSTableVis> tables = state.sstables();
        int count = tables.size() + (flush != null ? 1 : 0);
        tiling = Tiling.fit(count, w, h);
        Map<Long, String> verdicts = new HashMap<>();
        if (state.lastGet() != null) {
            for (ProbeVis p : state.lastGet().probes()) {
                if (!p.memtable()) {
                    verdicts.put(p.id(), p.verdict());
                }
            }
        }
        if (count == 0) {
            g.setFill(Color.GRAY);
            g.setFont(Font.font(18));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("No SSTables yet: a flush writes the oldest immutable memtable here.", 12, 12);
            return;
        }
        int i = 0;
        if (tiling.tileH < 22) {
            drawSmallTiles(g, flush, tables, verdicts, (int) w, (int) h);
            i = Math.min(count, tiling.capacity);
        } else if (flush != null) {
            drawFlushing(g, flush, tiling.x(i), tiling.y(i), tiling.tileW, tiling.tileH);
            i++;
        }
        for (SSTableVis t : i >= count ? List.<SSTableVis>of() : tables) {
            if (i >= tiling.capacity) {
                break;
            }
            drawTable(g, t, tiling.x(i), tiling.y(i), tiling.tileW, tiling.tileH, verdicts.get(t.id()));
            i++;
        }
        if (count > tiling.capacity) {
            g.setFill(TEXT);
            g.setFont(Font.font(14));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText("+ " + Format.count(count - tiling.capacity) + " older SSTables", w - 6, h - 2);
        }
    }

    private int[] pixels = new int[0];
    private javafx.scene.image.WritableImage image;

    /**
     * Hundreds or thousands of small tiles: filled into a pixel buffer and drawn as one image, so
     * the (software) renderer rasterises one picture instead of a shape per table.
     */
    private void drawSmallTiles(GraphicsContext g, FlushVis flush, List<SSTableVis> tables, Map<Long, String> verdicts,
            int w, int h) {
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new javafx.scene.image.WritableImage(w, h);
            pixels = new int[w * h];
        } else {
            java.util.Arrays.fill(pixels, 0);
        }
        int i = 0;
        if (flush != null) {
            fillTile(i++, argb(FLUSHING), w, h);
        }
        int plain = argb(BLOCK);
        int found = argb(FOUND);
        int maybe = argb(MAYBE);
        for (SSTableVis t : tables) {
            if (i >= tiling.capacity) {
                break;
            }
            String v = verdicts.get(t.id());
            fillTile(i++, v == null ? plain : v.equals("found") || v.equals("tombstone") ? found
                    : v.startsWith("bloom: maybe") ? maybe : plain, w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbPreInstance(), pixels, 0,
                w);
        g.drawImage(image, 0, 0);
    }

    private void fillTile(int i, int color, int w, int h) {
        int x0 = (int) tiling.x(i);
        int y0 = (int) tiling.y(i);
        int x1 = Math.min(w, (int) (tiling.x(i) + tiling.tileW));
        int y1 = Math.min(h, (int) (tiling.y(i) + tiling.tileH));
        for (int y = y0; y < y1; y++) {
            java.util.Arrays.fill(pixels, y * w + x0, y * w + Math.max(x0, x1), color);
        }
    }

    private static int argb(Color c) {
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private void drawTable(GraphicsContext g, SSTableVis t, double x, double y, double tw, double th, String verdict) {
        if (th < 22) {
            // small tiles: one rectangle each (a thousand of them draw in a few milliseconds)
            g.setFill(verdict == null ? BLOCK : verdict.equals("found") || verdict.equals("tombstone") ? FOUND
                    : verdict.startsWith("bloom: maybe") ? MAYBE : Color.GRAY);
            g.fillRect(x, y, tw, th);
            return;
        }
        g.setFill(TILE);
        g.fillRoundRect(x, y, tw, th, 8, 8);
        Color border = verdict == null ? TILE_BORDER
                : verdict.equals("found") || verdict.equals("tombstone") ? FOUND
                : verdict.startsWith("bloom: maybe") ? MAYBE : Color.GRAY;
        g.setStroke(highContrast && verdict == null ? Color.BLACK : border);
        g.setLineWidth(verdict == null ? (highContrast ? 2.5 : 1.2) : 4);
        g.strokeRoundRect(x, y, tw, th, 8, 8);
        drawBlocks(g, x, y, tw, th, t.blocks(), t.blocks(), BLOCK, true);
        drawText(g, x, y, tw, th, "SSTable #" + t.id(), Format.bytes(t.bytes()) + " · " + Format.count(t.entries())
                + " keys", Format.keyRange(t.minKey(), t.maxKey()), verdict);
    }

    private void drawFlushing(GraphicsContext g, FlushVis f, double x, double y, double tw, double th) {
        g.setFill(Color.web("#E6F1FA"));
        g.fillRoundRect(x, y, tw, th, 8, 8);
        g.setStroke(FLUSHING);
        g.setLineWidth(3);
        g.setLineDashes(8, 5);
        g.strokeRoundRect(x, y, tw, th, 8, 8);
        g.setLineDashes((double[]) null);
        int sealed = f.blocks().size();
        // expected blocks: as many as the records so far suggest for the whole memtable
        int expected = f.recordsWritten() == 0 || sealed == 0 ? Math.max(1, sealed)
                : (int) Math.max(sealed, Math.ceil(sealed * (double) f.totalRecords() / f.recordsWritten()));
        drawBlocks(g, x, y, tw, th, sealed, expected, FLUSHING.deriveColor(0, 1, 1, 0.55), f.written());
        long pct = f.totalRecords() == 0 ? 100 : Math.round(100.0 * f.recordsWritten() / f.totalRecords());
        drawText(g, x, y, tw, th, "SSTable #" + f.sstableId(), "writing… " + pct + "%",
                "from memtable #" + f.memtableId(), null);
    }

    /** Data blocks as segments along the bottom, then the index, bloom and footer marks. */
    private static void drawBlocks(GraphicsContext g, double x, double y, double tw, double th, int filled, int total,
            Color color, boolean withMeta) {
        if (th < 22) {
            // tiny tiles: a fill level only
            g.setFill(color);
            double frac = total == 0 ? 0 : filled / (double) total;
            g.fillRect(x + 2, y + th - 5, (tw - 4) * frac, 3);
            return;
        }
        double barH = Math.max(6, Math.min(16, th * 0.18));
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

    private void drawText(GraphicsContext g, double x, double y, double tw, double th, String l1, String l2,
            String l3, String verdict) {
        if (th < 34 || tw < 60) {
            return;
        }
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double size = (th >= 90 ? 16 : th >= 60 ? 13 : 11) * Math.min(textScale, th >= 90 ? 1.3 : 1.1);
        g.setFont(Font.font("System", FontWeight.BOLD, size));
        g.fillText(l1, x + 6, y + 4, tw - 12);
        if (th >= 60) {
            g.setFont(Font.font(size - 2));
            g.fillText(l2, x + 6, y + 6 + size, tw - 12);
        }
        if (th >= 90) {
            g.fillText(l3, x + 6, y + 8 + 2 * size, tw - 12);
            if (verdict != null) {
                g.setFont(Font.font("System", FontWeight.BOLD, size - 3));
                g.fillText(verdict, x + 6, y + 10 + 3 * size, tw - 12);
            }
        }
    }

    /** Where tiles go: the largest size (of a few) at which all tables fit, or the smallest. */
    static final class Tiling {
        final double tileW;
        final double tileH;
        final double gap;
        final int cols;
        final int capacity;

        private Tiling(double tileW, double tileH, double gap, double w, double h) {
            this.tileW = tileW;
            this.tileH = tileH;
            this.gap = gap;
            this.cols = Math.max(1, (int) ((w + gap) / (tileW + gap)));
            int rows = Math.max(1, (int) ((h + gap) / (tileH + gap)));
            this.capacity = cols * rows;
        }

        static Tiling fit(int n, double w, double h) {
            double[][] sizes = {{200, 118, 10}, {160, 92, 8}, {120, 64, 6}, {84, 40, 5}, {44, 24, 3}, {22, 14, 2},
                {12, 9, 2}};
            Tiling t = null;
            for (double[] s : sizes) {
                t = new Tiling(s[0], s[1], s[2], w, h);
                if (t.capacity >= n) {
                    return t;
                }
            }
            return t;
        }

        double x(int i) {
            return (i % cols) * (tileW + gap);
        }

        double y(int i) {
            return (i / cols) * (tileH + gap);
        }

        int indexAt(double px, double py) {
            int c = (int) (px / (tileW + gap));
            int r = (int) (py / (tileH + gap));
            if (c >= cols || px - c * (tileW + gap) > tileW || py - r * (tileH + gap) > tileH) {
                return -1;
            }
            return r * cols + c;
        }
    }
}
