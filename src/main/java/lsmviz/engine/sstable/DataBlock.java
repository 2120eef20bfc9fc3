package lsmviz.engine.sstable;

import static lsmviz.engine.sstable.Format.BLOCK_TRAILER;
import static lsmviz.engine.sstable.Format.KIND_PUT;
import static lsmviz.engine.sstable.Format.KIND_TOMBSTONE;
import static lsmviz.engine.sstable.Format.MIN_ENTRY;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.KeyValue;

/**
 * One data block of a table, read in place from the table's mapping (see the package
 * documentation for its bytes). Reading it ({@link #read}) checks its CRC32C and its entry count;
 * decoding an entry checks that entry's header, in one place ({@link #entry}). No value is ever
 * returned from bytes that failed a check.
 */
final class DataBlock {
    /** A decoded entry header: absolute positions in the mapping. One per reader, reused. */
    static final class Entry {
        boolean tombstone;
        int keyPos;
        int keyLen;
        int valLen;

        int end() {
            return keyPos + keyLen + valLen;
        }
    }

    private final Path path;
    private final ByteBuffer m;
    private final int blockNo;
    /** Absolute offset of the block. */
    private final int start;
    /** Absolute offset of the entry-offsets array: where the entry area ends. */
    private final int limit;
    private final int count;

    private DataBlock(Path path, ByteBuffer m, int blockNo, int start, int limit, int count) {
        this.path = path;
        this.m = m;
        this.blockNo = blockNo;
        this.start = start;
        this.limit = limit;
        this.count = count;
    }

    /** Block {@code b} of the table, its CRC and entry count checked against the index. */
    static DataBlock read(Path path, ByteBuffer m, IndexBlock index, int b) {
        int start = index.offset(b);
        int len = index.length(b);
        int stored = m.getInt(start + len - 4);
        int actual = Format.crc(m, start, len - 4);
        if (stored != actual) {
            throw new CorruptionException(path, start, Format.crcMismatch("data block " + b, stored, actual));
        }
        int cnt = m.getInt(start + len - BLOCK_TRAILER);
        if (cnt != index.count(b)) {
            throw new CorruptionException(path, start, "data block " + b + ": holds " + Integer.toUnsignedString(cnt)
                    + " entries but the index says " + index.count(b));
        }
        // in range: the index was validated at open
        return new DataBlock(path, m, b, start, start + len - BLOCK_TRAILER - 4 * cnt, cnt);
    }

    int count() {
        return count;
    }

    private CorruptionException corrupt(String what) {
        return new CorruptionException(path, start, "data block " + blockNo + ": " + what);
    }

    /** Decodes the header of entry {@code i} into {@code e}; throws if it is damaged. */
    Entry entry(int i, Entry e) {
        int eo = m.getInt(limit + 4 * i);
        if (eo < 0 || eo > limit - start - MIN_ENTRY) {
            throw corrupt("entry " + i + " offset " + Integer.toUnsignedString(eo) + " outside the "
                    + (limit - start) + "-byte entry area");
        }
        int p = start + eo;
        byte kind = m.get(p);
        if (kind != KIND_PUT && kind != KIND_TOMBSTONE) {
            throw corrupt("entry at offset " + eo + " has unknown kind " + kind);
        }
        long kv = Format.readVarint(m, p + 1, limit);
        if (kv < 0) {
            throw corrupt("bad key length at offset " + eo);
        }
        long vv = Format.readVarint(m, (int) kv, limit);
        if (vv < 0) {
            throw corrupt("bad value length at offset " + eo);
        }
        int klen = (int) (kv >>> 32);
        int vlen = (int) (vv >>> 32);
        int keyPos = (int) vv;
        if (klen > limit - keyPos || vlen > limit - keyPos - klen || (kind == KIND_TOMBSTONE && vlen != 0)) {
            throw corrupt("entry at offset " + eo + " (key " + klen + " bytes, value " + vlen
                    + " bytes) runs past the entry area");
        }
        e.tombstone = kind == KIND_TOMBSTONE;
        e.keyPos = keyPos;
        e.keyLen = klen;
        e.valLen = vlen;
        return e;
    }

    /** {@code key} compared with the key of the decoded entry {@code e}. */
    int compare(byte[] key, Entry e) {
        return Format.compareKey(key, m, e.keyPos, e.keyLen);
    }

    /** The decoded entry {@code e} as a record, its bytes copied out of the mapping. */
    KeyValue keyValue(Entry e) {
        byte[] k = new byte[e.keyLen];
        m.get(e.keyPos, k);
        if (e.tombstone) {
            return KeyValue.tombstone(k);
        }
        byte[] v = new byte[e.valLen];
        m.get(e.keyPos + e.keyLen, v);
        return new KeyValue(k, v);
    }

    /** The index of the first entry whose key is &gt;= {@code key} ({@link #count()} if none). */
    int seek(byte[] key, Entry e) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(key, entry(mid, e)) > 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The record of {@code key} in this block, or null. */
    KeyValue get(byte[] key) {
        Entry e = new Entry();
        int i = seek(key, e);
        return i < count && compare(key, entry(i, e)) == 0 ? keyValue(e) : null;
    }

    /**
     * Every record, with the whole structure checked: entries contiguous and matching the offsets
     * array, keys strictly increasing and matching the index's {@code firstKey..lastKey}.
     */
    List<KeyValue> decodeAll(byte[] firstKey, byte[] lastKey) {
        List<KeyValue> out = new ArrayList<>(count);
        Entry e = new Entry();
        int pos = start;
        byte[] prev = null;
        for (int i = 0; i < count; i++) {
            int eo = m.getInt(limit + 4 * i);
            if (start + (long) eo != pos) {
                throw corrupt("entry " + i + " recorded at offset " + Integer.toUnsignedString(eo) + " but found at "
                        + (pos - start));
            }
            KeyValue kv = keyValue(entry(i, e));
            if (prev != null && Bytes.compare(kv.key(), prev) <= 0) {
                throw corrupt("entry " + i + " key " + Bytes.display(kv.key()) + " is not after " + Bytes.display(prev));
            }
            out.add(kv);
            prev = kv.key();
            pos = e.end();
        }
        if (pos != limit) {
            throw corrupt("entries end at offset " + (pos - start) + " but the offsets array starts at "
                    + (limit - start));
        }
        if (!Arrays.equals(out.get(0).key(), firstKey) || !Arrays.equals(prev, lastKey)) {
            throw corrupt("keys " + Bytes.display(out.get(0).key()) + ".." + Bytes.display(prev)
                    + " differ from the index's " + Bytes.display(firstKey) + ".." + Bytes.display(lastKey));
        }
        return out;
    }
}
