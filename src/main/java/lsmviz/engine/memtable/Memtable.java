package lsmviz.engine.memtable;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/**
 * An in-memory sorted table of the newest writes: a {@link ConcurrentSkipListMap} in unsigned
 * lexicographic key order. A delete stores a tombstone. Safe for concurrent writers and readers;
 * the engine stops writing into it once it is frozen.
 */
public final class Memtable {
    /** Stored in place of a value for a deleted key; compared by identity. */
    private static final byte[] TOMBSTONE = new byte[0];
    /** Bookkeeping bytes a skip-list entry costs beyond key and value (node, index, array headers). */
    public static final int ENTRY_OVERHEAD = 64;

    private final long id;
    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Bytes.ORDER);
    private final AtomicLong sizeBytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    public Memtable(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** Writes a value ({@code null} for a tombstone) and returns the memtable's new approximate size. */
    public long put(byte[] key, byte[] value) {
        byte[] previous = map.put(key, value == null ? TOMBSTONE : value);
        if (previous == null) {
            entries.incrementAndGet();
        }
        return sizeBytes.addAndGet(key.length + (value == null ? 0 : value.length) + ENTRY_OVERHEAD);
    }

    /**
     * Looks a key up: {@code null} when the key is not here, a {@link KeyValue} with a null value
     * when it was deleted here.
     */
    public KeyValue get(byte[] key) {
        byte[] v = map.get(key);
        if (v == null) {
            return null;
        }
        return new KeyValue(key, v == TOMBSTONE ? null : v);
    }

    /** Approximate bytes: keys, values and per-entry overhead, counting overwritten versions too. */
    public long sizeBytes() {
        return sizeBytes.get();
    }

    /** Distinct keys, tombstones included. */
    public long entryCount() {
        return entries.get();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public byte[] minKey() {
        Map.Entry<byte[], byte[]> e = map.firstEntry();
        return e == null ? null : e.getKey();
    }

    public byte[] maxKey() {
        Map.Entry<byte[], byte[]> e = map.lastEntry();
        return e == null ? null : e.getKey();
    }

    /** Records in key order over [from, to) (null bounds are open), tombstones included. */
    public Iterator<KeyValue> iterator(byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> view = map;
        if (from != null && to != null) {
            view = Bytes.compare(from, to) >= 0 ? new ConcurrentSkipListMap<>(Bytes.ORDER) : map.subMap(from, true, to, false);
        } else if (from != null) {
            view = map.tailMap(from, true);
        } else if (to != null) {
            view = map.headMap(to, false);
        }
        Iterator<Map.Entry<byte[], byte[]>> it = view.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue next() {
                Map.Entry<byte[], byte[]> e = it.next();
                return new KeyValue(e.getKey(), e.getValue() == TOMBSTONE ? null : e.getValue());
            }
        };
    }

    public Iterator<KeyValue> iterator() {
        return iterator(null, null);
    }

    @Override
    public String toString() {
        return "memtable #" + id + " (" + entryCount() + " entries, " + sizeBytes() + " bytes)";
    }
}
