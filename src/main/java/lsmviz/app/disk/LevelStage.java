package lsmviz.app.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import lsmviz.app.ThreadColors;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.app.model.VisualState.ObsoleteVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;
import lsmviz.engine.inspect.LevelsReport;

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
    /** Bold fonts by size: a font looked up per table per draw costs more than the drawing. */
    private final Map<Double, Font> boldFonts = new HashMap<>();
    private final Map<Double, Font> plainFonts = new HashMap<>();
    private LevelsPicture picture = LevelsPicture.EMPTY;
    private LevelLayout layout;
    private LevelLayout.Mode mode = LevelLayout.Mode.BY_KEY;
    private double textScale = 1.0;
    private boolean highContrast;
    private long draws;
    private Long hovered;
    /** Every table drawn, by id, with its level (live, being written or obsolete). */
    private final Map<Long, SSTableVis> drawn = new HashMap<>();

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
        textScale = scale;
        draw();
    }

    public void setHighContrast(boolean on) {
        highContrast = on;
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

    private Font bold(double size) {
        double key = Math.round(size * 2) / 2.0;
        return boldFonts.computeIfAbsent(key, s -> Font.font("System", FontWeight.BOLD, s));
    }

    private Font plain(double size) {
        double key = Math.round(size * 2) / 2.0;
        return plainFonts.computeIfAbsent(key, s -> Font.font("System", s));
    }

    private double font(double px) {
        return px * textScale;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        layout = null;
        if (w < 10 || h < 10) {
            return;
        }
        draws++;
        LevelsPicture p = picture;
        if (p.tables().isEmpty() && p.flush() == null && p.levels() == null && p.compactions().isEmpty()) {
            g.setFill(Color.GRAY);
            g.setFont(plain(font(15)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("No SSTables yet: a flush writes the oldest immutable memtable here, into L0.", 12, 12, w - 24);
            return;
        }
        double footerH = font(15) * 1.35 + 4;
        double headerW = Math.min(w * 0.28, font(150));
        int deepest = p.deepestLevel();
        List<List<SSTableVis>> levels = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            levels.add(new ArrayList<>());
        }
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
        Map<Long, ProbeVis> probes = probes(p);
        int answeredAt = answeredAt(p, probes);
        for (LevelLayout.Band b : layout.bands) {
            drawBand(g, b, levels.get(b.level()), p);
        }
        if (p.flush() != null) {
            TilePainter.flushing(g, p.flush(), layout.l0SlotBox(0), textScale);
        }
        small.clear((int) w, (int) h);
        for (SSTableVis t : p.tables()) {
            LevelLayout.Box b = layout.boxes.get(t.id());
            if (b != null && !TilePainter.big(b)) {
                boolean sliver = b.w() < 10;
                small.box(b, sliver ? SLIVER : TilePainter.TILE, highContrast ? Color.BLACK : SLIVER_BORDER, !sliver);
            }
        }
        g.drawImage(small.image(), 0, 0);
        for (SSTableVis t : p.tables()) {
            drawTable(g, t, probes.get(t.id()), p.compactionReading(t.id()));
        }
        for (ObsoleteVis o : p.obsolete()) {
            drawObsolete(g, o);
        }
        for (CompactionVis c : p.compactions()) {
            drawCompaction(g, c);
        }
        drawHover(g, p);
        drawKeyLine(g, p);
        greyUnneeded(g, answeredAt, p);
        drawFooter(g, p, w, h, footerH, probes, answeredAt);
    }

    private static Map<Long, ProbeVis> probes(LevelsPicture p) {
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
    private static int answeredAt(LevelsPicture p, Map<Long, ProbeVis> probes) {
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

    private void drawBand(GraphicsContext g, LevelLayout.Band b, List<SSTableVis> tables, LevelsPicture p) {
        LevelLayout.Box lane = b.lane();
        LevelLayout.Box hd = b.header();
        g.setFill(b.level() % 2 == 0 ? LANE : LANE_ALT);
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
            g.setFont(plain(font(12.5)));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("empty: compactions from L" + (b.level() - 1) + " fill it", lane.x() + 8, lane.y() + lane.h() / 2,
                    lane.w() - 16);
        }
    }

    private static boolean hasExtraAt(LevelsPicture p, int level) {
        return p.compactions().stream().anyMatch(c -> c.outputLevel() == level)
                || p.obsolete().stream().anyMatch(o -> o.table().level() == level);
    }

    /**
     * Line 1: the level and its facts; line 2: the score bar and what it is measured against
     * ("3 of 12" tables for L0, "0.42 of 1.6 MB" below); a third line, where there is room, the
     * thresholds in words.
     */
    private void drawHeader(GraphicsContext g, LevelLayout.Box hd, LevelHeader head) {
        double size = font(12.5);
        double line = size * 1.25;
        double x = hd.x() + 5;
        double y = hd.y() + 3;
        double maxW = hd.w() - 8;
        int lines = (int) ((hd.h() - 6) / line);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(TilePainter.TEXT);
        g.setFont(bold(size * 1.1));
        g.fillText(head.name(), x, y, maxW);
        double nameW = size * 1.1 * 0.62 * head.name().length() + 6;
        g.setFont(plain(size * 0.95));
        g.fillText(head.facts(), x + nameW, y + size * 0.08, maxW - nameW);
        y += line;
        if (lines >= 2) {
            drawBar(g, head, x, y + 2, maxW, Math.max(5, size * 0.55));
            y += line;
        }
        if (lines >= 3 && !head.target().isEmpty()) {
            g.setFill(Color.web("#555555"));
            g.setFont(plain(size * 0.9));
            g.fillText(head.target(), x, y, maxW);
        }
    }

    private void drawBar(GraphicsContext g, LevelHeader head, double x, double y, double bw, double bh) {
        if (head.marks().length == 0 && head.scoreText().isEmpty()) {
            return;
        }
        double barW = bw * 0.42;
        g.setFill(Color.web("#E2DED5"));
        g.fillRect(x, y, barW, bh);
        g.setFill(head.due() ? DUE : FILL);
        g.fillRect(x, y, barW * head.fill(), bh);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1.5);
        for (double m : head.marks()) {
            g.strokeLine(x + barW * m, y - 2, x + barW * m, y + bh + 2);
        }
        g.setFill(head.due() ? DUE : TilePainter.TEXT);
        g.setFont(head.due() ? bold(font(11)) : plain(font(11)));
        g.setTextBaseline(VPos.CENTER);
        g.fillText(head.scoreText(), x + barW + 4, y + bh / 2, bw - barW - 4);
        g.setTextBaseline(VPos.TOP);
    }

    /** L0's free slots up to the stop threshold, dashed, with the trigger, slowdown and stop marked. */
    private void drawL0Slots(GraphicsContext g, LevelsPicture p) {
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
        mark(g, p.levels().l0Stop(), "stop", DUE);
    }

    private void mark(GraphicsContext g, int tables, String what, Color c) {
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
        g.setFont(bold(font(10.5)));
        boolean room = x + 60 < lane.x() + lane.w();
        g.setTextAlign(room ? TextAlignment.LEFT : TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(what + " " + tables, room ? x + 3 : x - 3, lane.y() + lane.h() - 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
    }

    private void drawTable(GraphicsContext g, SSTableVis t, ProbeVis probe, CompactionVis input) {
        LevelLayout.Box b = layout.boxes.get(t.id());
        if (b == null) {
            return;
        }
        String verdict = probe == null ? null : probe.verdict();
        if (TilePainter.big(b)) {
            TilePainter.table(g, t, b, verdict, textScale, highContrast);
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
            double size = Math.min(font(11.5), b.h() * 0.45);
            if (id.length() * size * 0.6 <= b.w() - 4 && size >= 7) {
                g.setFill(TilePainter.TEXT);
                g.setFont(bold(size));
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

    private void drawObsolete(GraphicsContext g, ObsoleteVis o) {
        LevelLayout.Box b = layout.boxes.get(o.table().id());
        if (b == null) {
            return;
        }
        g.setFill(Color.web("#EDEDED"));
        g.fillRect(b.x(), b.y(), b.w(), b.h());
        hatch(g, b, OBSOLETE, 6);
        g.setStroke(OBSOLETE);
        g.setLineWidth(1.5);
        g.setLineDashes(4, 3);
        g.strokeRect(b.x() + 0.5, b.y() + 0.5, Math.max(1, b.w() - 1), b.h() - 1);
        g.setLineDashes((double[]) null);
        if (o.readers() > 0 && b.w() >= 40) {
            label(g, "#" + o.table().id() + ": " + Format.plural(o.readers(), "reader"), b, Color.web("#333333"));
        }
    }

    /** An input's outputs: hatched boxes on the target level, and the part still being merged. */
    private void drawCompaction(GraphicsContext g, CompactionVis c) {
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
                hatch(g, low, col, 5);
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
                        label(g, "moves to L" + c.outputLevel() + " ↓", b, col.darker());
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
        g.setFont(bold(font(11)));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, lane.x() + lane.w() - 4, lane.y() + 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private String firstInputKey(CompactionVis c) {
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

    /** The hovered table, and the tables of the level below whose keys it overlaps. */
    private void drawHover(GraphicsContext g, LevelsPicture p) {
        SSTableVis t = hovered == null ? null : drawn.get(hovered);
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
    private void drawKeyLine(GraphicsContext g, LevelsPicture p) {
        if (p.key() == null) {
            return;
        }
        double x = layout.keyX(p.key());
        if (!Double.isNaN(x)) {
            LevelLayout.Box first = layout.bands.get(1).lane();
            LevelLayout.Box last = layout.bands.get(layout.bands.size() - 1).lane();
            g.setStroke(KEY_LINE);
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.strokeLine(x, first.y(), x, last.y() + last.h());
            g.setLineDashes((double[]) null);
            g.setFill(KEY_LINE);
            g.setFont(bold(font(11)));
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
                    g.setFill(KEY_LINE);
                    g.fillPolygon(new double[] {b.centerX() - 5, b.centerX() + 5, b.centerX()},
                            new double[] {b.y(), b.y(), b.y() + 7}, 3);
                }
            }
        }
    }

    /** The levels the latest get did not need (it was answered above them) are greyed. */
    private void greyUnneeded(GraphicsContext g, int answeredAt, LevelsPicture p) {
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

    private void drawFooter(GraphicsContext g, LevelsPicture p, double w, double h, double footerH,
            Map<Long, ProbeVis> probes, int answeredAt) {
        double y = h - footerH;
        g.setFill(Color.web("#EFEAE0"));
        g.fillRect(0, y, w, footerH);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(bold(font(12.5)));
        g.setFill(TilePainter.TEXT);
        String costs = costs(p);
        double costsW = Math.min(w * 0.58, costs.length() * font(12.5) * 0.56);
        g.fillText(costs, 6, y + footerH / 2, costsW);
        String right = p.compactionFailure() != null ? "COMPACTION FAILED: " + p.compactionFailure() + " (writes stop)"
                : getSummary(p, probes, answeredAt);
        if (right != null) {
            g.setFill(p.compactionFailure() != null ? DUE : TilePainter.TEXT);
            g.setFont(plain(font(12.5)));
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

    private void label(GraphicsContext g, String text, LevelLayout.Box b, Color c) {
        g.setFill(c);
        g.setFont(bold(Math.min(font(11), b.h() * 0.4)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, b.centerX(), b.y() + b.h() / 2, Math.max(20, b.w() - 4));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
    }

    private static void hatch(GraphicsContext g, LevelLayout.Box b, Color c, double step) {
        g.save();
        g.beginPath();
        g.rect(b.x(), b.y(), b.w(), b.h());
        g.clip();
        g.setStroke(c);
        g.setLineWidth(1.2);
        for (double d = -b.h(); d < b.w(); d += step) {
            g.strokeLine(b.x() + d, b.y() + b.h(), b.x() + d + b.h(), b.y());
        }
        g.restore();
    }
}
