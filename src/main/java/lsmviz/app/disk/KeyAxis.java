package lsmviz.app.disk;

import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Where a key sits across the width of the level view, the same on every level (Pebble's
 * {@code lsmview} lays tables out this way): the first and last keys of every table, sorted and
 * spread evenly from 0 to 1, so a key between two of them sits halfway. Keys are compared as the
 * engine shows them (as text).
 */
final class KeyAxis {
    private final String[] keys;

    private KeyAxis(String[] keys) {
        this.keys = keys;
    }

    /** An axis over {@code bounds}: every table's first and last key (nulls left out). */
    static KeyAxis of(Collection<String> bounds) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String k : bounds) {
            if (k != null) {
                sorted.add(k);
            }
        }
        return new KeyAxis(sorted.toArray(String[]::new));
    }

    boolean isEmpty() {
        return keys.length == 0;
    }

    /** Where {@code key} sits, from 0 (the first key of any table) to 1 (the last). */
    double at(String key) {
        if (keys.length <= 1) {
            return 0.5;
        }
        int i = Arrays.binarySearch(keys, key);
        double rank = i >= 0 ? i : -i - 1 - 0.5; // between two bounds: halfway
        return Math.max(0, Math.min(1, rank / (keys.length - 1)));
    }
}
