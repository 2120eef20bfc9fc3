package lsmviz.engine.sstable;

import static lsmviz.engine.sstable.Format.BLOCK_TRAILER;
import static lsmviz.engine.sstable.Format.MIN_ENTRY;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;

/**
 * A table's index block, decoded onto the heap: per data block its first and last key, offset,
 * length and entry count. {@link #read} checks the CRC and that the handles tile the data area
 * exactly (block 0 at 0, each block at the previous one's end, the last ending at the bloom
 * block), that keys are ordered within and across handles, and that the counts add up to the
 * footer's.
 */
final class IndexBlock {
    private final byte[][] firstKeys;
    private final byte[][] lastKeys;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] counts;

    private IndexBlock(int n) {
        firstKeys = new byte[n][];
        lastKeys = new byte[n][];
        offsets = new int[n];
        lengths = new int[n];
        counts = new int[n];
    }

    int size() {
        return offsets.length;
    }

    byte[] firstKey(int b) {
        return firstKeys[b];
    }

    byte[] lastKey(int b) {
        return lastKeys[b];
    }

    int offset(int b) {
        return offsets[b];
    }

    int length(int b) {
        return lengths[b];
    }

    int count(int b) {
        return counts[b];
    }

    /** Index of the first block whose last key is &gt;= key ({@link #size()} if none). */
    int findBlock(byte[] key) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Bytes.compare(lastKeys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The handles as plain facts (keys copied: a caller may keep or change them). */
    List<BlockHandle> handles() {
        List<BlockHandle> out = new ArrayList<>(size());
        for (int b = 0; b < size(); b++) {
            out.add(new BlockHandle(b, firstKeys[b].clone(), lastKeys[b].clone(), offsets[b], lengths[b], counts[b]));
        }
        return out;
    }

    static IndexBlock read(Path path, ByteBuffer m, Footer footer) {
        final int io = (int) footer.indexOffset();
        final int indexLength = footer.indexLength();
        final long bloomOffset = footer.bloomOffset();
        final int end = io + indexLength - 4;
        int stored = m.getInt(end);
        int actual = Format.crc(m, io, indexLength - 4);
        if (stored != actual) {
            throw new CorruptionException(path, io, Format.crcMismatch("index block", stored, actual));
        }
        int n = m.getInt(io);
        // each handle takes at least 2 one-byte varints + u64 + u32 + u32
        if (n < 0 || n > (indexLength - 8) / 18) {
            throw new CorruptionException(path, io, "index block: block count " + Integer.toUnsignedString(n)
                    + " does not fit its " + indexLength + " bytes");
        }
        IndexBlock x = new IndexBlock(n);
        int p = io + 4;
        long expectOffset = 0;
        long total = 0;
        for (int b = 0; b < n; b++) {
            byte[][] keys = new byte[2][];
            for (int k = 0; k < 2; k++) {
                long v = Format.readVarint(m, p, end);
                int len = (int) (v >>> 32);
                if (v < 0 || len > end - (int) v) {
                    throw new CorruptionException(path, io, "index block: handle " + b + " has a bad key length at offset "
                            + (p - io));
                }
                p = (int) v;
                keys[k] = new byte[len];
                m.get(p, keys[k]);
                p += len;
            }
            if (end - p < 16) {
                throw new CorruptionException(path, io, "index block: handle " + b + " runs past the end of the block");
            }
            long off = m.getLong(p);
            int len = m.getInt(p + 8);
            int cnt = m.getInt(p + 12);
            p += 16;
            if (off != expectOffset) {
                throw new CorruptionException(path, io, "index block: block " + b + " at offset " + off + ", expected "
                        + expectOffset);
            }
            if (cnt < 1 || len < BLOCK_TRAILER + (long) cnt * (4 + MIN_ENTRY) || off + len > bloomOffset) {
                throw new CorruptionException(path, io, "index block: block " + b + " @" + off + "+" + len + " with "
                        + cnt + " entries is impossible (data ends at " + bloomOffset + ")");
            }
            if (Bytes.compare(keys[0], keys[1]) > 0 || (b > 0 && Bytes.compare(x.lastKeys[b - 1], keys[0]) >= 0)) {
                throw new CorruptionException(path, io, "index block: block " + b + " keys " + Bytes.display(keys[0])
                        + ".." + Bytes.display(keys[1]) + " out of order");
            }
            x.firstKeys[b] = keys[0];
            x.lastKeys[b] = keys[1];
            x.offsets[b] = (int) off;
            x.lengths[b] = len;
            x.counts[b] = cnt;
            expectOffset = off + len;
            total += cnt;
        }
        if (p != end) {
            throw new CorruptionException(path, io, "index block: " + (end - p) + " stray bytes after " + n + " handles");
        }
        if (expectOffset != bloomOffset) {
            throw new CorruptionException(path, io, "index block: data blocks end at " + expectOffset
                    + " but the bloom block starts at " + bloomOffset);
        }
        if (total != footer.entries()) {
            throw new CorruptionException(path, io, "index block: blocks hold " + total + " entries but the footer says "
                    + footer.entries());
        }
        return x;
    }
}
