package lsmviz.app;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * One colour per thread, the same everywhere in the window. The palette is Okabe and Ito's,
 * safe for the common forms of colour blindness; the flusher always gets blue, the compactor
 * reddish purple.
 */
public final class ThreadColors {
    private static final Color[] PALETTE = {
        Color.web("#E69F00"), // orange
        Color.web("#009E73"), // bluish green
        Color.web("#D55E00"), // vermillion
        Color.web("#56B4E9"), // sky blue
        Color.web("#8B6D00"), // dark yellow (readable on white, unlike pure yellow)
        Color.web("#444444"), // dark grey
    };
    public static final Color FLUSHER = Color.web("#0072B2");
    /** The compactor's own colour (reddish purple), kept out of the palette the other threads share. */
    public static final Color COMPACTOR = Color.web("#CC79A7");
    private static final Map<String, Color> ASSIGNED = new HashMap<>();

    private ThreadColors() {}

    /** The thread's colour; call on the FX thread. */
    public static Color of(String thread) {
        if ("flusher".equals(thread)) {
            return FLUSHER;
        }
        if ("compactor".equals(thread)) {
            return COMPACTOR;
        }
        return ASSIGNED.computeIfAbsent(thread, t -> PALETTE[ASSIGNED.size() % PALETTE.length]);
    }

    public static String css(String thread) {
        Color c = of(thread);
        return String.format("#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255));
    }
}
