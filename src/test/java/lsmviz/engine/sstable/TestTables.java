package lsmviz.engine.sstable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/** Deterministic test data and small helpers shared by the SSTable tests. */
final class TestTables {
    private TestTables() {}

    /**
     * {@code n} distinct random keys (1..24 random bytes, including 0x00 and 0xFF) in key order,
     * values of 0..100 random bytes, about {@code tombstoneFraction} of them tombstones.
     */
    static List<KeyValue> randomEntries(long seed, int n, double tombstoneFraction) {
        Random rnd = new Random(seed);
        TreeMap<byte[], byte[]> map = new TreeMap<>(Bytes.ORDER);
        while (map.size() < n) {
            byte[] k = new byte[1 + rnd.nextInt(24)];
            rnd.nextBytes(k);
            byte[] v = null;
            if (rnd.nextDouble() >= tombstoneFraction) {
                v = new byte[rnd.nextInt(101)];
                rnd.nextBytes(v);
            }
            map.put(k, v);
        }
        List<KeyValue> out = new ArrayList<>(n);
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            out.add(new KeyValue(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Entries "key000000".."key{n-1}" with values "value-i", every 7th one a tombstone. */
    static List<KeyValue> sequentialEntries(int n) {
        List<KeyValue> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new KeyValue(key(i), i % 7 == 3 ? null : Bytes.utf8("value-" + i)));
        }
        return out;
    }

    static byte[] key(int i) {
        return Bytes.utf8(String.format("key%06d", i));
    }

    static SSTableInfo write(Path file, List<KeyValue> entries, int blockSize, int bitsPerKey) throws IOException {
        return SSTableWriter.write(file, 1, entries.iterator(), blockSize, bitsPerKey, SSTableWriter.Progress.NONE);
    }

    /** Encoded size of one entry in a data block, plus its slot in the offsets array. */
    static int encodedSize(KeyValue kv) {
        int v = kv.value() == null ? 0 : kv.value().length;
        return 1 + Format.varintSize(kv.key().length) + Format.varintSize(v) + kv.key().length + v + 4;
    }

    static String str(KeyValue kv) {
        return kv.toString();
    }
}
