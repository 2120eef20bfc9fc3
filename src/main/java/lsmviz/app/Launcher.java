package lsmviz.app;

/**
 * Entry point for jars and installers. It must not extend {@code Application}: a classpath launch
 * of a main class that does fails before JavaFX is set up.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        LsmVisualizerApp.main(args);
    }
}
