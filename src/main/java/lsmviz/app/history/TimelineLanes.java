package lsmviz.app.history;

import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import lsmviz.app.Format;
import lsmviz.app.history.EventHistory.Kind;
import lsmviz.app.history.EventHistory.Marker;

/**
 * The timeline's marker lanes: one lane per kind of marker (freezes, flushes, stalls, steps,
 * errors, each in its own colour-blind-safe colour) along the event axis, drawn on one canvas, one
 * tick per pixel column; a cursor where the picture shown stands. Clicking or dragging asks for
 * the position there; hovering names the nearest marker.
 */
final class TimelineLanes extends Pane {
    /** Marker colours by kind (Okabe–Ito palette, safe for colour-blind viewers). */
    static final Map<Kind, Color> COLORS = colors();
    private static final double LANE_HEIGHT = 5;
    private static final double LANE_GAP = 2;
    private static final double PICK_PIXELS = 5;

    private final Canvas canvas = new Canvas();
    private final Rectangle cursor = new Rectangle(2, 0);
    private final Tooltip tip = new Tooltip();
    private EventHistory history;
    private int position = -1;
    private IntConsumer onScrub = p -> { };

    TimelineLanes() {
        getChildren().addAll(canvas, cursor);
        double height = Kind.values().length * (LANE_HEIGHT + LANE_GAP) + LANE_GAP;
        canvas.setHeight(height);
        setPrefHeight(height);
        setMinHeight(height);
        setMaxHeight(height);
        getStyleClass().add("timeline-lanes");
        cursor.setHeight(height);
        cursor.setFill(Color.web("#1f2328"));
        cursor.setOpacity(0.75);
        cursor.setMouseTransparent(true);
        setOnMousePressed(this::scrubTo);
        setOnMouseDragged(this::scrubTo);
        setOnMouseMoved(this::hover);
        Tooltip.install(this, tip);
    }

    private static Map<Kind, Color> colors() {
        Map<Kind, Color> m = new EnumMap<>(Kind.class);
        m.put(Kind.FREEZE, Color.web("#E69F00"));
        m.put(Kind.FLUSH, Color.web("#0072B2"));
        m.put(Kind.STALL, Color.web("#D55E00"));
        m.put(Kind.STEP, Color.web("#009E73"));
        m.put(Kind.ERROR, Color.web("#000000"));
        return Collections.unmodifiableMap(m);
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth()) {
            canvas.setWidth(getWidth());
            draw(history);
        }
        placeCursor(position);
    }

    /** Told the position a click or a drag asks for ({@code -1} at the right end: live). */
    void setOnScrub(IntConsumer onScrub) {
        this.onScrub = onScrub;
    }

    /** Puts the cursor at {@code p} ({@code -1}: live, no cursor). */
    void placeCursor(int p) {
        position = p;
        cursor.setVisible(p >= 0);
        if (p >= 0) {
            cursor.setX(Math.max(0, xOf(p) - 1));
        }
    }

    private int positionAt(double x) {
        int size = history.size();
        double w = Math.max(1, getWidth() - 1);
        return (int) Math.round(Math.max(0, Math.min(1, x / w)) * size);
    }

    private double xOf(int p) {
        int size = history == null ? 0 : history.size();
        return size == 0 ? 0 : p / (double) size * Math.max(1, getWidth() - 1);
    }

    private void scrubTo(MouseEvent e) {
        if (history != null && history.size() > 0) {
            int p = positionAt(e.getX());
            onScrub.accept(p >= history.size() ? -1 : p);
        }
    }

    private void hover(MouseEvent e) {
        if (history == null || history.size() == 0) {
            tip.setText("Nothing recorded yet");
            return;
        }
        Marker m = nearest(e.getX());
        int p = positionAt(e.getX());
        tip.setText(m != null ? m.label() + "\nevent " + Format.count(m.position()) + ": click to show it"
                : "event " + Format.count(p) + ": click to show the picture there");
    }

    /** The marker drawn nearest to {@code x}, within a few pixels, or null. */
    private Marker nearest(double x) {
        List<Marker> ms = history.markers();
        int lo = 0;
        int hi = ms.size();
        while (lo < hi) { // first marker at or right of x
            int mid = (lo + hi) >>> 1;
            if (xOf(ms.get(mid).position()) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Marker best = null;
        double bestDist = PICK_PIXELS;
        for (int i = Math.max(0, lo - 1); i <= Math.min(ms.size() - 1, lo); i++) {
            double d = Math.abs(xOf(ms.get(i).position()) - x);
            if (d <= bestDist) {
                best = ms.get(i);
                bestDist = d;
            }
        }
        return best;
    }

    /** Draws the lanes of {@code h}: each marker a tick in its kind's lane, one per pixel column. */
    void draw(EventHistory h) {
        history = h;
        double w = canvas.getWidth();
        double ht = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#f6f8fa"));
        g.fillRect(0, 0, w, ht);
        Kind[] kinds = Kind.values();
        g.setFill(Color.web("#e4e8ec"));
        for (int i = 0; i < kinds.length; i++) {
            g.fillRect(0, laneY(i) + LANE_HEIGHT / 2 - 0.5, w, 1);
        }
        if (h == null || h.size() == 0 || w < 2) {
            return;
        }
        int columns = (int) Math.ceil(w);
        Map<Kind, BitSet> hit = new EnumMap<>(Kind.class);
        for (Kind k : kinds) {
            hit.put(k, new BitSet(columns));
        }
        for (Marker m : h.markers()) {
            hit.get(m.kind()).set((int) Math.min(columns - 1, xOf(m.position())));
        }
        for (int i = 0; i < kinds.length; i++) {
            g.setFill(COLORS.get(kinds[i]));
            BitSet b = hit.get(kinds[i]);
            double y = laneY(i);
            for (int x = b.nextSetBit(0); x >= 0; x = b.nextSetBit(x + 1)) {
                g.fillRect(Math.max(0, x - 1), y, 2, LANE_HEIGHT);
            }
        }
        placeCursor(position);
    }

    private static double laneY(int lane) {
        return LANE_GAP + lane * (LANE_HEIGHT + LANE_GAP);
    }
}
