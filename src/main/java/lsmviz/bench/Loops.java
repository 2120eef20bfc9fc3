package lsmviz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import lsmviz.engine.LsmEngine;

/**
 * The loops every measurement times, the engine's and the skip list's alike, and the keys they
 * use: 16 bytes each, {@code %016d} of the key number. {@link HooksProbe}'s engine copies run
 * these same loops, compiled in their own copy.
 */
public final class Loops {
    public static final int KEY_SIZE = 16;

    private Loops() {}

    /** Key number {@code n}: its 16 decimal digits ({@code %016d}). */
    public static byte[] key(long n) {
        byte[] k = new byte[KEY_SIZE];
        for (int i = KEY_SIZE - 1; i >= 0; i--) {
            k[i] = (byte) ('0' + (n % 10));
            n /= 10;
        }
        return k;
    }

    /** Keys 0..num-1 in order, or num keys drawn uniformly from [0, num) with {@code seed}. */
    public static byte[][] keys(int num, boolean random, long seed) {
        byte[][] keys = new byte[num][];
        Random r = new Random(seed);
        for (int i = 0; i < num; i++) {
            keys[i] = key(random ? r.nextInt(num) : i);
        }
        return keys;
    }

    /**
     * Puts keys {@code from} to {@code to} (exclusive), key {@code i} with {@code values[i & (n - 1)]}
     * ({@code n}, the number of values, a power of two); nanoseconds.
     */
    static long fillEngine(LsmEngine engine, byte[][] keys, byte[][] values, int from, int to) {
        int mask = values.length - 1;
        long t0 = System.nanoTime();
        for (int i = from; i < to; i++) {
            engine.put(keys[i], values[i & mask]);
        }
        return System.nanoTime() - t0;
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

    /** The same fill on a bare skip list; microseconds per put. */
    static double fillMap(ConcurrentSkipListMap<byte[], byte[]> map, byte[][] keys, byte[][] values) {
        int mask = values.length - 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i & mask]);
        }
        return (System.nanoTime() - t0) / 1e3 / keys.length;
    }

    /** The same reads on a bare skip list, counting those found into {@code found[0]}; microseconds per get. */
    static double readMap(ConcurrentSkipListMap<byte[], byte[]> map, byte[][] keys, long[] found) {
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

    /** Deletes {@code root} and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path root) throws IOException {
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
