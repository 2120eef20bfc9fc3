package lsmviz.engine.sstable;

import java.util.Objects;

/**
 * A cache-line-blocked bloom filter: the filter is an array of 64-byte (512-bit) blocks and all
 * probes of one key fall into a single block, so a lookup costs one cache miss.
 *
 * <p>A key's 64-bit {@link #hash(byte[]) hash} {@code h} picks the block from its upper 32 bits
 * ({@code ((h >>> 32) * numBlocks) >>> 32}); the probes come from the lower 32 bits {@code x}:
 * probe {@code i} (1-based) is bit {@code (x * 0x9E3779B9^i) >>> 23} (the top 9 bits of the
 * repeatedly golden-ratio-multiplied value, 0..511) of the block. Bit {@code j} of a block is bit
 * {@code j & 63} of its 64-bit word {@code j >>> 6}.
 *
 * <p>{@code bitsPerKey == 0} means "no filter": zero blocks, {@link #mightContain} is always true.
 * A filter built for zero keys with {@code bitsPerKey > 0} has one empty block and rules every key out.
 *
 * <p>Serialized form (big-endian), {@code 8 + 64 * numBlocks} bytes:
 * <pre>
 *   0  u32  numBlocks
 *   4  u16  bitsPerKey
 *   6  u16  hashCount
 *   8  u64 × 8 × numBlocks   the blocks, word 0 of block 0 first
 * </pre>
 * Instances are immutable and thread-safe.
 */
public final class BloomFilter {
    static final int BLOCK_BYTES = 64;
    private static final int BLOCK_WORDS = 8;
    static final int HEADER_BYTES = 8;
    static final int MAX_BITS_PER_KEY = 100;
    static final int MAX_HASHES = 30;
    private static final int GOLDEN = 0x9E3779B9;

    private final long[] words;
    private final int numBlocks;
    private final int bitsPerKey;
    private final int hashCount;

    private BloomFilter(long[] words, int numBlocks, int bitsPerKey, int hashCount) {
        this.words = words;
        this.numBlocks = numBlocks;
        this.bitsPerKey = bitsPerKey;
        this.hashCount = hashCount;
    }

    // ---- hashing: XXH64 with seed 0 ----

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    /** The 64-bit XXH64 hash (seed 0) of the key. */
    public static long hash(byte[] key) {
        final int len = key.length;
        int p = 0;
        long h;
        if (len >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            final int limit = len - 32;
            do {
                v1 = round(v1, le64(key, p));
                v2 = round(v2, le64(key, p + 8));
                v3 = round(v3, le64(key, p + 16));
                v4 = round(v4, le64(key, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = P5;
        }
        h += len;
        while (p + 8 <= len) {
            h ^= round(0, le64(key, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= len) {
            h ^= ((int) Format.LE_INT.get(key, p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < len) {
            h ^= (key[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long le64(byte[] b, int i) {
        return (long) Format.LE_LONG.get(b, i);
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long acc, long val) {
        acc ^= round(0, val);
        return acc * P1 + P4;
    }

    // ---- building and probing ----

    /** Probes per key for a blocked filter with this many bits per key (tuned for 512-bit blocks). */
    static int hashCountFor(int bitsPerKey) {
        int millibits = bitsPerKey * 1000;
        if (bitsPerKey <= 0) {
            return 0;
        } else if (millibits <= 2080) {
            return 1;
        } else if (millibits <= 3580) {
            return 2;
        } else if (millibits <= 5100) {
            return 3;
        } else if (millibits <= 6640) {
            return 4;
        } else if (millibits <= 8300) {
            return 5;
        } else if (millibits <= 10070) {
            return 6;
        } else if (millibits <= 11720) {
            return 7;
        } else if (millibits <= 14001) {
            return 8;
        } else if (millibits <= 16050) {
            return 9;
        } else if (millibits <= 18300) {
            return 10;
        } else if (millibits <= 22001) {
            return 11;
        } else if (millibits <= 25501) {
            return 12;
        } else if (millibits > 50000) {
            return 24;
        } else {
            return (millibits - 1) / 2000 - 1;
        }
    }

    /**
     * Builds a filter over the first {@code count} hashes of {@code keyHashes}.
     *
     * @param bitsPerKey 0 (no filter, everything might be contained) to {@value #MAX_BITS_PER_KEY}
     */
    public static BloomFilter build(long[] keyHashes, int count, int bitsPerKey) {
        Objects.requireNonNull(keyHashes, "keyHashes");
        if (count < 0 || count > keyHashes.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + keyHashes.length);
        }
        if (bitsPerKey < 0 || bitsPerKey > MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bitsPerKey " + bitsPerKey + " outside 0.." + MAX_BITS_PER_KEY);
        }
        if (bitsPerKey == 0) {
            return new BloomFilter(new long[0], 0, 0, 0);
        }
        long blocks = Math.max(1, ((long) count * bitsPerKey + 511) / 512);
        if (blocks > (Integer.MAX_VALUE - HEADER_BYTES) / BLOCK_BYTES) {
            throw new IllegalArgumentException("bloom filter too large for " + count + " keys");
        }
        int numBlocks = (int) blocks;
        int k = hashCountFor(bitsPerKey);
        long[] words = new long[numBlocks * BLOCK_WORDS];
        for (int i = 0; i < count; i++) {
            long h = keyHashes[i];
            int base = blockIndex(h, numBlocks) * BLOCK_WORDS;
            int x = (int) h;
            for (int j = 0; j < k; j++) {
                x *= GOLDEN;
                int bit = x >>> 23;
                words[base + (bit >>> 6)] |= 1L << bit;
            }
        }
        return new BloomFilter(words, numBlocks, bitsPerKey, k);
    }

    private static int blockIndex(long h, int numBlocks) {
        return (int) (((h >>> 32) * numBlocks) >>> 32);
    }

    /** False when the key with this {@link #hash(byte[]) hash} is certainly not in the set. */
    public boolean mightContain(long keyHash) {
        if (numBlocks == 0) {
            return true;
        }
        int base = blockIndex(keyHash, numBlocks) * BLOCK_WORDS;
        int x = (int) keyHash;
        for (int j = 0; j < hashCount; j++) {
            x *= GOLDEN;
            int bit = x >>> 23;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    public int hashCount() {
        return hashCount;
    }

    public int bitsPerKey() {
        return bitsPerKey;
    }

    /** Number of 64-byte blocks. */
    public int blockCount() {
        return numBlocks;
    }

    /** Length of the serialized form ({@link #toBytes()}) in bytes. */
    public int sizeBytes() {
        return HEADER_BYTES + numBlocks * BLOCK_BYTES;
    }

    /** The serialized form (without a CRC; the file adds one). */
    public byte[] toBytes() {
        byte[] b = new byte[sizeBytes()];
        Format.BE_INT.set(b, 0, numBlocks);
        b[4] = (byte) (bitsPerKey >>> 8);
        b[5] = (byte) bitsPerKey;
        b[6] = (byte) (hashCount >>> 8);
        b[7] = (byte) hashCount;
        for (int i = 0; i < words.length; i++) {
            Format.BE_LONG.set(b, HEADER_BYTES + 8 * i, words[i]);
        }
        return b;
    }

    /**
     * Parses a serialized filter.
     *
     * @throws IllegalArgumentException if the bytes are not a well-formed filter
     */
    public static BloomFilter fromBytes(byte[] b) {
        Objects.requireNonNull(b, "b");
        if (b.length < HEADER_BYTES) {
            throw new IllegalArgumentException("bloom filter: " + b.length + " bytes, shorter than its 8-byte header");
        }
        int numBlocks = (int) Format.BE_INT.get(b, 0);
        int bitsPerKey = ((b[4] & 0xFF) << 8) | (b[5] & 0xFF);
        int hashCount = ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        if (numBlocks < 0 || (long) numBlocks * BLOCK_BYTES + HEADER_BYTES != b.length) {
            throw new IllegalArgumentException("bloom filter: " + Integer.toUnsignedString(numBlocks)
                    + " blocks do not match its length of " + b.length + " bytes");
        }
        if (bitsPerKey > MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bloom filter: bitsPerKey " + bitsPerKey + " outside 0.." + MAX_BITS_PER_KEY);
        }
        if (numBlocks == 0 ? (bitsPerKey != 0 || hashCount != 0)
                : (bitsPerKey == 0 || hashCount < 1 || hashCount > MAX_HASHES)) {
            throw new IllegalArgumentException("bloom filter: inconsistent header (blocks=" + numBlocks
                    + ", bitsPerKey=" + bitsPerKey + ", hashes=" + hashCount + ")");
        }
        long[] words = new long[numBlocks * BLOCK_WORDS];
        for (int i = 0; i < words.length; i++) {
            words[i] = (long) Format.BE_LONG.get(b, HEADER_BYTES + 8 * i);
        }
        return new BloomFilter(words, numBlocks, bitsPerKey, hashCount);
    }

    @Override
    public String toString() {
        return "BloomFilter[" + numBlocks + " blocks, " + bitsPerKey + " bits/key, " + hashCount + " hashes]";
    }
}
