package lsmviz.app;

import java.util.prefs.Preferences;

/**
 * Where the window remembers its choices between runs (size, text size, theme, slow-motion speed,
 * last directory): one preferences node, named by the system property {@code lsmviz.prefs}
 * ({@code lsmviz} by default; tests use their own).
 */
public final class AppPrefs {
    private AppPrefs() {}

    public static Preferences node() {
        return Preferences.userRoot().node(System.getProperty("lsmviz.prefs", "lsmviz"));
    }
}
