package lsmviz.bench;

import java.util.Arrays;

/** What listens to the engines while the bench runs ({@code --listener}). */
public enum ListenerMode {
    /** Nobody: the hooks with no listener. */
    NONE("none", "none"),
    /** A listener that counts events. */
    COUNT("count", "counting"),
    /** The same: kept for the command line of old (batches are gone, every listener counts one at a time). */
    COUNT_EACH("count-each", "counting (one event at a time)"),
    /** What the window's EventBridge does: an offer per event onto a queue drained 60 times a second. */
    QUEUE("queue", "queueing as the window's EventBridge does (an offer per event, drained 60 times a second)"),
    /** Blocks taking turns without a listener and with the counting one. */
    COMPARE("compare", "none and counting, in blocks taking turns"),
    /** Blocks taking turns without a listener and with the queueing one. */
    COMPARE_QUEUE("compare-queue", "none and queueing (as the window's EventBridge), in blocks taking turns");

    private final String label;
    private final String description;

    ListenerMode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    /** How the bench's header says it. */
    String description() {
        return description;
    }

    /** Whether runs interleave blocks without and with the listener. */
    public boolean compares() {
        return this == COMPARE || this == COMPARE_QUEUE;
    }

    /** Whether the listener is the queueing one. */
    boolean queues() {
        return this == QUEUE || this == COMPARE_QUEUE;
    }

    /** The mode of that name, or null. */
    public static ListenerMode named(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst().orElse(null);
    }
}
