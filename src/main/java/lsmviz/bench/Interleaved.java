package lsmviz.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Two sides of a workload measured by interleaving ({@code --listener compare}, {@code --hooks
 * compare}): a run's operations are cut into {@link #BLOCKS_PER_RUN} blocks, and blocks go in
 * pairs, one block on the base side and one on the measured side, which side goes first
 * swapped from one run to the next and, with one engine, from one pair to the next (something
 * that happens at the same operation in every run, like a fill's freezes, falls on one side in
 * one run and on the other in the next). Both sides of a pair meet the same machine at the same moment, so
 * what separate runs would add (a different heap, another flusher's timing, the machine's
 * drift) mostly cancels out; on a noisy two-core VM separate runs differed by 15-30 % from one
 * to the next, more than the costs being measured.
 *
 * <p>One engine ({@code sameOps} false, the listener): the pair's blocks are consecutive
 * operations of the same store. Two engines ({@code sameOps} true, hooks on and compiled out):
 * both blocks of a pair are the same operations, one on each engine.
 */
final class Interleaved {
    /**
     * Blocks per run: short blocks (about a millisecond each in a fill of a million keys) so
     * that both blocks of a pair meet the same flush. With 100 blocks, a fill's pairs differed
     * by -20 to +50 % (middle half), with 1,000 by -2 to +11 %.
     */
    static final int BLOCKS_PER_RUN = 1000;
    private final boolean sameOps;
    private long baseNanos;
    private long baseOps;
    private long measuredNanos;
    private long measuredOps;
    /** Bytes the calling thread allocated in each side's blocks (-1: the JVM does not say). */
    private long baseBytes;
    private long measuredBytes;
    /** Each complete pair's ratio, time per operation measured over base. */
    private final List<Double> ratios = new ArrayList<>();
    private int blockOps;
    /** Runs so far: each run swaps which side goes first in each pair. */
    private int runs;

    Interleaved(boolean sameOps) {
        this.sameOps = sameOps;
    }

    /**
     * One run of {@code ops} operations in blocks taking turns; returns the time per operation
     * (microseconds) of its base side.
     */
    double run(int ops, Block base, Block measured) {
        int size = Math.max(1, ops / BLOCKS_PER_RUN);
        blockOps = size;
        int run = runs++;
        long runBaseNanos = 0;
        long runBaseOps = 0;
        int pair = 0;
        for (int start = 0; start < ops; start += sameOps ? size : 2 * size, pair++) {
            // One engine: which side goes first swaps from pair to pair, and from run to
            // run, so that something that happens at the same operation in every run (a
            // fill's freezes) falls on one side in one run and on the other in the next.
            // Two engines: only from run to run. Swapping pairs there would put two blocks
            // of one engine back to back (A B | B A), and the second of them runs on warm
            // caches: the first block of a pair came out 9-13 % faster than the second.
            boolean measuredFirst = ((sameOps ? 0 : pair) + run) % 2 == 1;
            double[] perOp = new double[2];
            int sides = 0;
            for (int half = 0; half < 2; half++) {
                int from = sameOps ? start : start + half * size;
                int to = Math.min(ops, from + size);
                if (from >= to) {
                    break;
                }
                boolean measuring = (half == 0) == measuredFirst;
                long bytes = allocatedBytes();
                long nanos = (measuring ? measured : base).time(from, to);
                bytes = allocatedBytes() - bytes;
                if (measuring) {
                    measuredNanos += nanos;
                    measuredOps += to - from;
                    measuredBytes += bytes;
                } else {
                    baseNanos += nanos;
                    baseOps += to - from;
                    baseBytes += bytes;
                    runBaseNanos += nanos;
                    runBaseOps += to - from;
                }
                perOp[measuring ? 1 : 0] = (double) nanos / (to - from);
                sides++;
            }
            if (sides == 2) {
                ratios.add(perOp[1] / perOp[0]);
            }
        }
        return runBaseOps == 0 ? 0 : runBaseNanos / 1e3 / runBaseOps;
    }

    /** Bytes the calling thread has allocated so far, or 0 when the runtime cannot tell. */
    private static long allocatedBytes() {
        return ALLOCATION == null ? 0 : ALLOCATION.getAsLong();
    }

    /**
     * The calling thread's allocation counter, or null: the installed app's runtime carries no
     * {@code java.management} (jlink keeps only the modules the window needs), and the bench
     * then says that it could not count.
     */
    static final java.util.function.LongSupplier ALLOCATION = allocationCounter();

    private static java.util.function.LongSupplier allocationCounter() {
        try {
            return ThreadAllocation.counter();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Bytes allocated per operation by the thread running the blocks, on the base side. */
    double baseBytesPerOp() {
        return baseOps == 0 ? 0 : (double) baseBytes / baseOps;
    }

    double measuredBytesPerOp() {
        return measuredOps == 0 ? 0 : (double) measuredBytes / measuredOps;
    }

    double baseMicros() {
        return baseOps == 0 ? 0 : baseNanos / 1e3 / baseOps;
    }

    double measuredMicros() {
        return measuredOps == 0 ? 0 : measuredNanos / 1e3 / measuredOps;
    }

    /** The measured side's cost over all blocks: its total time per operation over the base's, minus one. */
    double cost() {
        return measuredMicros() / baseMicros() - 1;
    }

    /** The {@code q}-quantile (0..1) of the pairs' ratios, minus one. */
    double pairCost(double q) {
        List<Double> sorted = new ArrayList<>(ratios);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return 0;
        }
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo) - 1;
    }

    int pairs() {
        return ratios.size();
    }

    int blockOps() {
        return blockOps;
    }

    /** Times operations {@code from} (inclusive) to {@code to} (exclusive) of a workload, in nanoseconds. */
    @FunctionalInterface
    interface Block {
        long time(int from, int to);
    }

    /** Touches {@code java.management} only when called, so that a runtime without it can still load the bench. */
    private static final class ThreadAllocation {
        static java.util.function.LongSupplier counter() {
            if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
                return () -> Math.max(0, t.getCurrentThreadAllocatedBytes());
            }
            return null;
        }
    }
}
