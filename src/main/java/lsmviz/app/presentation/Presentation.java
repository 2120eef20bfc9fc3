package lsmviz.app.presentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Parent;
import lsmviz.app.AppPrefs;

/**
 * How the window looks on the projector in front of the class: text size (100 % to 200 %, the
 * base font 15 px), high contrast, light or dark theme; each remembered between runs. Everything
 * sized in em follows the text size; the few parts that draw or measure text themselves (the
 * shelf, the code, the log) are told by {@link #onTextScale}.
 */
public final class Presentation {
    /** The base font size at 100 %, in pixels. */
    public static final double BASE_FONT_PX = 15;
    static final String FONT_SCALE_KEY = "fontScale";
    /** From this text size on, the root carries the style class {@code large-text}. */
    public static final double LARGE_TEXT = 1.4;
    static final String HIGH_CONTRAST_KEY = "highContrast";
    static final String DARK_THEME_KEY = "darkTheme";

    private final Parent root;
    private final Preferences prefs = AppPrefs.node();
    private final List<DoubleConsumer> scaleListeners = new ArrayList<>();
    private double scale;
    private boolean highContrast;
    private boolean dark;

    public Presentation(Parent root) {
        this.root = root;
        scale = clamp(prefs.getDouble(FONT_SCALE_KEY, 1.0));
        highContrast = prefs.getBoolean(HIGH_CONTRAST_KEY, false);
        dark = prefs.getBoolean(DARK_THEME_KEY, false);
    }

    /** Applies what is remembered (call once the parts have told what they need). */
    public void apply() {
        applyScale();
        applyContrast();
        applyTheme();
    }

    /** Told the text scale (1.0 to 2.0) now and on every change. */
    public void onTextScale(DoubleConsumer listener) {
        scaleListeners.add(listener);
    }

    public double scale() {
        return scale;
    }

    /** Sets the text scale (100 % to 200 %, in steps of 10 %) and remembers it; returns the scale taken. */
    public double setScale(double s) {
        scale = clamp(s);
        prefs.putDouble(FONT_SCALE_KEY, scale);
        applyScale();
        return scale;
    }

    public boolean highContrast() {
        return highContrast;
    }

    public void setHighContrast(boolean on) {
        highContrast = on;
        prefs.putBoolean(HIGH_CONTRAST_KEY, on);
        applyContrast();
    }

    public boolean dark() {
        return dark;
    }

    public void setDark(boolean on) {
        dark = on;
        prefs.putBoolean(DARK_THEME_KEY, on);
        applyTheme();
    }

    /** "text at 120 %". */
    public String describeScale() {
        return String.format(Locale.ROOT, "text at %d %%", Math.round(scale * 100));
    }

    private static double clamp(double s) {
        return Math.max(1.0, Math.min(2.0, Math.round(s * 10) / 10.0));
    }

    private void applyScale() {
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * scale));
        // from 140 % on, the parts that are large already (the narration) stop growing faster than the rest
        root.getStyleClass().remove("large-text");
        if (scale >= LARGE_TEXT) {
            root.getStyleClass().add("large-text");
        }
        for (DoubleConsumer l : scaleListeners) {
            l.accept(scale);
        }
    }

    private void applyContrast() {
        root.getStyleClass().remove("high-contrast");
        if (highContrast) {
            root.getStyleClass().add("high-contrast");
        }
    }

    /** AtlantaFX's Primer theme, light or dark; the app's own colours stay readable on both. */
    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                : new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
    }
}
