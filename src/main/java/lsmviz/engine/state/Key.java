package lsmviz.engine.state;

import java.util.Arrays;
import lsmviz.engine.types.Bytes;

/** A key as compaction compares it: bytes in the engine's one order (unsigned lexicographic). */
public record Key(byte[] bytes) implements Comparable<Key> {
    public Key {
        bytes = bytes.clone();
    }

    public static Key of(String utf8) {
        return new Key(Bytes.utf8(utf8));
    }

    @Override
    public int compareTo(Key o) {
        return Bytes.compare(bytes, o.bytes);
    }

    public static Key min(Key a, Key b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Key max(Key a, Key b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return Bytes.display(bytes);
    }
}
