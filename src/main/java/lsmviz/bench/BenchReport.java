package lsmviz.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** How {@link Bench} prints its figures: one line per benchmark in db_bench's shape. */
final class BenchReport {
    private final BenchConfig c;
    private final PrintStream out;

    BenchReport(BenchConfig c, PrintStream out) {
        this.c = c;
        this.out = out;
    }

    /** What the engine's figure is in a comparing run. */
    String withoutListener() {
        return c.listener().compares() ? " (blocks without the listener)" : "";
    }

    /**
     * In a comparing run: the time per operation with the listener, its cost over all blocks, and
     * how the pairs spread (median and middle half of the pairs' ratios).
     */
    void listenerCost(String name, Interleaved turns) {
        if (!c.listener().compares()) {
            return;
        }
        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op with the %s listener | cost %+.1f%% (median of %d pairs"
                + " of blocks of %d ops)%n", name, turns.measuredMicros(), c.listener().queues() ? "queueing" : "counting",
                turns.pairCost(0.5) * 100, turns.pairs(), turns.blockOps());
        spread(turns);
    }

    /**
     * How the pairs spread, and the cost from all blocks' time: that one also counts the collector's
     * pauses (tens of milliseconds, over many one-millisecond blocks) on whichever side they fell,
     * which the median of the pairs leaves out; and the bytes the bench's thread allocated per
     * operation on each side (base/measured), which tells whether one side brings on more of those
     * pauses.
     */
    void spread(Interleaved turns) {
        out.printf(Locale.ROOT, "%-12s   pairs' middle half %+.1f%% to %+.1f%%; all blocks' time %+.1f%%; %s%n", "",
                turns.pairCost(0.25) * 100, turns.pairCost(0.75) * 100, turns.cost() * 100,
                Interleaved.ALLOCATION == null ? "allocation not counted (this runtime has no java.management)"
                        : String.format(Locale.ROOT, "allocated %.0f/%.0f bytes per op", turns.baseBytesPerOp(),
                                turns.measuredBytesPerOp()));
        out.flush();
    }

    static double median(double[] runs) {
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** What the figures are when {@code --repeat} asked for more than one run, and what else ({@code what}) they are. */
    String repeated(String what) {
        return (c.repeat() == 1 ? "" : " (median of " + c.repeat() + " runs)") + what;
    }

    void line(String name, double engineMicros, double mapMicros, String extra) {
        double mbPerSec = (Loops.KEY_SIZE + c.valueSize()) / (engineMicros / 1e6) / (1024.0 * 1024.0);
        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op; %7.1f MB/s | skiplist %8.3f micros/op | ratio %5.2fx%s%n",
                name, engineMicros, mbPerSec, mapMicros, engineMicros / mapMicros, extra);
        out.flush();
    }

    /** Microseconds per operation. */
    static double perOp(long nanos, int ops) {
        return nanos / 1e3 / ops;
    }
}
