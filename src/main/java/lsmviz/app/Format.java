package lsmviz.app;

import java.util.Locale;

/** Numbers for people. */
public final class Format {
    private Format() {}

    public static String bytes(long b) {
        return lsmviz.engine.types.Bytes.size(b);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 key", "2 keys": a count with its noun, singular or plural. */
    public static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    /** "1 entry", "3 entries". */
    public static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    public static String keyRange(String min, String max) {
        if (min == null) {
            return "empty";
        }
        return min.equals(max) ? shorten(min, 18) : shorten(min, 14) + " … " + shorten(max, 14);
    }

    public static String shorten(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }
}
