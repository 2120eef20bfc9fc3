package lsmviz.app.disk;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * What the level view's painters draw with: the Canvas's graphics context, fonts at the window's
 * text size (cached: a font looked up per table per draw costs more than the drawing), and the
 * small drawing helpers they share (a centred label, hatching).
 */
final class Pen {
    final GraphicsContext g;
    private final Map<Double, Font> boldFonts = new HashMap<>();
    private final Map<Double, Font> plainFonts = new HashMap<>();
    double textScale = 1.0;
    boolean highContrast;

    private final javafx.scene.text.Text measure = new javafx.scene.text.Text();

    Pen(GraphicsContext g) {
        this.g = g;
    }

    Font bold(double size) {
        double key = Math.round(size * 2) / 2.0;
        return boldFonts.computeIfAbsent(key, s -> Font.font("System", FontWeight.BOLD, s));
    }

    Font plain(double size) {
        double key = Math.round(size * 2) / 2.0;
        return plainFonts.computeIfAbsent(key, s -> Font.font("System", s));
    }

    /** How wide {@code text} is in {@code font}: text that does not fit is shortened, never squeezed. */
    double width(String text, Font font) {
        measure.setFont(font);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    /** {@code px} at the window's text size. */
    double font(double px) {
        return px * textScale;
    }

    /** {@code text} centred in {@code b}, bold, cut to its width. */
    void label(String text, LevelLayout.Box b, Color c) {
        g.setFill(c);
        g.setFont(bold(Math.min(font(11), b.h() * 0.4)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, b.centerX(), b.y() + b.h() / 2, Math.max(20, b.w() - 4));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
    }

    /** Diagonal lines across {@code b}, {@code step} apart: a table that is going or not yet there. */
    void hatch(LevelLayout.Box b, Color c, double step) {
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
