package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SSTableIteratorTest {
    @TempDir
    Path dir;

    private List<KeyValue> entries;
    private Path file;

    @BeforeEach
    void writeTable() throws IOException {
        entries = TestTables.sequentialEntries(1000);
        file = dir.resolve("t.sst");
        TestTables.write(file, entries, 300, 10); // many small blocks
    }

    private static List<String> scan(SSTableReader r, byte[] from, byte[] to) {
        List<String> out = new ArrayList<>();
        r.iterator(from, to).forEachRemaining(kv -> out.add(kv.toString()));
        return out;
    }

    private List<String> expected(int fromIndex, int toIndex) {
        List<String> out = new ArrayList<>();
        for (int i = fromIndex; i < toIndex; i++) {
            out.add(entries.get(i).toString());
        }
        return out;
    }

    @Test
    void unboundedIteratorReturnsEveryRecordInOrderIncludingTombstones() throws IOException {
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            assertThat(r.info().blocks().size()).isGreaterThan(20);
            List<KeyValue> all = new ArrayList<>();
            r.iterator(null, null).forEachRemaining(all::add);
            assertThat(all).hasSameSizeAs(entries);
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).key()).isEqualTo(entries.get(i).key());
                assertThat(all.get(i).value()).isEqualTo(entries.get(i).value());
            }
            assertThat(all.stream().filter(KeyValue::isTombstone).count()).isEqualTo(143);
        }
    }

    @Test
    void rangeIncludesFromAndExcludesTo() throws IOException {
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            assertThat(scan(r, TestTables.key(100), TestTables.key(250))).isEqualTo(expected(100, 250));
            assertThat(scan(r, TestTables.key(0), TestTables.key(1))).isEqualTo(expected(0, 1));
            assertThat(scan(r, TestTables.key(998), null)).isEqualTo(expected(998, 1000));
            assertThat(scan(r, null, TestTables.key(3))).isEqualTo(expected(0, 3));
        }
    }

    @Test
    void boundsBetweenKeysSelectTheKeysStrictlyInside() throws IOException {
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            byte[] afterKey100 = Bytes.utf8("key000100-");
            byte[] afterKey250 = Bytes.utf8("key000250-");
            assertThat(scan(r, afterKey100, afterKey250)).isEqualTo(expected(101, 251));
            assertThat(scan(r, Bytes.utf8("a"), Bytes.utf8("key000002-"))).isEqualTo(expected(0, 3));
            assertThat(scan(r, Bytes.utf8("key000997-"), Bytes.utf8("z"))).isEqualTo(expected(998, 1000));
        }
    }

    @Test
    void emptyAndOutOfRangeBoundsYieldNothing() throws IOException {
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            assertThat(scan(r, TestTables.key(10), TestTables.key(10))).isEmpty();
            assertThat(scan(r, TestTables.key(20), TestTables.key(10))).isEmpty();
            assertThat(scan(r, Bytes.utf8("key000010-"), Bytes.utf8("key000011"))).isEmpty();
            assertThat(scan(r, Bytes.utf8("z"), null)).isEmpty();
            assertThat(scan(r, null, Bytes.utf8("a"))).isEmpty();
            assertThat(scan(r, null, TestTables.key(0))).isEmpty();
        }
    }

    @Test
    void exhaustedIteratorThrowsNoSuchElement() throws IOException {
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            Iterator<KeyValue> it = r.iterator(TestTables.key(5), TestTables.key(7));
            assertThat(it.next().key()).isEqualTo(TestTables.key(5));
            assertThat(it.hasNext()).isTrue();
            assertThat(it.hasNext()).isTrue();
            assertThat(it.next().key()).isEqualTo(TestTables.key(6));
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void emptyTableIteratesNothingForAnyRange() throws IOException {
        Path empty = dir.resolve("empty.sst");
        TestTables.write(empty, List.of(), 4096, 10);
        try (SSTableReader r = SSTableReader.open(empty, 2)) {
            assertThat(scan(r, null, null)).isEmpty();
            assertThat(scan(r, Bytes.utf8("a"), Bytes.utf8("z"))).isEmpty();
            assertThat(scan(r, Bytes.utf8("a"), null)).isEmpty();
        }
    }

    @Test
    void randomRangesMatchTheSortedInputOnRandomBinaryKeys() throws IOException {
        List<KeyValue> rnd = TestTables.randomEntries(11, 2000, 0.15);
        Path f = dir.resolve("random.sst");
        TestTables.write(f, rnd, 512, 10);
        Random random = new Random(12);
        try (SSTableReader r = SSTableReader.open(f, 1)) {
            for (int round = 0; round < 200; round++) {
                byte[] from = random.nextInt(10) == 0 ? null : bound(random, rnd);
                byte[] to = random.nextInt(10) == 0 ? null : bound(random, rnd);
                List<String> want = new ArrayList<>();
                for (KeyValue kv : rnd) {
                    if ((from == null || Bytes.compare(kv.key(), from) >= 0) && (to == null || Bytes.compare(kv.key(), to) < 0)) {
                        want.add(kv.toString());
                    }
                }
                assertThat(scan(r, from, to)).as("range [%s, %s)", Bytes.display(from), Bytes.display(to)).isEqualTo(want);
            }
        }
    }

    /** Either an existing key or a random byte string. */
    private static byte[] bound(Random random, List<KeyValue> entries) {
        if (random.nextBoolean()) {
            return entries.get(random.nextInt(entries.size())).key().clone();
        }
        byte[] b = new byte[1 + random.nextInt(6)];
        random.nextBytes(b);
        return b;
    }
}
