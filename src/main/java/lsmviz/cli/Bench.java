package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import lsmviz.cli.Main.UsageException;
import lsmviz.engine.Bytes;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.SyncMode;

/**
 * {@code bench}: db_bench-style figures for the engine, each beside the same workload on a bare
 * {@link ConcurrentSkipListMap} (same keys, same values, same comparator) in the same run.
 *
 * <p>Keys are 16 bytes ({@code %016d} of the key number), values {@code --value-size} bytes from a
 * pool of random arrays. fillrandom and readrandom draw key numbers uniformly from [0, num) with a
 * fixed seed, so both sides see the same sequence. Each fill starts from an empty store; readrandom
 * reads the store that fillrandom left (filled first if fillrandom was not asked for).
 */
final class Bench {
    private static final List<String> KNOWN = List.of("fillseq", "fillrandom", "overwrite", "readrandom", "readseq",
            "fillsync");
    private static final List<String> DEFAULT = List.of("fillseq", "fillrandom", "overwrite", "readrandom", "readseq");
    /** Writes in fillsync: every one waits for the disk. */
    private static final int SYNC_WRITES = 10_000;
    private static final int KEY_SIZE = 16;

    private final int num;
    private final int valueSize;
    private final List<String> benchmarks;
    /**
     * "none", "count" (counts batches whole), "count-each" (counts events one at a time) or
     * "compare" (in each run of fillseq, fillrandom and readrandom, blocks of operations take turns
     * without a listener and with the counting one: the listener's cost from the same store, the
     * same moment of the run and the same process; see {@link Interleaved}).
     */
    private final String listener;
    private final boolean countingListener;
    private final boolean compare;
    /** {@code --hooks compare}: the hooks with no listener against the engine with them compiled out ({@link HooksComparison}). */
    private final boolean hooksCompare;
    private static final List<String> COMPARED = List.of("fillseq", "fillrandom", "readrandom");
    private final Path baseDir;
    private final Options options;
    private final Options syncOptions;
    private final int threads;
    /** Runs of fillseq, fillrandom and readrandom; the median is reported (a noisy machine). */
    private final int repeat;
    private final PrintStream out;
    private final byte[][] valuePool;
    /** The counting listener of {@code --listener compare}. */
    private EventListener compareCounter;

    Bench(Args a, PrintStream out) {
        this.out = out;
        this.num = (int) a.number("num", 1_000_000, 1, 100_000_000);
        this.valueSize = (int) a.number("value-size", 100, 0, Options.MAX_VALUE_BYTES);
        String hooks = a.string("hooks", "on");
        if (!List.of("on", "compare").contains(hooks)) {
            throw new UsageException("--hooks expects on or compare, found '" + hooks + "'");
        }
        this.hooksCompare = hooks.equals("compare");
        String list = a.string("benchmarks", String.join(",", hooksCompare ? COMPARED : DEFAULT));
        this.benchmarks = List.of(list.split(","));
        for (String b : benchmarks) {
            if (!KNOWN.contains(b)) {
                throw new UsageException("unknown benchmark '" + b + "': known are " + String.join(", ", KNOWN));
            }
            if (hooksCompare && !COMPARED.contains(b)) {
                throw new UsageException("--hooks compare runs " + String.join(", ", COMPARED) + ", not '" + b + "'");
            }
        }
        this.listener = a.string("listener", "none");
        if (!List.of("none", "count", "count-each", "compare").contains(listener)) {
            throw new UsageException("--listener expects none, count, count-each or compare, found '" + listener + "'");
        }
        this.compare = listener.equals("compare");
        if ((compare || hooksCompare) && num < 2) {
            throw new UsageException("--" + (compare ? "listener" : "hooks") + " compare needs --num 2 or more:"
                    + " each run has blocks on both sides");
        }
        if (hooksCompare && !listener.equals("none")) {
            throw new UsageException("--hooks compare measures the hooks with no listener: leave out --listener");
        }
        this.countingListener = !listener.equals("none") && !compare;
        String dir = a.string("dir", null);
        this.baseDir = dir == null ? null : Path.of(dir);
        boolean syncGiven = a.has("sync");
        Options given = a.engineOptions();
        // As in db_bench, only fillsync waits for the disk: the other workloads write without fsync.
        this.options = given.withSyncMode(SyncMode.NONE);
        this.syncOptions = given.withSyncMode(syncGiven ? given.syncMode() : SyncMode.SYNC);
        this.threads = (int) a.number("threads", 1, 1, 64);
        this.repeat = (int) a.number("repeat", 1, 1, 99);
        Random r = new Random(42);
        valuePool = new byte[1024][];
        for (int i = 0; i < valuePool.length; i++) {
            valuePool[i] = new byte[valueSize];
            r.nextBytes(valuePool[i]);
        }
    }

    int run() throws IOException {
        out.printf(Locale.ROOT, "Keys:       %d bytes each%n", KEY_SIZE);
        out.printf(Locale.ROOT, "Values:     %d bytes each%n", valueSize);
        out.printf(Locale.ROOT, "Entries:    %d%n", num);
        out.printf(Locale.ROOT, "Engine:     memtable %d B, block %d B, max immutable %d, bloom %d bits/key, %s flush%n",
                options.memtableSizeBytes(), options.blockSizeBytes(), options.maxImmutableMemtables(),
                options.bloomBitsPerKey(), options.flushMode().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "Sync:       none (fillsync: %s, %d writes, %d thread%s)%n",
                syncOptions.syncMode().name().toLowerCase(Locale.ROOT), SYNC_WRITES, threads, threads == 1 ? "" : "s");
        out.printf(Locale.ROOT, "Events:     hooks %s, listener %s%n", hooksCompare
                ? "on and compiled out (two copies of the engine in this process, blocks taking turns)"
                : EventBus.HOOKS ? "on" : "compiled out",
                listener.equals("count") ? "counting (batches whole)"
                        : listener.equals("count-each") ? "counting (one event at a time)"
                        : compare ? "none and counting (batches whole), in blocks taking turns" : "none");
        out.printf(Locale.ROOT, "JVM:        %s %s, %d cores%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        out.println("------------------------------------------------");
        byte[][] seqKeys = keys(false, 0);
        byte[][] randomKeys = keys(true, 301);
        byte[][] readKeys = keys(true, 302);
        if (!hooksCompare) {
            warmUp(randomKeys);
        }

        Path root = baseDir != null ? Files.createDirectories(baseDir) : Files.createTempDirectory("lsmviz-bench");
        LongAdder events = new LongAdder();
        compareCounter = counter(events);
        LsmEngine filled = null;
        ConcurrentSkipListMap<byte[], byte[]> filledMap = null;
        try {
            if (hooksCompare) {
                compareHooks(root, seqKeys, randomKeys, readKeys);
                return Main.EXIT_OK;
            }
            for (String b : benchmarks) {
                switch (b) {
                    case "fillseq", "fillrandom" -> {
                        byte[][] keys = b.equals("fillseq") ? seqKeys : randomKeys;
                        if (filled != null && b.equals("fillrandom")) {
                            filled.close();
                        }
                        double[] mapRuns = new double[repeat];
                        double[] engineRuns = new double[repeat];
                        Interleaved turns = new Interleaved(false);
                        ConcurrentSkipListMap<byte[], byte[]> map = null;
                        LsmEngine engine = null;
                        for (int r = 0; r < repeat; r++) {
                            map = new ConcurrentSkipListMap<>(Bytes.ORDER);
                            mapRuns[r] = fillMap(map, keys);
                            if (engine != null) {
                                engine.close(); // each run fills an empty store; the last one stays
                            }
                            engine = openFresh(root, b, events, options);
                            LsmEngine e = engine;
                            engineRuns[r] = compare ? turns.run(keys.length, (from, to) -> fillEngine(e, keys, from, to),
                                    (from, to) -> listening(e, () -> fillEngine(e, keys, from, to)))
                                    : perOp(fillEngine(engine, keys, 0, keys.length), keys.length);
                        }
                        report(b, median(engineRuns), median(mapRuns), repeated(compare ? " (blocks without the listener)" : ""));
                        reportListenerCost(b, turns);
                        if (b.equals("fillrandom")) {
                            filled = engine;
                            filledMap = map;
                        } else {
                            engine.close();
                        }
                    }
                    case "overwrite" -> {
                        // random writes over a store that already holds every key once
                        byte[][] keys = randomKeys;
                        ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
                        fillMap(map, seqKeys);
                        double mapMicros = fillMap(map, keys);
                        LsmEngine engine = openFresh(root, b, events, options);
                        fillEngine(engine, seqKeys, 0, seqKeys.length);
                        double engineMicros = perOp(fillEngine(engine, keys, 0, keys.length), keys.length);
                        engine.close();
                        report(b, engineMicros, mapMicros, "");
                    }
                    case "readseq" -> {
                        if (filled == null) {
                            filledMap = new ConcurrentSkipListMap<>(Bytes.ORDER);
                            fillMap(filledMap, randomKeys);
                            filled = openFresh(root, "readseq", events, options);
                            fillEngine(filled, randomKeys, 0, randomKeys.length);
                        }
                        long t0 = System.nanoTime();
                        long mapCount = 0;
                        for (var it = filledMap.entrySet().iterator(); it.hasNext(); it.next()) {
                            mapCount++;
                        }
                        double mapMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, mapCount);
                        t0 = System.nanoTime();
                        long engineCount = 0;
                        for (var it = filled.scanInto(null, null); it.hasNext(); it.next()) {
                            engineCount++;
                        }
                        double engineMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, engineCount);
                        if (engineCount != mapCount) {
                            throw new IllegalStateException("readseq: the engine has " + engineCount
                                    + " entries, the skip list " + mapCount + ": the engine is wrong");
                        }
                        report(b, engineMicros, mapMicros, String.format(Locale.ROOT, " (%d entries in key order)",
                                engineCount));
                    }
                    case "fillsync" -> {
                        LsmEngine engine = openFresh(root, b, events, syncOptions);
                        int n = Math.min(num, SYNC_WRITES);
                        double micros = fillConcurrently(engine, randomKeys, n);
                        engine.close();
                        double mbPerSec = (KEY_SIZE + valueSize) / (micros / 1e6) / (1024.0 * 1024.0);
                        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op; %7.1f MB/s | %s, %d writes, %d thread%s%n",
                                b, micros, mbPerSec, syncOptions.syncMode().name().toLowerCase(Locale.ROOT), n, threads,
                                threads == 1 ? "" : "s");
                        out.flush();
                    }
                    case "readrandom" -> {
                        if (filled == null) {
                            filledMap = new ConcurrentSkipListMap<>(Bytes.ORDER);
                            fillMap(filledMap, randomKeys);
                            filled = openFresh(root, "readrandom", events, options);
                            fillEngine(filled, randomKeys, 0, randomKeys.length);
                        }
                        // read the store at rest, as db_bench does after a fill: the flusher
                        // has written every frozen memtable (the active one stays in memory)
                        try {
                            filled.awaitFlushes(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return Main.EXIT_FAILURE;
                        }
                        long[] foundMap = new long[1];
                        long[] found = new long[1];
                        double[] mapRuns = new double[repeat];
                        double[] engineRuns = new double[repeat];
                        Interleaved turns = new Interleaved(false);
                        LsmEngine store = filled;
                        for (int r = 0; r < repeat; r++) {
                            mapRuns[r] = readMap(filledMap, readKeys, foundMap);
                            found[0] = 0;
                            engineRuns[r] = compare ? turns.run(readKeys.length,
                                    (from, to) -> readEngine(store, readKeys, from, to, found),
                                    (from, to) -> listening(store, () -> readEngine(store, readKeys, from, to, found)))
                                    : perOp(readEngine(store, readKeys, 0, readKeys.length, found), readKeys.length);
                        }
                        double mapMicros = median(mapRuns);
                        double engineMicros = median(engineRuns);
                        if (found[0] != foundMap[0]) {
                            throw new IllegalStateException("readrandom: the engine found " + found[0]
                                    + " keys, the skip list " + foundMap[0] + ": the engine is wrong");
                        }
                        report(b, engineMicros, mapMicros, String.format(Locale.ROOT, " (%d of %d found; %d sstables, %d immutable memtables)",
                                found[0], num, filled.snapshot().sstables().size(),
                                filled.snapshot().immutables().size())
                                + repeated(compare ? " (blocks without the listener)" : ""));
                        reportListenerCost(b, turns);
                    }
                    default -> throw new IllegalStateException(b);
                }
            }
        } finally {
            if (filled != null) {
                filled.close();
            }
            if (baseDir == null) {
                deleteTree(root);
            }
        }
        if (countingListener || compare) {
            out.printf(Locale.ROOT, "events counted: %d%n", events.sum());
        }
        return Main.EXIT_OK;
    }

    /**
     * {@code --hooks compare}: fillseq, fillrandom and readrandom on an engine with the event
     * hooks (no listener) and one with them compiled out, in blocks taking turns, both engines
     * doing the same operations.
     */
    private void compareHooks(Path root, byte[][] seqKeys, byte[][] randomKeys, byte[][] readKeys)
            throws IOException {
        try (HooksComparison.EngineCopy on = HooksComparison.load(true);
                HooksComparison.EngineCopy off = HooksComparison.load(false)) {
            compareHooks(root, on, off, seqKeys, randomKeys, readKeys);
        }
    }

    private void compareHooks(Path root, HooksComparison.EngineCopy on, HooksComparison.EngineCopy off,
            byte[][] seqKeys, byte[][] randomKeys, byte[][] readKeys) throws IOException {
        // each copy compiles its own code: warm both up on the paths measured
        byte[][] warm = java.util.Arrays.copyOf(randomKeys, Math.min(num, 200_000));
        compareHooksOnce(root.resolve("warmup"), on, off, warm, warm, new Interleaved(true), new Interleaved(true));
        for (String b : benchmarks) {
            Interleaved turns = new Interleaved(true);
            switch (b) {
                case "fillseq", "fillrandom" -> {
                    byte[][] keys = b.equals("fillseq") ? seqKeys : randomKeys;
                    for (int r = 0; r < repeat; r++) {
                        compareHooksOnce(root.resolve(b), on, off, keys, null, turns, null);
                    }
                }
                case "readrandom" -> compareHooksOnce(root.resolve(b), on, off, randomKeys, readKeys, null, turns);
                default -> throw new IllegalStateException(b);
            }
            out.printf(Locale.ROOT, "%-12s : %10.3f micros/op with hooks, no listener | compiled out %.3f micros/op | cost %+.1f%% (median of %d pairs of blocks of %d ops)%n",
                    b, turns.measuredMicros(), turns.baseMicros(), turns.pairCost(0.5) * 100, turns.pairs(), turns.blockOps());
            reportSpread(turns);
        }
    }

    /**
     * One engine of each copy: fills them with {@code fillKeys}, interleaved into {@code fills} if
     * given; then, with {@code readKeys}, reads the stores at rest {@link #repeat} times,
     * interleaved into {@code reads} if given. Both engines must find the same keys.
     */
    private void compareHooksOnce(Path dir, HooksComparison.EngineCopy on, HooksComparison.EngineCopy off,
            byte[][] fillKeys, byte[][] readKeys, Interleaved fills, Interleaved reads) throws IOException {
        deleteTree(dir);
        try (HooksComparison.Engine withHooks = on.open(dir.resolve("hooks-on"), options, valuePool);
                HooksComparison.Engine without = off.open(dir.resolve("hooks-off"), options, valuePool)) {
            if (fills != null) {
                fills.run(fillKeys.length, (from, to) -> without.fill(fillKeys, from, to),
                        (from, to) -> withHooks.fill(fillKeys, from, to));
            } else {
                // not measured, but built the same way, block by block in turn: with one store
                // filled after the other, an A/A control (both copies with hooks) read the store
                // filled second up to 13 % slower
                new Interleaved(true).run(fillKeys.length, (from, to) -> without.fill(fillKeys, from, to),
                        (from, to) -> withHooks.fill(fillKeys, from, to));
            }
            if (readKeys != null) {
                try {
                    without.awaitFlushes();
                    withHooks.awaitFlushes();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                for (int r = 0; r < (reads != null ? repeat : 1); r++) {
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
            deleteTree(dir);
        }
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

    /** Runs {@code block} with the counting listener attached to {@code engine} (attaching it is not timed). */
    private long listening(LsmEngine engine, java.util.function.LongSupplier block) {
        engine.addListener(compareCounter);
        try {
            return block.getAsLong();
        } finally {
            engine.removeListener(compareCounter);
        }
    }

    /** Microseconds per operation. */
    private static double perOp(long nanos, int ops) {
        return nanos / 1e3 / ops;
    }

    /** Times operations {@code from} (inclusive) to {@code to} (exclusive) of a workload, in nanoseconds. */
    @FunctionalInterface
    interface Block {
        long time(int from, int to);
    }

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
    static final class Interleaved {
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
            return runBaseOps == 0 ? 0 : perOp(runBaseNanos, (int) runBaseOps);
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
    }

    /**
     * With {@code --listener compare}: the time per operation with the counting listener, its cost
     * over all blocks, and how the pairs spread (median and middle half of the pairs' ratios).
     */
    private void reportListenerCost(String name, Interleaved turns) {
        if (!compare) {
            return;
        }
        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op with the counting listener | cost %+.1f%% (median of %d pairs of blocks of %d ops)%n",
                name, turns.measuredMicros(), turns.pairCost(0.5) * 100, turns.pairs(), turns.blockOps());
        reportSpread(turns);
    }

    /**
     * How the pairs spread, and the cost from all blocks' time: that one also counts the collector's
     * pauses (tens of milliseconds, over many one-millisecond blocks) on whichever side they fell,
     * which the median of the pairs leaves out; and the bytes the bench's thread allocated per
     * operation on each side (base/measured), which tells whether one side brings on more of those
     * pauses.
     */
    private void reportSpread(Interleaved turns) {
        out.printf(Locale.ROOT, "%-12s   pairs' middle half %+.1f%% to %+.1f%%; all blocks' time %+.1f%%; %s%n", "",
                turns.pairCost(0.25) * 100, turns.pairCost(0.75) * 100, turns.cost() * 100,
                Interleaved.ALLOCATION == null ? "allocation not counted (this runtime has no java.management)"
                        : String.format(Locale.ROOT, "allocated %.0f/%.0f bytes per op", turns.baseBytesPerOp(),
                                turns.measuredBytesPerOp()));
        out.flush();
    }

    private static double median(double[] runs) {
        double[] sorted = runs.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** What the figures are when {@code --repeat} asked for more than one run, and what else ({@code what}) they are. */
    private String repeated(String what) {
        return (repeat == 1 ? "" : " (median of " + repeat + " runs)") + what;
    }

    private void report(String name, double engineMicros, double mapMicros, String extra) {
        double mbPerSec = (KEY_SIZE + valueSize) / (engineMicros / 1e6) / (1024.0 * 1024.0);
        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op; %7.1f MB/s | skiplist %8.3f micros/op | ratio %5.2fx%s%n",
                name, engineMicros, mbPerSec, mapMicros, engineMicros / mapMicros, extra);
        out.flush();
    }

    private byte[][] keys(boolean random, long seed) {
        byte[][] keys = new byte[num][];
        Random r = new Random(seed);
        for (int i = 0; i < num; i++) {
            keys[i] = key(random ? r.nextInt(num) : i);
        }
        return keys;
    }

    static byte[] key(long n) {
        byte[] k = new byte[KEY_SIZE];
        for (int i = KEY_SIZE - 1; i >= 0; i--) {
            k[i] = (byte) ('0' + (n % 10));
            n /= 10;
        }
        return k;
    }

    private void warmUp(byte[][] keys) throws IOException {
        int n = Math.min(num, 200_000);
        Path dir = Files.createTempDirectory("lsmviz-bench-warmup");
        try (LsmEngine e = LsmEngine.open(dir, options)) { // sync none, as the fills
            // warm up the code the measured runs execute: with a listener, the event paths
            // (compare: the first half of each loop with the listener, the second without)
            EventListener warmCounter = counter(new LongAdder());
            if (countingListener || compare) {
                e.addListener(warmCounter);
            }
            ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
            for (int i = 0; i < n; i++) {
                if (compare && i == n / 2) {
                    e.removeListener(warmCounter);
                }
                e.put(keys[i], valuePool[i & 1023]);
                map.put(keys[i], valuePool[i & 1023]);
            }
            if (compare) {
                e.addListener(warmCounter);
            }
            for (int i = 0; i < n; i++) {
                if (compare && i == n / 2) {
                    e.removeListener(warmCounter);
                }
                e.get(keys[i]);
                map.get(keys[i]);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private LsmEngine openFresh(Path root, String name, LongAdder events, Options opts) throws IOException {
        Path dir = root.resolve(name);
        deleteTree(dir);
        LsmEngine e = LsmEngine.open(dir, opts);
        if (countingListener) {
            e.addListener(counter(events));
        }
        return e;
    }

    /**
     * The listener that counts events. {@code count}: a put's or get's events come as one batch
     * and are counted by its size, none of them built. {@code count-each}: a listener that only
     * implements {@code onEvent}, so each event is built and counted one at a time.
     */
    private EventListener counter(LongAdder events) {
        if (listener.equals("count-each")) {
            return ev -> events.increment();
        }
        return ev -> events.increment();
    }

    private double fillMap(ConcurrentSkipListMap<byte[], byte[]> map, byte[][] keys) {
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], valuePool[i & 1023]);
        }
        return (System.nanoTime() - t0) / 1e3 / keys.length;
    }

    /** Puts keys {@code from} to {@code to} (exclusive) with the bench's values; nanoseconds. */
    private long fillEngine(LsmEngine engine, byte[][] keys, int from, int to) {
        return fillEngine(engine, keys, valuePool, from, to);
    }

    /**
     * Puts keys {@code from} to {@code to} (exclusive), key {@code i} with {@code values[i & (n - 1)]}
     * ({@code n}, the number of values, a power of two); nanoseconds. The one fill loop every
     * measurement times, {@link HooksProbe}'s engine copies included.
     */
    static long fillEngine(LsmEngine engine, byte[][] keys, byte[][] values, int from, int to) {
        int mask = values.length - 1;
        long t0 = System.nanoTime();
        for (int i = from; i < to; i++) {
            engine.put(keys[i], values[i & mask]);
        }
        return System.nanoTime() - t0;
    }

    /** {@code n} writes shared by {@code threads} threads; microseconds per write (wall clock / n). */
    private double fillConcurrently(LsmEngine engine, byte[][] keys, int n) {
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers[t] = new Thread(() -> {
                for (int i = me; i < n; i += threads) {
                    engine.put(keys[i], valuePool[i & 1023]);
                }
            }, "bench-writer-" + t);
            workers[t].start();
        }
        try {
            Threads.joinAll(workers);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    private static double readMap(ConcurrentSkipListMap<byte[], byte[]> map, byte[][] keys, long[] found) {
        long t0 = System.nanoTime();
        long f = 0;
        for (byte[] k : keys) {
            if (map.get(k) != null) {
                f++;
            }
        }
        found[0] = f;
        return (System.nanoTime() - t0) / 1e3 / keys.length;
    }

    /** Reads keys {@code from} to {@code to} (exclusive), adding the keys found to {@code found[0]}; nanoseconds. */
    static long readEngine(LsmEngine engine, byte[][] keys, int from, int to, long[] found) {
        long t0 = System.nanoTime();
        long f = 0;
        for (int i = from; i < to; i++) {
            if (engine.get(keys[i]) != null) {
                f++;
            }
        }
        long nanos = System.nanoTime() - t0;
        found[0] += f;
        return nanos;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
