package lsmviz.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.SyncMode;

/**
 * {@code lsmviz bench}: db_bench-style figures for the engine, each beside the same workload on a
 * bare {@link ConcurrentSkipListMap} (same keys, same values, same comparator) in the same run.
 * Uses the JDK and the engine alone; its command line is read by {@code lsmviz.cli}.
 *
 * <p>Keys are 16 bytes ({@code %016d} of the key number), values {@code --value-size} bytes from a
 * pool of random arrays. fillrandom and readrandom draw key numbers uniformly from [0, num) with a
 * fixed seed, so both sides see the same sequence. Each fill starts from an empty store; readrandom
 * reads the store that fillrandom left (filled first if fillrandom was not asked for).
 *
 * <p>With a comparing listener mode ({@link ListenerMode#compares()}), each run of fillseq,
 * fillrandom and readrandom has blocks of operations take turns without the listener and with
 * it: its cost from the same store, the same moment of the run and the same process (see
 * {@link Interleaved}). {@code --hooks compare} measures the hooks with no listener against the
 * engine with them compiled out ({@link HooksComparison}).
 */
public final class Bench {
    /** Writes in fillsync: every one waits for the disk. */
    private static final int SYNC_WRITES = 10_000;

    private final BenchConfig c;
    private final PrintStream out;
    private final BenchReport report;
    /** As in db_bench, only fillsync waits for the disk: the other workloads write without fsync. */
    private final Options options;
    private final Options syncOptions;
    private final byte[][] valuePool;
    private final LongAdder events = new LongAdder();
    private final boolean listening;
    /** The listener of the comparing modes: one for the whole run, attached block by block. */
    private EventListener compareListener;
    /** Every listener the bench made: closed (the queueing one drained) before the count. */
    private final List<EventListener> made = new ArrayList<>();

    private byte[][] seqKeys;
    private byte[][] randomKeys;
    private byte[][] readKeys;
    private Path root;
    /** The store fillrandom left (or readrandom or readseq filled), and the skip list beside it. */
    private LsmEngine filled;
    private ConcurrentSkipListMap<byte[], byte[]> filledMap;

    public Bench(BenchConfig config, PrintStream out) {
        this.c = config;
        this.out = out;
        this.report = new BenchReport(config, out);
        this.options = config.options().withSyncMode(SyncMode.NONE);
        this.syncOptions = config.options().withSyncMode(config.syncMode());
        this.listening = config.listener() != ListenerMode.NONE;
        Random r = new Random(42);
        valuePool = new byte[1024][];
        for (int i = 0; i < valuePool.length; i++) {
            valuePool[i] = new byte[config.valueSize()];
            r.nextBytes(valuePool[i]);
        }
    }

    /** Runs every benchmark asked for; false when it was interrupted. */
    public boolean run() throws IOException {
        printHeader();
        seqKeys = Loops.keys(c.num(), false, 0);
        randomKeys = Loops.keys(c.num(), true, 301);
        readKeys = Loops.keys(c.num(), true, 302);
        if (!c.hooksCompare()) {
            warmUp(randomKeys);
        }
        root = c.dir() != null ? Files.createDirectories(c.dir()) : Files.createTempDirectory("lsmviz-bench");
        try {
            if (c.hooksCompare()) {
                new HooksBench(c, out, options, valuePool, seqKeys, randomKeys, readKeys, root).run();
                return true;
            }
            for (Benchmark b : c.benchmarks()) {
                switch (b) {
                    case FILLSEQ, FILLRANDOM -> fill(b);
                    case OVERWRITE -> overwrite();
                    case READSEQ -> readSeq();
                    case FILLSYNC -> fillSync();
                    case COMPACT -> {
                        if (!compact()) {
                            return false;
                        }
                    }
                    case READRANDOM -> {
                        if (!readRandom()) {
                            return false;
                        }
                    }
                    default -> throw new IllegalStateException(b.toString());
                }
            }
        } finally {
            if (filled != null) {
                filled.close();
            }
            made.forEach(Bench::closeListener);
            if (c.dir() == null) {
                Loops.deleteTree(root);
            }
        }
        if (listening) {
            out.printf(Locale.ROOT, "events counted: %d%n", events.sum());
        }
        return true;
    }

    private void printHeader() {
        out.printf(Locale.ROOT, "Keys:       %d bytes each%n", Loops.KEY_SIZE);
        out.printf(Locale.ROOT, "Values:     %d bytes each%n", c.valueSize());
        out.printf(Locale.ROOT, "Entries:    %d%n", c.num());
        out.printf(Locale.ROOT, "Engine:     memtable %d B, block %d B, max immutable %d, bloom %d bits/key, %s flush%n",
                options.memtableSizeBytes(), options.blockSizeBytes(), options.maxImmutableMemtables(),
                options.bloomBitsPerKey(), options.flushMode().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "Compaction: %s, sstable target %s, L0 trigger %d, slowdown %d, stop %d%n",
                options.compaction().style().name().toLowerCase(Locale.ROOT), Bytes.size(options.sstableTargetBytes()),
                options.compaction().l0Trigger(), options.compaction().l0Slowdown(), options.compaction().l0Stop());
        out.printf(Locale.ROOT, "Sync:       none (fillsync: %s, %d writes, %d thread%s)%n",
                syncOptions.syncMode().name().toLowerCase(Locale.ROOT), SYNC_WRITES, c.threads(),
                c.threads() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "Events:     hooks %s, listener %s%s%n", c.hooksCompare()
                ? "on and compiled out (two copies of the engine in this process, blocks taking turns)"
                : EventBus.HOOKS ? "on" : "compiled out", c.listener().description(),
                listening && c.detail() == EventListener.Detail.STRUCTURE ? ", detail structure" : "");
        out.printf(Locale.ROOT, "JVM:        %s %s, %d cores%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        out.println("------------------------------------------------");
    }

    /** fillseq or fillrandom: {@code --repeat} runs, each into an empty store; the last one stays. */
    private void fill(Benchmark b) throws IOException {
        byte[][] keys = b == Benchmark.FILLSEQ ? seqKeys : randomKeys;
        if (filled != null && b == Benchmark.FILLRANDOM) {
            filled.close();
        }
        double[] mapRuns = new double[c.repeat()];
        double[] engineRuns = new double[c.repeat()];
        Interleaved turns = new Interleaved(false);
        ConcurrentSkipListMap<byte[], byte[]> map = null;
        LsmEngine engine = null;
        for (int r = 0; r < c.repeat(); r++) {
            map = new ConcurrentSkipListMap<>(Bytes.ORDER);
            mapRuns[r] = Loops.fillMap(map, keys, valuePool);
            if (engine != null) {
                engine.close(); // each run fills an empty store; the last one stays
            }
            engine = openFresh(b.label(), options);
            LsmEngine e = engine;
            engineRuns[r] = c.listener().compares()
                    ? turns.run(keys.length, (from, to) -> Loops.fillEngine(e, keys, valuePool, from, to),
                            (from, to) -> listening(e, () -> Loops.fillEngine(e, keys, valuePool, from, to)))
                    : BenchReport.perOp(Loops.fillEngine(engine, keys, valuePool, 0, keys.length), keys.length);
        }
        report.line(b.label(), BenchReport.median(engineRuns), BenchReport.median(mapRuns),
                report.repeated(report.withoutListener()));
        report.listenerCost(b.label(), turns);
        if (!LevelsFigures.atRest(out, engine)) {
            return;
        }
        if (b == Benchmark.FILLRANDOM) {
            filled = engine;
            filledMap = map;
        } else {
            engine.close();
        }
    }

    /** compact: compacts fillrandom's store into one level. False if interrupted. */
    private boolean compact() throws IOException {
        ensureFilled("compact");
        return LevelsFigures.compact(out, filled);
    }

    /** overwrite: random writes over a store that already holds every key once. */
    private void overwrite() throws IOException {
        ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
        Loops.fillMap(map, seqKeys, valuePool);
        double mapMicros = Loops.fillMap(map, randomKeys, valuePool);
        LsmEngine engine = openFresh("overwrite", options);
        Loops.fillEngine(engine, seqKeys, valuePool, 0, seqKeys.length);
        double engineMicros = BenchReport.perOp(Loops.fillEngine(engine, randomKeys, valuePool, 0, randomKeys.length),
                randomKeys.length);
        engine.close();
        report.line("overwrite", engineMicros, mapMicros, "");
    }

    /** The store readrandom and readseq read: fillrandom's, or filled now. */
    private void ensureFilled(String name) throws IOException {
        if (filled == null) {
            filledMap = new ConcurrentSkipListMap<>(Bytes.ORDER);
            Loops.fillMap(filledMap, randomKeys, valuePool);
            filled = openFresh(name, options);
            Loops.fillEngine(filled, randomKeys, valuePool, 0, randomKeys.length);
        }
    }

    /** readseq: one scan over the whole store in key order. */
    private void readSeq() throws IOException {
        ensureFilled("readseq");
        long t0 = System.nanoTime();
        long mapCount = 0;
        for (var it = filledMap.entrySet().iterator(); it.hasNext(); it.next()) {
            mapCount++;
        }
        double mapMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, mapCount);
        t0 = System.nanoTime();
        long engineCount = 0;
        try (var it = filled.scanInto(null, null)) {
            for (; it.hasNext(); it.next()) {
                engineCount++;
            }
        }
        double engineMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, engineCount);
        if (engineCount != mapCount) {
            throw new IllegalStateException("readseq: the engine has " + engineCount
                    + " entries, the skip list " + mapCount + ": the engine is wrong");
        }
        report.line("readseq", engineMicros, mapMicros, String.format(Locale.ROOT, " (%d entries in key order)",
                engineCount));
    }

    /** fillsync: {@code --threads} writers sharing writes that each wait for the disk. */
    private void fillSync() throws IOException {
        LsmEngine engine = openFresh("fillsync", syncOptions);
        int n = Math.min(c.num(), SYNC_WRITES);
        double micros = fillConcurrently(engine, randomKeys, n);
        engine.close();
        double mbPerSec = (Loops.KEY_SIZE + c.valueSize()) / (micros / 1e6) / (1024.0 * 1024.0);
        out.printf(Locale.ROOT, "%-12s : %10.3f micros/op; %7.1f MB/s | %s, %d writes, %d thread%s%n",
                "fillsync", micros, mbPerSec, syncOptions.syncMode().name().toLowerCase(Locale.ROOT), n, c.threads(),
                c.threads() == 1 ? "" : "s");
        out.flush();
    }

    /** readrandom: random reads of the store at rest, {@code --repeat} runs. False if interrupted. */
    private boolean readRandom() throws IOException {
        ensureFilled("readrandom");
        if (!LevelsFigures.settle(filled)) { // read the store at rest, as db_bench does after a fill
            return false;
        }
        long[] foundMap = new long[1];
        long[] found = new long[1];
        double[] mapRuns = new double[c.repeat()];
        double[] engineRuns = new double[c.repeat()];
        Interleaved turns = new Interleaved(false);
        LsmEngine store = filled;
        for (int r = 0; r < c.repeat(); r++) {
            mapRuns[r] = Loops.readMap(filledMap, readKeys, foundMap);
            found[0] = 0;
            engineRuns[r] = c.listener().compares() ? turns.run(readKeys.length,
                    (from, to) -> Loops.readEngine(store, readKeys, from, to, found),
                    (from, to) -> listening(store, () -> Loops.readEngine(store, readKeys, from, to, found)))
                    : BenchReport.perOp(Loops.readEngine(store, readKeys, 0, readKeys.length, found), readKeys.length);
        }
        if (found[0] != foundMap[0]) {
            throw new IllegalStateException("readrandom: the engine found " + found[0]
                    + " keys, the skip list " + foundMap[0] + ": the engine is wrong");
        }
        report.line("readrandom", BenchReport.median(engineRuns), BenchReport.median(mapRuns), String.format(Locale.ROOT,
                " (%d of %d found; %d sstables, %d immutable memtables; %.2f tables probed per get)", found[0],
                c.num(), filled.snapshot().sstables().size(), filled.snapshot().immutables().size(),
                filled.levels(false).tablesPerGet())
                + report.repeated(report.withoutListener()));
        report.listenerCost("readrandom", turns);
        return true;
    }

    /** A new listener of the mode asked for, counting into {@link #events}. */
    private EventListener newListener(LongAdder counter) {
        EventListener l = c.listener().queues() ? new BenchListeners.Queueing(counter, c.detail())
                : BenchListeners.counting(counter, c.detail());
        made.add(l);
        return l;
    }

    private static void closeListener(EventListener l) {
        if (l instanceof BenchListeners.Queueing q) {
            q.close();
        }
    }

    /** Runs {@code block} with the listener attached to {@code engine} (attaching it is not timed). */
    private long listening(LsmEngine engine, LongSupplier block) {
        EventListener l = compareListener;
        engine.addListener(l);
        try {
            return block.getAsLong();
        } finally {
            engine.removeListener(l);
        }
    }

    private void warmUp(byte[][] keys) throws IOException {
        int n = Math.min(c.num(), 200_000);
        Path dir = Files.createTempDirectory("lsmviz-bench-warmup");
        EventListener warm = newListener(new LongAdder());
        boolean compare = c.listener().compares();
        try (LsmEngine e = LsmEngine.open(dir, options)) { // sync none, as the fills
            // warm up the code the measured runs execute: with a listener, the event paths
            // (compare: the first half of each loop with the listener, the second without)
            if (listening) {
                e.addListener(warm);
            }
            ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
            for (int i = 0; i < n; i++) {
                if (compare && i == n / 2) {
                    e.removeListener(warm);
                }
                e.put(keys[i], valuePool[i & 1023]);
                map.put(keys[i], valuePool[i & 1023]);
            }
            if (compare) {
                e.addListener(warm);
            }
            for (int i = 0; i < n; i++) {
                if (compare && i == n / 2) {
                    e.removeListener(warm);
                }
                e.get(keys[i]);
                map.get(keys[i]);
            }
        } finally {
            Loops.deleteTree(dir);
        }
        if (compare) {
            compareListener = newListener(events);
        }
    }

    private LsmEngine openFresh(String name, Options opts) throws IOException {
        Path dir = root.resolve(name);
        Loops.deleteTree(dir);
        LsmEngine e = LsmEngine.open(dir, opts);
        if (listening && !c.listener().compares()) {
            e.addListener(newListener(events));
        }
        return e;
    }

    /** {@code n} writes shared by the threads; microseconds per write (wall clock / n). */
    private double fillConcurrently(LsmEngine engine, byte[][] keys, int n) {
        Thread[] workers = new Thread[c.threads()];
        long t0 = System.nanoTime();
        for (int t = 0; t < workers.length; t++) {
            int me = t;
            workers[t] = new Thread(() -> {
                for (int i = me; i < n; i += workers.length) {
                    engine.put(keys[i], valuePool[i & 1023]);
                }
            }, "bench-writer-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }

}
