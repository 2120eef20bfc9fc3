package lsmviz.app.disk;

import java.util.List;
import java.util.function.LongConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * The shelf of SSTables, newest first, each tile with its id, size, key range, the memtable it
 * came from, and its data blocks drawn as segments with the index, bloom filter and footer marked
 * at the end; the table a flush is writing grows block by block in the first place. Drawn on one
 * Canvas (measured: nodes fall to about 36 pulses/s at 5,000 nodes in software rendering, a Canvas
 * holds about 54), so a thousand tables cost one draw. Tiles shrink as tables multiply; every tile
 * big enough for a number keeps its "#N".
 */
public final class Shelf extends Pane {
    static final Color TILE = Color.web("#F4F1EA");
    static final Color TILE_BORDER = Color.web("#6B5E4A");
    static final Color BLOCK = Color.web("#C9B99A");
    static final Color META = Color.web("#6B5E4A");
    static final Color FLUSHING = Color.web("#0072B2");
    static final Color FOUND = Color.web("#009E73");
    static final Color MAYBE = Color.web("#E69F00");
    static final Color TEXT = Color.web("#222222");

    private final Canvas canvas = new Canvas();
    private DiskViewModel.Shelf shelf = DiskViewModel.Shelf.EMPTY;
    private Tiling tiling;
    private long draws;
    private double textScale = 1.0;
    private boolean highContrast;
    private int[] pixels = new int[0];
    private javafx.scene.image.WritableImage image;

    public Shelf() {
        getChildren().add(canvas);
        setMinHeight(40);
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    /** Called with a table's id when the user clicks its tile. */
    public void setOnInspect(LongConsumer onInspect) {
        canvas.setOnMouseClicked(e -> {
            Long id = tableAt(e.getX(), e.getY());
            if (id != null) {
                onInspect.accept(id);
            }
        });
    }

    public void show(DiskViewModel.Shelf s) {
        shelf = s;
        draw();
    }

    /** Scales the text drawn on the shelf with the window's text size. */
    public void setTextScale(double scale) {
        textScale = scale;
        draw();
    }

    /** Stronger outlines and black text for a washed-out projector. */
    public void setHighContrast(boolean on) {
        highContrast = on;
        draw();
    }

    /** How many draws so far (for tests and the performance overlay). */
    public long draws() {
        return draws;
    }

    /** The id of the SSTable drawn at (x, y), or null. */
    public Long tableAt(double x, double y) {
        if (tiling == null) {
            return null;
        }
        int i = tiling.indexAt(x, y);
        int t = i - (shelf.flush() != null ? 1 : 0);
        return i < 0 || t < 0 || t >= shelf.tables().size() || i >= tiling.capacity ? null : shelf.tables().get(t).id();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w < 10 || h < 10) {
            return;
        }
        draws++;
        FlushVis flush = shelf.flush();
        List<SSTableVis> tables = shelf.tables();
        int count = shelf.tiles();
        tiling = Tiling.fit(count, w, h);
        if (count == 0) {
            g.setFill(Color.GRAY);
            g.setFont(Font.font(15 * textScale));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("No SSTables yet: a flush writes the oldest immutable memtable here.", 12, 12, w - 24);
            return;
        }
        if (tiling.tileH < 22) {
            drawSmallTiles(g, (int) w, (int) h);
        } else {
            int i = 0;
            if (flush != null) {
                drawFlushing(g, flush, tiling.x(i), tiling.y(i), tiling.tileW, tiling.tileH);
                i++;
            }
            for (SSTableVis t : tables) {
                if (i >= tiling.capacity) {
                    break;
                }
                drawTable(g, t, tiling.x(i), tiling.y(i), tiling.tileW, tiling.tileH, shelf.verdicts().get(t.id()));
                i++;
            }
        }
        if (count > tiling.capacity) {
            g.setFill(TEXT);
            g.setFont(Font.font(13 * textScale));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText("+ " + Format.count(count - tiling.capacity) + " more SSTables (deeper levels last)", w - 6, h - 2);
        }
    }

    /**
     * Hundreds or thousands of small tiles: filled into a pixel buffer and drawn as one image, so
     * the (software) renderer rasterises one picture instead of a shape per table; each tile wide
     * enough for it then gets its number.
     */
    private void drawSmallTiles(GraphicsContext g, int w, int h) {
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new javafx.scene.image.WritableImage(w, h);
            pixels = new int[w * h];
        } else {
            java.util.Arrays.fill(pixels, 0);
        }
        int i = 0;
        if (shelf.flush() != null) {
            fillTile(i++, argb(FLUSHING), w, h);
        }
        for (SSTableVis t : shelf.tables()) {
            if (i >= tiling.capacity) {
                break;
            }
            fillTile(i++, argb(colourOf(shelf.verdicts().get(t.id()), BLOCK)), w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbPreInstance(), pixels, 0,
                w);
        g.drawImage(image, 0, 0);
        labelSmallTiles(g);
    }

    /** The "#N" of each small tile that has room for it. */
    private void labelSmallTiles(GraphicsContext g) {
        double size = Math.min(tiling.tileH - 3, 11) * Math.min(textScale, 1.3);
        if (size < 7) {
            return;
        }
        g.setFont(Font.font("System", FontWeight.BOLD, size));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        int i = shelf.flush() != null ? 1 : 0;
        for (SSTableVis t : shelf.tables()) {
            if (i >= tiling.capacity) {
                break;
            }
            String id = "#" + t.id() + " L" + t.level();
            if (id.length() * size * 0.62 <= tiling.tileW - 2) {
                g.fillText(id, tiling.x(i) + tiling.tileW / 2, tiling.y(i) + tiling.tileH / 2);
            }
            i++;
        }
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

    private static Color colourOf(String verdict, Color otherwise) {
        if (verdict == null) {
            return otherwise;
        }
        return verdict.equals("found") || verdict.equals("tombstone") ? FOUND
                : verdict.startsWith("bloom: maybe") ? MAYBE : Color.GRAY;
    }

    private void drawTable(GraphicsContext g, SSTableVis t, double x, double y, double tw, double th, String verdict) {
        g.setFill(TILE);
        g.fillRoundRect(x, y, tw, th, 8, 8);
        g.setStroke(highContrast && verdict == null ? Color.BLACK : colourOf(verdict, TILE_BORDER));
        g.setLineWidth(verdict == null ? (highContrast ? 2.5 : 1.2) : 4);
        g.strokeRoundRect(x, y, tw, th, 8, 8);
        drawBlocks(g, x, y, tw, th, t.blocks(), t.blocks(), BLOCK, true);
        String from = t.fromMemtable() > 0 ? "from memtable #" + t.fromMemtable() : Format.plural(t.blocks(), "block");
        drawText(g, x, y, tw, th, "SSTable #" + t.id() + " · L" + t.level(), Format.bytes(t.bytes()) + " · " + Format.plural(t.entries(), "key"),
                Format.keyRange(t.minKey(), t.maxKey()), from, verdict);
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
                f.recordsWritten() + " of " + Format.plural(f.totalRecords(), "record"), "from memtable #" + f.memtableId(),
                null);
    }

    /** Data blocks as segments along the bottom, then the bloom filter, index and footer marks. */
    private static void drawBlocks(GraphicsContext g, double x, double y, double tw, double th, int filled, int total,
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
    private void drawText(GraphicsContext g, double x, double y, double tw, double th, String id, String l2, String l3,
            String l4, String verdict) {
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double size = (th >= 90 ? 14 : th >= 60 ? 12.5 : 11) * Math.min(textScale, 1.5);
        double line = size * 1.22;
        double room = th - Math.max(6, Math.min(16, th * 0.16)) - 12; // above the block bar
        int lines = (int) Math.max(1, room / line);
        g.setFont(Font.font("System", FontWeight.BOLD, size));
        if (tw < 110) {
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
            double[][] sizes = {{190, 118, 10}, {160, 92, 8}, {120, 64, 6}, {84, 40, 5}, {44, 24, 3}, {30, 16, 2},
                {22, 14, 2}, {12, 9, 2}};
            Tiling t = null;
            for (double[] s : sizes) {
                if (s[1] > h && s != sizes[sizes.length - 1]) {
                    continue; // taller than the shelf: the tile would be cut at the bottom
                }
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
