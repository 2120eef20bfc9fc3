package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import lsmviz.engine.types.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BloomFilterTest {

    private static byte[][] keys(long seed, int n) {
        Random rnd = new Random(seed);
        Set<String> seen = new HashSet<>();
        byte[][] out = new byte[n][];
        int i = 0;
        while (i < n) {
            byte[] k = new byte[4 + rnd.nextInt(28)];
            rnd.nextBytes(k);
            if (seen.add(Bytes.hex(k))) {
                out[i++] = k;
            }
        }
        return out;
    }

    private static BloomFilter filterOf(byte[][] keys, int bitsPerKey) {
        long[] hashes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            hashes[i] = BloomFilter.hash(keys[i]);
        }
        return BloomFilter.build(hashes, keys.length, bitsPerKey);
    }

    @Test
    void everyInsertedKeyMightBeContained() {
        for (int bits : new int[] {1, 4, 10, 20}) {
            byte[][] keys = keys(bits, 10_000);
            BloomFilter f = filterOf(keys, bits);
            for (byte[] k : keys) {
                assertThat(f.mightContain(BloomFilter.hash(k))).as("bits/key %d", bits).isTrue();
            }
        }
    }

    @Test
    void falsePositiveRateAtTenBitsPerKeyIsBelowThreePercent() {
        byte[][] all = keys(42, 20_000);
        byte[][] in = Arrays.copyOfRange(all, 0, 10_000);
        byte[][] absent = Arrays.copyOfRange(all, 10_000, 20_000);
        BloomFilter f = filterOf(in, 10);
        assertThat(f.hashCount()).isBetween(4, 8);
        int fp = 0;
        for (byte[] k : absent) {
            if (f.mightContain(BloomFilter.hash(k))) {
                fp++;
            }
        }
        assertThat(fp / 10_000.0).isLessThan(0.03);
        // and it is a real filter, not an empty one
        assertThat(fp).isPositive();
    }

    @Test
    void moreBitsPerKeyGiveFewerFalsePositives() {
        byte[][] all = keys(43, 20_000);
        byte[][] in = Arrays.copyOfRange(all, 0, 10_000);
        byte[][] absent = Arrays.copyOfRange(all, 10_000, 20_000);
        int previous = Integer.MAX_VALUE;
        for (int bits : new int[] {4, 8, 16}) {
            BloomFilter f = filterOf(in, bits);
            int fp = 0;
            for (byte[] k : absent) {
                if (f.mightContain(BloomFilter.hash(k))) {
                    fp++;
                }
            }
            assertThat(fp).as("false positives at %d bits/key", bits).isLessThan(previous);
            previous = fp;
        }
    }

    @Test
    void filterSizeFollowsBitsPerKeyInWholeCacheLines() {
        BloomFilter f = BloomFilter.build(new long[1000], 1000, 10);
        assertThat(f.blockCount()).isEqualTo((1000 * 10 + 511) / 512);
        assertThat(f.sizeBytes()).isEqualTo(8 + 64 * f.blockCount());
        assertThat(f.toBytes()).hasSize(f.sizeBytes());
    }

    @Test
    void serializedFilterAnswersExactlyLikeTheOriginal() {
        byte[][] keys = keys(7, 3000);
        BloomFilter f = filterOf(keys, 10);
        BloomFilter g = BloomFilter.fromBytes(f.toBytes());
        assertThat(g.hashCount()).isEqualTo(f.hashCount());
        assertThat(g.bitsPerKey()).isEqualTo(10);
        assertThat(g.sizeBytes()).isEqualTo(f.sizeBytes());
        assertThat(g.toBytes()).isEqualTo(f.toBytes());
        Random rnd = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            long h = rnd.nextLong();
            assertThat(g.mightContain(h)).isEqualTo(f.mightContain(h));
        }
    }

    @Test
    void malformedSerializedFormsAreRejected() {
        byte[] good = filterOf(keys(9, 100), 10).toBytes();
        assertThatThrownBy(() -> BloomFilter.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BloomFilter.fromBytes(Arrays.copyOf(good, good.length - 1))).isInstanceOf(IllegalArgumentException.class);
        byte[] hugeCount = good.clone();
        hugeCount[0] = (byte) 0x7F;
        assertThatThrownBy(() -> BloomFilter.fromBytes(hugeCount)).isInstanceOf(IllegalArgumentException.class);
        byte[] noHashes = good.clone();
        noHashes[6] = 0;
        noHashes[7] = 0;
        assertThatThrownBy(() -> BloomFilter.fromBytes(noHashes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroBitsPerKeyMeansNoFilterAndZeroKeysRuleEverythingOut() {
        BloomFilter none = BloomFilter.build(new long[] {1, 2, 3}, 3, 0);
        assertThat(none.mightContain(12345)).isTrue();
        assertThat(BloomFilter.fromBytes(none.toBytes()).mightContain(999)).isTrue();
        BloomFilter empty = BloomFilter.build(new long[0], 0, 10);
        assertThat(empty.mightContain(BloomFilter.hash(Bytes.utf8("x")))).isFalse();
    }

    @Test
    void hashIsXxh64WithSeedZero() {
        assertThat(BloomFilter.hash(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(BloomFilter.hash(Bytes.utf8("a"))).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(BloomFilter.hash(Bytes.utf8("abc"))).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(BloomFilter.hash(Bytes.utf8("Nobody inspects the spammish repetition"))).isEqualTo(0xFBCEA83C8A378BF1L);
    }

    @Test
    void hashSpreadsSimilarKeysOverBothHalves() {
        // upper half picks the cache line, lower half the probes: both must vary between near-identical keys
        Set<Long> upper = new HashSet<>();
        Set<Long> lower = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            long h = BloomFilter.hash(TestTables.key(i));
            upper.add(h >>> 54);
            lower.add(h & 0x3FF);
        }
        assertThat(upper.size()).isGreaterThan(550);
        assertThat(lower.size()).isGreaterThan(550);
    }
}
