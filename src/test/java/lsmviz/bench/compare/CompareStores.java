package lsmviz.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The same db_bench-style workloads on our engine, on iq80 LevelDB and on RocksDB, in one JVM,
 * with the same keys and values ({@link Workloads}): fillrandom (N random puts into an empty
 * store, timed), the store brought to rest (not timed; bytes on disk measured then), readrandom
 * (N random gets, timed, every store required to find exactly the keys the fill wrote).
 *
 * <p>Each of {@code --repeat} runs has every store in turn, the first store moving one place from
 * run to run, each on an emptied directory; the figures are the medians. Before the runs each
 * store does an untimed warm-up (puts and gets of up to {@value #WARM_UP} keys) so that the
 * Java stores' code is compiled, and each timed loop starts after a GC, so that no store pays for
 * the garbage of the one before. Comparison tooling, not product code: it lives with the tests and
 * its stores are test dependencies.
 */
public final class CompareStores {
    static final List<String> STORES = List.of("ours", "leveldb", "rocksdb");
    private static final int WARM_UP = 200_000;
    private static final String USAGE = "usage: CompareStores [--num N] [--stores ours,leveldb,rocksdb] [--repeat R]"
            + " [--dir DIR]";

    /** What to run; {@code dir} null: a temporary directory, deleted at the end. */
    record Config(int num, List<String> stores, int repeat, Path dir) {
    }

    /** One store's figures: medians over the runs. {@code found}: keys readrandom found (the same in every run). */
    record Result(String store, double fillMicros, double readMicros, long restMillis, long bytes, long tableBytes,
            long found) {
    }

    private CompareStores() {}

    public static void main(String[] args) throws Exception {
        Config c;
        try {
            c = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(64);
            return;
        }
        run(c, System.out);
    }

    static Config parse(String[] args) {
        int num = 1_000_000;
        int repeat = 1;
        List<String> stores = STORES;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + ": a value is missing");
            }
            String v = args[++i];
            switch (a) {
                case "--num" -> num = positive(a, v);
                case "--repeat" -> repeat = positive(a, v);
                case "--dir" -> dir = Path.of(v);
                case "--stores" -> stores = stores(v);
                default -> throw new IllegalArgumentException(a + ": unknown option");
            }
        }
        return new Config(num, stores, repeat, dir);
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " " + v + ": a whole number of at least 1 is needed");
    }

    private static List<String> stores(String v) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String s : v.split(",")) {
            if (!STORES.contains(s.trim())) {
                throw new IllegalArgumentException("--stores " + v + ": " + s + " is none of " + STORES);
            }
            names.add(s.trim());
        }
        return List.copyOf(names);
    }

    static Store open(String name, Path dir) throws IOException {
        Workloads.deleteTree(dir);
        Files.createDirectories(dir);
        return switch (name) {
            case "ours" -> new OurStore(dir);
            case "leveldb" -> new LevelDbStore(dir);
            case "rocksdb" -> new RocksDbStore(dir);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Runs every store {@code c.repeat()} times and prints the figures; the results, in {@code c.stores()} order. */
    static List<Result> run(Config c, PrintStream out) throws IOException, InterruptedException {
        int[] fillNumbers = Workloads.numbers(c.num(), Workloads.FILL_SEED);
        int[] readNumbers = Workloads.numbers(c.num(), Workloads.READ_SEED);
        byte[][] fillKeys = Workloads.keys(fillNumbers);
        byte[][] readKeys = Workloads.keys(readNumbers);
        byte[][] values = Workloads.values();
        long expected = Workloads.expectedFound(fillNumbers, readNumbers, c.num());
        Path root = c.dir() != null ? Files.createDirectories(c.dir()) : Files.createTempDirectory("lsmviz-compare");
        int n = c.stores().size();
        Runs[] runs = new Runs[n];
        try {
            header(c, out);
            for (int s = 0; s < n; s++) {
                runs[s] = new Runs(c.repeat());
                warmUp(c.stores().get(s), root, fillKeys, values, out);
            }
            out.println("------------------------------------------------");
            for (int r = 0; r < c.repeat(); r++) {
                for (int i = 0; i < n; i++) {
                    int s = (i + r) % n;
                    runs[s].measure(r, c.stores().get(s), root, fillKeys, readKeys, values, expected);
                }
            }
        } finally {
            if (c.dir() == null) {
                Workloads.deleteTree(root);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            results.add(runs[s].result(c.stores().get(s)));
        }
        new CompareReport(out, c.num(), c.repeat()).print(results);
        return results;
    }

    private static void header(Config c, PrintStream out) {
        out.printf(Locale.ROOT, "Keys:       %d bytes each%n", Workloads.KEY_SIZE);
        out.printf(Locale.ROOT, "Values:     %d bytes each (a pool of 1024 random arrays, seed 42)%n",
                Workloads.VALUE_SIZE);
        out.printf(Locale.ROOT, "Entries:    %d (fillrandom seed %d, readrandom seed %d)%n", c.num(),
                Workloads.FILL_SEED, Workloads.READ_SEED);
        out.printf(Locale.ROOT, "Runs:       %d, the stores in turn (the first moves one place each run), after an"
                + " untimed warm-up of %d puts and gets each; a GC before each timed loop%n", c.repeat(),
                Math.min(c.num(), WARM_UP));
        out.printf(Locale.ROOT, "Ratios:     ours / that store: above 1, ours takes longer or uses more disk%n");
        out.printf(Locale.ROOT, "JVM:        %s %s, %d cores%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        out.flush();
    }

    /** Untimed puts and gets in a scratch directory, then deleted; prints the store's options. */
    private static void warmUp(String name, Path root, byte[][] keys, byte[][] values, PrintStream out)
            throws IOException {
        Path dir = root.resolve(name + "-warmup");
        int w = Math.min(keys.length, WARM_UP);
        try (Store store = open(name, dir)) {
            out.printf(Locale.ROOT, "%-11s %s%n", name + ":", store.description());
            out.flush();
            for (int i = 0; i < w; i++) {
                store.put(keys[i], values[i & (values.length - 1)]);
            }
            for (int i = 0; i < w; i++) {
                store.get(keys[i]);
            }
        }
        Workloads.deleteTree(dir);
    }

    /** One store's figures, run by run. */
    private static final class Runs {
        private final double[] fill;
        private final double[] read;
        private final double[] rest;
        private final double[] bytes;
        private final double[] tables;
        private long found;

        Runs(int repeat) {
            fill = new double[repeat];
            read = new double[repeat];
            rest = new double[repeat];
            bytes = new double[repeat];
            tables = new double[repeat];
        }

        void measure(int r, String name, Path root, byte[][] fillKeys, byte[][] readKeys, byte[][] values,
                long expected) throws IOException, InterruptedException {
            int mask = values.length - 1;
            try (Store store = open(name, root.resolve(name))) {
                System.gc();
                long t0 = System.nanoTime();
                for (int i = 0; i < fillKeys.length; i++) {
                    store.put(fillKeys[i], values[i & mask]);
                }
                fill[r] = (System.nanoTime() - t0) / 1e3 / fillKeys.length;
                t0 = System.nanoTime();
                store.awaitRest();
                rest[r] = (System.nanoTime() - t0) / 1e6;
                bytes[r] = store.bytesOnDisk();
                tables[r] = store.tableBytes();
                System.gc();
                long f = 0;
                t0 = System.nanoTime();
                for (byte[] k : readKeys) {
                    if (store.get(k) != null) {
                        f++;
                    }
                }
                read[r] = (System.nanoTime() - t0) / 1e3 / readKeys.length;
                if (f != expected) {
                    throw new IllegalStateException("readrandom: " + name + " found " + f + " keys, the fill wrote "
                            + expected + " of those read: the comparison would be of different work");
                }
                found = f;
            }
        }

        Result result(String name) {
            return new Result(name, Workloads.median(fill), Workloads.median(read), (long) Workloads.median(rest),
                    (long) Workloads.median(bytes), (long) Workloads.median(tables), found);
        }
    }
}
