package lsmviz.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import java.util.stream.Stream;
import lsmviz.bench.Loops;

/**
 * The keys and values of {@code lsmviz bench}, made the same way (see {@code lsmviz.bench.Loops}
 * and {@code Bench}'s value pool; {@code CompareStoresTest} checks they stay equal): 16-byte keys,
 * {@code %016d} of the key number, drawn uniformly from [0, num) with a fixed seed; 100-byte values
 * from a pool of 1024 random arrays (seed 42), key {@code i} of a loop taking value {@code i & 1023}.
 */
final class Workloads {
    static final int KEY_SIZE = 16;
    static final int VALUE_SIZE = 100;
    /** The seeds of the bench's fillrandom and readrandom. */
    static final long FILL_SEED = 301;
    static final long READ_SEED = 302;
    private static final int POOL = 1024;

    private Workloads() {}

    /** The bench's own key: {@link Loops#key}. */
    static byte[] key(long n) {
        return Loops.key(n);
    }

    /** {@code num} key numbers drawn uniformly from [0, num) with {@code seed}. */
    static int[] numbers(int num, long seed) {
        Random r = new Random(seed);
        int[] n = new int[num];
        for (int i = 0; i < num; i++) {
            n[i] = r.nextInt(num);
        }
        return n;
    }

    static byte[][] keys(int[] numbers) {
        byte[][] keys = new byte[numbers.length][];
        for (int i = 0; i < numbers.length; i++) {
            keys[i] = key(numbers[i]);
        }
        return keys;
    }

    /** The value pool: {@value #POOL} arrays of {@value #VALUE_SIZE} random bytes, seed 42. */
    static byte[][] values() {
        Random r = new Random(42);
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = new byte[VALUE_SIZE];
            r.nextBytes(pool[i]);
        }
        return pool;
    }

    /** How many of the reads must find their key after the fill: what every store must report. */
    static long expectedFound(int[] filled, int[] read, int num) {
        BitSet present = new BitSet(num);
        for (int n : filled) {
            present.set(n);
        }
        return Arrays.stream(read).filter(present::get).count();
    }

    /** The bytes of the regular files under {@code dir}; with {@code tablesOnly}, of .sst and .ldb files alone. */
    static long bytesUnder(Path dir, boolean tablesOnly) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!tablesOnly || name.endsWith(".sst") || name.endsWith(".ldb")) {
                    sum += Files.size(p);
                }
            }
            return sum;
        }
    }

    static void deleteTree(Path root) throws IOException {
        Loops.deleteTree(root);
    }

    static double median(double[] runs) {
        double[] sorted = runs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
