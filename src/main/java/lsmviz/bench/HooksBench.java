package lsmviz.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import lsmviz.engine.Options;

/** {@code bench --hooks compare}: the engine with its event hooks against a copy with them compiled out. */
final class HooksBench {
    private final BenchConfig c;
    private final PrintStream out;
    private final BenchReport report;
    private final Options options;
    private final byte[][] valuePool;
    private final byte[][] seqKeys;
    private final byte[][] randomKeys;
    private final byte[][] readKeys;
    private final Path root;

    HooksBench(BenchConfig c, PrintStream out, Options options, byte[][] valuePool, byte[][] seqKeys,
            byte[][] randomKeys, byte[][] readKeys, Path root) {
        this.c = c;
        this.out = out;
        this.report = new BenchReport(c, out);
        this.options = options;
        this.valuePool = valuePool;
        this.seqKeys = seqKeys;
        this.randomKeys = randomKeys;
        this.readKeys = readKeys;
        this.root = root;
    }

    /**
     * {@code --hooks compare}: fillseq, fillrandom and readrandom on an engine with the event
     * hooks (no listener) and one with them compiled out, in blocks taking turns, both engines
     * doing the same operations.
     */
    void run() throws IOException {
        try (HooksComparison.EngineCopy on = HooksComparison.load(true);
                HooksComparison.EngineCopy off = HooksComparison.load(false)) {
            // each copy compiles its own code: warm both up on the paths measured
            byte[][] warm = Arrays.copyOf(randomKeys, Math.min(c.num(), 200_000));
            compareHooksOnce(root.resolve("warmup"), on, off, warm, warm, new Interleaved(true), new Interleaved(true));
            for (Benchmark b : c.benchmarks()) {
                Interleaved turns = new Interleaved(true);
                switch (b) {
                    case FILLSEQ, FILLRANDOM -> {
                        byte[][] keys = b == Benchmark.FILLSEQ ? seqKeys : randomKeys;
                        for (int r = 0; r < c.repeat(); r++) {
                            compareHooksOnce(root.resolve(b.label()), on, off, keys, null, turns, null);
                        }
                    }
                    case READRANDOM -> compareHooksOnce(root.resolve(b.label()), on, off, randomKeys, readKeys,
                            null, turns);
                    default -> throw new IllegalStateException(b.toString());
                }
                out.printf(Locale.ROOT, "%-12s : %10.3f micros/op with hooks, no listener | compiled out %.3f micros/op"
                        + " | cost %+.1f%% (median of %d pairs of blocks of %d ops)%n", b.label(), turns.measuredMicros(),
                        turns.baseMicros(), turns.pairCost(0.5) * 100, turns.pairs(), turns.blockOps());
                report.spread(turns);
            }
        }
    }

    /**
     * One engine of each copy: fills them with {@code fillKeys}, interleaved into {@code fills} if
     * given; then, with {@code readKeys}, reads the stores at rest {@code --repeat} times,
     * interleaved into {@code reads} if given. Both engines must find the same keys.
     */
    private void compareHooksOnce(Path dir, HooksComparison.EngineCopy on, HooksComparison.EngineCopy off,
            byte[][] fillKeys, byte[][] readKeys, Interleaved fills, Interleaved reads) throws IOException {
        Loops.deleteTree(dir);
        try (HooksComparison.Engine withHooks = on.open(dir.resolve("hooks-on"), options, valuePool);
                HooksComparison.Engine without = off.open(dir.resolve("hooks-off"), options, valuePool)) {
            // the stores are filled block by block in turn even when not measured: with one store
            // filled after the other, an A/A control (both copies with hooks) read the store filled
            // second up to 13 % slower
            (fills != null ? fills : new Interleaved(true)).run(fillKeys.length,
                    (from, to) -> without.fill(fillKeys, from, to), (from, to) -> withHooks.fill(fillKeys, from, to));
            if (readKeys != null) {
                try {
                    without.awaitFlushes();
                    withHooks.awaitFlushes();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                for (int r = 0; r < (reads != null ? c.repeat() : 1); r++) {
                    if (reads != null) {
                        reads.run(readKeys.length, (from, to) -> without.read(readKeys, from, to),
                                (from, to) -> withHooks.read(readKeys, from, to));
                    } else {
                        without.read(readKeys, 0, readKeys.length);
                        withHooks.read(readKeys, 0, readKeys.length);
                    }
                }
                if (without.found() != withHooks.found()) {
                    throw new IllegalStateException("readrandom: the engine with hooks found " + withHooks.found()
                            + " keys, the one without " + without.found() + ": one of them is wrong");
                }
            }
        } finally {
            Loops.deleteTree(dir);
        }
    }

}
