package lsmviz.app.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import lsmviz.app.ThreadColors;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.ObsoleteVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * The levels, drawn on one Canvas (a node per table fell to about 36 pulses/s at 5,000 nodes in
 * software rendering; one Canvas holds the frame rate). One band per level, L0 on top, each with
 * its header (tables, bytes, target, a score bar with the compaction threshold marked; L0 against
 * its trigger, slowdown and stop). L0's tables stand side by side, newest first, as tiles while
 * there is room; L1 and below lay their tables out along one key axis ({@link LevelLayout}), thin
 * slivers when there are hundreds. Over that: the compactions under way (inputs lit in the
 * compactor's colour, outputs growing on the target level), obsolete tables hatched with their
 * readers, the latest get's probes with the bloom filter's verdicts, and the key line. The bottom
 * line says what the tree costs (write, read and space amplification) and what the latest get did.
 */
public final class LevelStage extends Pane {
    static final Color LANE = Color.web("#FBF9F4");
    static final Color LANE_ALT = Color.web("#F3EFE6");
    static final Color SLIVER = Color.web("#B9A784");
    static final Color SLIVER_BORDER = Color.web("#8A7A5C");
    static final Color OBSOLETE = Color.web("#9A9A9A");
    static final Color KEY_LINE = Color.web("#D55E00");
    static final Color DUE = Color.web("#D55E00");
    static final Color FILL = Color.web("#56B4E9");

    private final Canvas canvas = new Canvas();
    private final SmallBoxes small = new SmallBoxes();
    private final Pen pen = new Pen(canvas.getGraphicsContext2D());
    private LevelsPicture picture = LevelsPicture.EMPTY;
    private LevelLayout layout;
    private LevelLayout.Mode mode = LevelLayout.Mode.BY_KEY;
    private long draws;
    private Long hovered;
    /** Every table drawn, by id, with its level (live, being written or obsolete). */
    private final Map<Long, SSTableVis> drawn = new HashMap<>();
    /** Up to this many tables a trivial move's table slides down to its new level (above, it jumps). */
    static final int SLIDE_AT_MOST = 100;
    private final Slides slides = new Slides();
    private final AnimationTimer slideTimer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            draw();
        }
    };
    private final HeaderPainter headers = new HeaderPainter(pen);
    private final CompactionPainter compactions = new CompactionPainter(pen, drawn);
    private final ReadPainter reads = new ReadPainter(pen);
    private final FooterPainter footer = new FooterPainter(pen);

    public LevelStage() {
        getChildren().add(canvas);
        setMinHeight(40);
        canvas.setOnMouseMoved(e -> {
            Long id = tableAt(e.getX(), e.getY());
            if (!java.util.Objects.equals(id, hovered)) {
                hovered = id;
                draw();
            }
        });
        canvas.setOnMouseExited(e -> {
            if (hovered != null) {
                hovered = null;
                draw();
            }
        });
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    /** Called with a table's id when the user clicks it (a tile or a sliver). */
    public void setOnInspect(LongConsumer onInspect) {
        canvas.setOnMouseClicked(e -> {
            Long id = tableAt(e.getX(), e.getY());
            if (id != null) {
                onInspect.accept(id);
            }
        });
    }

    public void show(LevelsPicture p) {
        picture = p;
        draw();
    }

    /** Lays L1 and below out by key range (the same key at the same x on every level) or by size. */
    public void setMode(LevelLayout.Mode m) {
        mode = m;
        draw();
    }

    public LevelLayout.Mode mode() {
        return mode;
    }

    public void setTextScale(double scale) {
        pen.textScale = scale;
        draw();
    }

    public void setHighContrast(boolean on) {
        pen.highContrast = on;
        draw();
    }

    /** How many draws so far (for tests and the performance overlay). */
    public long draws() {
        return draws;
    }

    /** The id of the table drawn at (x, y), live or obsolete, or null. */
    public Long tableAt(double x, double y) {
        if (layout == null) {
            return null;
        }
        Long best = null;
        double bestW = Double.MAX_VALUE;
        for (Map.Entry<Long, LevelLayout.Box> e : layout.boxes.entrySet()) {
            LevelLayout.Box b = e.getValue();
            // a sliver is hard to hit: allow two pixels either side
            // live tables only (drawn holds them): a scan of the table list here made every mouse move O(n²)
            if (x >= b.x() - 2 && x < b.x() + b.w() + 2 && y >= b.y() && y < b.y() + b.h() && b.w() < bestW
                    && drawn.containsKey(e.getKey())) {
                best = e.getKey();
                bestW = b.w();
            }
        }
        return best;
    }

    /** Where table {@code id} is drawn (for tests), or null. */
    public javafx.geometry.Rectangle2D boxOf(long id) {
        LevelLayout.Box b = layout == null ? null : layout.boxes.get(id);
        return b == null ? null : new javafx.geometry.Rectangle2D(b.x(), b.y(), b.w(), b.h());
    }

    /** The tables sliding down a level now, after a trivial move (for tests). */
    public java.util.Set<Long> sliding() {
        return java.util.Set.copyOf(slides.ids());
    }

    /** How many tables have slid down a level so far (for tests). */
    public long slidesStarted() {
        return slides.started();
    }

    /** Where the levels' bands are, L0 first (for tests). */
    public List<javafx.geometry.Rectangle2D> bands() {
        List<javafx.geometry.Rectangle2D> out = new ArrayList<>();
        if (layout != null) {
            for (LevelLayout.Band b : layout.bands) {
                out.add(new javafx.geometry.Rectangle2D(b.header().x(), b.header().y(), b.header().w() + b.lane().w(),
                        b.lane().h()));
            }
        }
        return out;
    }

    /** The x of {@code key} in L1 and below (by key), or NaN. */
    public double keyX(String key) {
        return layout == null ? Double.NaN : layout.keyX(key);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        LevelLayout beforeLayout = layout;
        layout = null;
        if (w < 10 || h < 10) {
            return;
        }
        draws++;
        LevelsPicture p = picture;
        if (p.tables().isEmpty() && p.flush() == null && p.levels() == null && p.compactions().isEmpty()) {
            g.setFill(Color.GRAY);
            g.setFont(pen.plain(pen.font(15)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("No SSTables yet: a flush writes the oldest immutable memtable here, into L0.", 12, 12, w - 24);
            return;
        }
        double footerH = pen.font(15) * 1.35 + 4;
        double headerW = Math.min(w * 0.28, pen.font(150));
        int deepest = p.deepestLevel();
        List<List<SSTableVis>> levels = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            levels.add(new ArrayList<>());
        }
        boolean slide = p.tables().size() <= SLIDE_AT_MOST;
        Map<Long, SSTableVis> before = slide ? new HashMap<>(drawn) : Map.of();
        drawn.clear();
        for (SSTableVis t : p.tables()) {
            levels.get(Math.min(deepest, t.level())).add(t);
            drawn.put(t.id(), t);
        }
        List<SSTableVis> extra = new ArrayList<>();
        for (CompactionVis c : p.compactions()) {
            if (!c.installed()) {
                for (SSTableVis o : c.outputs()) {
                    extra.add(o.atLevel(c.outputLevel()));
                }
            }
        }
        for (ObsoleteVis o : p.obsolete()) {
            extra.add(o.table());
        }
        int l0Slots = p.levels() == null ? 4 : Math.max(p.levels().l0Stop(), p.levels().l0Trigger());
        layout = LevelLayout.of(levels, extra, w, h - footerH, headerW, l0Slots, p.flush() != null, mode);
        headers.layout = layout;
        compactions.layout = layout;
        reads.layout = layout;
        long now = System.nanoTime();
        if (slide) {
            slides.notice(before, beforeLayout, p.tables(), now);
        } else {
            slides.clear();
        }
        Map<Long, ProbeVis> probes = ReadPainter.probes(p);
        int answeredAt = ReadPainter.answeredAt(p, probes);
        for (LevelLayout.Band b : layout.bands) {
            headers.drawBand(g, b, levels.get(b.level()), p);
        }
        if (p.flush() != null) {
            TilePainter.flushing(g, p.flush(), layout.l0SlotBox(0), pen.textScale);
        }
        small.clear((int) w, (int) h);
        for (SSTableVis t : p.tables()) {
            LevelLayout.Box b = layout.boxes.get(t.id());
            if (b != null && !TilePainter.big(b) && !slides.ids().contains(t.id())) {
                boolean sliver = b.w() < 10;
                small.box(b, sliver ? SLIVER : TilePainter.TILE, pen.highContrast ? Color.BLACK : SLIVER_BORDER, !sliver);
            }
        }
        g.drawImage(small.image(), 0, 0);
        for (SSTableVis t : p.tables()) {
            if (!slides.ids().contains(t.id())) {
                drawTable(g, t, probes.get(t.id()), p.compactionReading(t.id()));
            }
        }
        for (long id : slides.ids()) {
            drawSliding(g, drawn.get(id), now);
        }
        for (ObsoleteVis o : p.obsolete()) {
            compactions.drawObsolete(g, o);
        }
        for (CompactionVis c : p.compactions()) {
            compactions.drawCompaction(g, c);
        }
        reads.drawHover(g, p, hovered == null ? null : drawn.get(hovered));
        reads.drawKeyLine(g, p);
        reads.greyUnneeded(g, answeredAt, p);
        footer.drawFooter(g, p, w, h, footerH, probes, answeredAt);
        if (slides.any()) {
            slideTimer.start(); // the next frames draw the slide on
        } else {
            slideTimer.stop();
        }
    }

    /** A table a trivial move took down a level, on its way from where it was, labelled with where it goes. */
    private void drawSliding(GraphicsContext g, SSTableVis t, long now) {
        LevelLayout.Box to = t == null ? null : layout.boxes.get(t.id());
        if (to == null) {
            return;
        }
        LevelLayout.Box b = slides.at(t.id(), to, now);
        if (TilePainter.big(b)) {
            TilePainter.table(g, t, b, null, pen.textScale, pen.highContrast);
        } else {
            g.setFill(TilePainter.TILE);
            g.fillRect(b.x(), b.y(), b.w(), b.h());
        }
        g.setStroke(ThreadColors.COMPACTOR);
        g.setLineWidth(2.5);
        g.strokeRect(b.x(), b.y(), Math.max(2, b.w()), b.h());
        pen.label("↓ L" + t.level(), new LevelLayout.Box(b.x(), b.y() + b.h() * 0.6, Math.max(40, b.w()), b.h() * 0.4),
                ThreadColors.COMPACTOR.darker());
    }

    private void drawTable(GraphicsContext g, SSTableVis t, ProbeVis probe, CompactionVis input) {
        LevelLayout.Box b = layout.boxes.get(t.id());
        if (b == null) {
            return;
        }
        String verdict = probe == null ? null : probe.verdict();
        if (TilePainter.big(b)) {
            TilePainter.table(g, t, b, verdict, pen.textScale, pen.highContrast);
        } else {
            drawSmall(g, t, b, verdict);
        }
        if (input != null) {
            Color c = ThreadColors.COMPACTOR;
            g.setFill(c.deriveColor(0, 1, 1, 0.35));
            g.fillRect(b.x(), b.y(), b.w(), b.h());
            g.setStroke(c);
            g.setLineWidth(b.w() >= 8 ? 3 : 1.5);
            g.strokeRect(b.x() + 1, b.y() + 1, Math.max(1, b.w() - 2), b.h() - 2);
        }
    }

    /** A box with its number while it is wide enough, else a sliver. */
    private void drawSmall(GraphicsContext g, SSTableVis t, LevelLayout.Box b, String verdict) {
        boolean sliver = b.w() < 10; // the box itself is in the pixel buffer (SmallBoxes)
        if (!sliver) {
            String id = "#" + t.id();
            double size = Math.min(pen.font(11.5), b.h() * 0.45);
            if (id.length() * size * 0.6 <= b.w() - 4 && size >= 7) {
                g.setFill(TilePainter.TEXT);
                g.setFont(pen.bold(size));
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(id, b.centerX(), b.y() + b.h() / 2);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
            }
        }
        if (verdict != null) {
            Color c = TilePainter.colourOf(verdict, null);
            g.setStroke(c);
            boolean no = verdict.startsWith("bloom: no");
            g.setLineWidth(no ? 2 : 3.5);
            if (no) {
                g.setLineDashes(4, 3);
            }
            g.strokeRect(b.x() - 1, b.y() - 1, Math.max(3, b.w()) + 1, b.h() + 2);
            g.setLineDashes((double[]) null);
        }
    }

}
