package lsmviz.cli;

import java.nio.charset.StandardCharsets;

/**
 * The keys and values that {@code load} writes and {@code verify} checks, so that anyone can
 * recompute them:
 * <ul>
 *   <li>key {@code n} is {@code "k"} followed by {@code n} in 16 zero-padded decimal digits, e.g.
 *       {@code k0000000000000042};</li>
 *   <li>its value is the text {@code "v<n>."} (e.g. {@code v42.}) repeated and cut to exactly
 *       {@code --value-size} bytes (default 100).</li>
 * </ul>
 */
final class LoadKeys {
    private LoadKeys() {}

    static byte[] key(long n) {
        return String.format("k%016d", n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] value(long n, int size) {
        byte[] unit = ("v" + n + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            v[i] = unit[i % unit.length];
        }
        return v;
    }
}
