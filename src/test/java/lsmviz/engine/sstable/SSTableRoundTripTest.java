package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SSTableRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyWrittenKeyIsFoundWithItsValueOrTombstoneAfterReopening() throws IOException {
        List<KeyValue> entries = TestTables.randomEntries(1, 5000, 0.1);
        Path file = dir.resolve("t.sst");
        SSTableInfo written = TestTables.write(file, entries, 1024, 10);

        try (SSTableReader r = SSTableReader.open(file, 7)) {
            assertThat(r.id()).isEqualTo(7);
            for (KeyValue kv : entries) {
                SSTableReader.Lookup l = r.get(kv.key());
                assertThat(l.inKeyRange()).isTrue();
                assertThat(l.bloomMaybe()).isTrue();
                assertThat(l.found()).as("lookup of %s", kv).isNotNull();
                assertThat(l.found().key()).isEqualTo(kv.key());
                if (kv.isTombstone()) {
                    assertThat(l.found().isTombstone()).as("%s is a tombstone", kv).isTrue();
                } else {
                    assertThat(l.found().value()).isEqualTo(kv.value());
                }
            }
            long tombstones = entries.stream().filter(KeyValue::isTombstone).count();
            SSTableInfo info = r.info();
            assertThat(info.entryCount()).isEqualTo(entries.size());
            assertThat(info.tombstoneCount()).isEqualTo(tombstones).isPositive();
            assertThat(info.minKey()).isEqualTo(entries.get(0).key());
            assertThat(info.maxKey()).isEqualTo(entries.get(entries.size() - 1).key());
            assertThat(info.fileSize()).isEqualTo(Files.size(file)).isEqualTo(written.fileSize());
            assertThat(info.blocks().size()).isGreaterThan(10);
            r.verifyChecksums();
        }
    }

    @Test
    void readerInfoDescribesTheSameFileAsTheWriterInfo() throws IOException {
        List<KeyValue> entries = TestTables.randomEntries(2, 800, 0.2);
        Path file = dir.resolve("t.sst");
        SSTableInfo w = TestTables.write(file, entries, 512, 10);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            SSTableInfo i = r.info();
            assertThat(i.id()).isEqualTo(w.id());
            assertThat(i.path()).isEqualTo(w.path());
            assertThat(i.fileSize()).isEqualTo(w.fileSize());
            assertThat(i.entryCount()).isEqualTo(w.entryCount());
            assertThat(i.tombstoneCount()).isEqualTo(w.tombstoneCount());
            assertThat(i.minKey()).isEqualTo(w.minKey());
            assertThat(i.maxKey()).isEqualTo(w.maxKey());
            assertThat(i.bloomOffset()).isEqualTo(w.bloomOffset());
            assertThat(i.bloomBytes()).isEqualTo(w.bloomBytes());
            assertThat(i.bloomBitsPerKey()).isEqualTo(10).isEqualTo(w.bloomBitsPerKey());
            assertThat(i.bloomHashes()).isEqualTo(w.bloomHashes()).isPositive();
            assertThat(i.indexOffset()).isEqualTo(w.indexOffset()).isEqualTo(w.bloomOffset() + w.bloomBytes());
            assertThat(i.indexBytes()).isEqualTo(w.indexBytes());
            assertThat(i.footerOffset()).isEqualTo(w.footerOffset()).isEqualTo(w.indexOffset() + w.indexBytes());
            assertThat(i.footerBytes()).isEqualTo(56).isEqualTo(w.footerBytes());
            assertThat(i.footerOffset() + i.footerBytes()).isEqualTo(i.fileSize());
            assertSameBlocks(i.blocks(), w.blocks());
        }
    }

    @Test
    void keysThatWereNeverWrittenAreNotFound() throws IOException {
        List<KeyValue> entries = TestTables.randomEntries(3, 3000, 0.1);
        Path file = dir.resolve("t.sst");
        TestTables.write(file, entries, 1024, 10);
        Set<String> present = new HashSet<>();
        entries.forEach(kv -> present.add(Bytes.hex(kv.key())));
        Random rnd = new Random(33);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            int checked = 0;
            while (checked < 3000) {
                byte[] k = new byte[1 + rnd.nextInt(24)];
                rnd.nextBytes(k);
                if (present.contains(Bytes.hex(k))) {
                    continue;
                }
                checked++;
                SSTableReader.Lookup l = r.get(k);
                assertThat(l.found()).as("absent key %s", Bytes.hex(k)).isNull();
                assertThat(l).isEqualTo(r.get(k, BloomFilter.hash(k)));
            }
            // keys outside the table are ruled out without a block read: by the bloom filter
            // (asked first) or, when it says maybe, by the key range
            SSTableReader.Lookup below = r.get(new byte[0]);
            assertThat(!below.bloomMaybe() || !below.inKeyRange()).isTrue();
            assertThat(below.bloomMaybe() && below.inKeyRange()).isFalse();
            assertThat(below.found()).isNull();
            byte[] above = new byte[30];
            java.util.Arrays.fill(above, (byte) 0xFF);
            SSTableReader.Lookup a = r.get(above);
            assertThat(a.bloomMaybe() && a.inKeyRange()).isFalse();
        }
    }

    @Test
    void bloomFilterRulesOutMostAbsentKeysWithoutReadingABlock() throws IOException {
        List<KeyValue> entries = TestTables.sequentialEntries(4000);
        Path file = dir.resolve("t.sst");
        TestTables.write(file, entries, 2048, 10);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            int ruledOut = 0;
            for (int i = 0; i < 3999; i++) {
                // between key(i) and key(i+1): inside the key range, never written
                SSTableReader.Lookup l = r.get(Bytes.utf8(String.format("key%06d-x", i)));
                assertThat(l.inKeyRange()).isTrue();
                assertThat(l.found()).isNull();
                if (!l.bloomMaybe()) {
                    ruledOut++;
                }
            }
            assertThat(ruledOut).isGreaterThan(3999 * 95 / 100);
        }
    }

    @Test
    void withoutABloomFilterEveryLookupReadsTheIndexAndStillFindsEverything() throws IOException {
        List<KeyValue> entries = TestTables.sequentialEntries(500);
        Path file = dir.resolve("t.sst");
        SSTableInfo w = TestTables.write(file, entries, 256, 0);
        assertThat(w.bloomBitsPerKey()).isZero();
        assertThat(w.bloomHashes()).isZero();
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            for (KeyValue kv : entries) {
                assertThat(r.get(kv.key()).found().key()).isEqualTo(kv.key());
            }
            SSTableReader.Lookup l = r.get(Bytes.utf8("key000010-x"));
            assertThat(l.bloomMaybe()).isTrue();
            assertThat(l.found()).isNull();
        }
    }

    @Test
    void blocksStayWithinBlockSizeUnlessASingleEntryIsLarger() throws IOException {
        List<KeyValue> entries = new ArrayList<>(TestTables.randomEntries(4, 3000, 0.1));
        // one value much larger than a block
        int big = entries.size() / 2;
        entries.set(big, new KeyValue(entries.get(big).key(), new byte[5000]));
        int blockSize = 1000;
        Path file = dir.resolve("t.sst");
        SSTableInfo w = TestTables.write(file, entries, blockSize, 10);
        int maxEntry = entries.stream().mapToInt(TestTables::encodedSize).max().orElseThrow();

        long expectOffset = 0;
        int recordNo = 0;
        boolean sawOversized = false;
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            for (BlockHandle h : w.blocks()) {
                assertThat(h.offset()).isEqualTo(expectOffset);
                assertThat(h.length()).isLessThanOrEqualTo(blockSize + maxEntry);
                if (h.entryCount() > 1) {
                    assertThat(h.length()).isLessThanOrEqualTo(blockSize);
                } else if (h.length() > blockSize) {
                    sawOversized = true;
                }
                List<KeyValue> block = r.readBlock(h.blockNo());
                assertThat(block).hasSize(h.entryCount());
                assertThat(block.get(0).key()).isEqualTo(h.firstKey());
                assertThat(block.get(block.size() - 1).key()).isEqualTo(h.lastKey());
                for (KeyValue kv : block) {
                    KeyValue expected = entries.get(recordNo++);
                    assertThat(kv.key()).isEqualTo(expected.key());
                    assertThat(kv.value()).isEqualTo(expected.value());
                }
                expectOffset += h.length();
            }
            // blocks are filled: each block plus the next block's first entry would not have fit
            for (int b = 0; b + 1 < w.blocks().size(); b++) {
                int nextFirst = indexOf(entries, w.blocks().get(b + 1).firstKey());
                assertThat(w.blocks().get(b).length() + TestTables.encodedSize(entries.get(nextFirst)))
                        .isGreaterThan(blockSize);
            }
        }
        assertThat(recordNo).isEqualTo(entries.size());
        assertThat(expectOffset).isEqualTo(w.bloomOffset());
        assertThat(sawOversized).isTrue();
    }

    @Test
    void progressReportsEachRecordOnceInOrderAndEachBlockOnceAfterItsRecords() throws IOException {
        List<KeyValue> entries = TestTables.randomEntries(5, 2000, 0.1);
        List<String> events = new ArrayList<>();
        List<BlockHandle> sealed = new ArrayList<>();
        Thread writer = Thread.currentThread();
        SSTableWriter.Progress progress = new SSTableWriter.Progress() {
            @Override
            public void recordWritten(long index, byte[] key) {
                assertThat(Thread.currentThread()).isSameAs(writer);
                assertThat(key).isEqualTo(entries.get((int) index).key());
                events.add("r" + index);
            }

            @Override
            public void blockSealed(BlockHandle block) {
                sealed.add(block);
                events.add("b" + block.blockNo());
            }
        };
        SSTableInfo info = SSTableWriter.write(dir.resolve("t.sst"), 1, entries.iterator(), 512, 10, progress);

        assertSameBlocks(sealed, info.blocks());
        List<String> expected = new ArrayList<>();
        long record = 0;
        for (BlockHandle h : info.blocks()) {
            for (int i = 0; i < h.entryCount(); i++) {
                expected.add("r" + record++);
            }
            expected.add("b" + h.blockNo());
        }
        assertThat(record).isEqualTo(entries.size());
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyInputProducesAValidTableWithZeroBlocks() throws IOException {
        Path file = dir.resolve("empty.sst");
        List<String> events = new ArrayList<>();
        SSTableInfo w = SSTableWriter.write(file, 3, List.<KeyValue>of().iterator(), 4096, 10,
                new SSTableWriter.Progress() {
                    @Override
                    public void recordWritten(long index, byte[] key) {
                        events.add("r");
                    }

                    @Override
                    public void blockSealed(BlockHandle block) {
                        events.add("b");
                    }
                });
        assertThat(events).isEmpty();
        assertThat(w.blocks()).isEmpty();
        assertThat(w.entryCount()).isZero();
        assertThat(w.minKey()).isNull();
        assertThat(w.maxKey()).isNull();
        assertThat(w.bloomOffset()).isZero();
        try (SSTableReader r = SSTableReader.open(file, 3)) {
            assertThat(r.info().blocks()).isEmpty();
            assertThat(r.info().entryCount()).isZero();
            assertThat(r.info().fileSize()).isEqualTo(Files.size(file));
            SSTableReader.Lookup l = r.get(Bytes.utf8("anything"));
            assertThat(l.found()).isNull();
            assertThat(l.bloomMaybe() && l.inKeyRange()).as("ruled out without a block").isFalse();
            assertThat(r.iterator(null, null).hasNext()).isFalse();
            r.verifyChecksums();
        }
    }

    @Test
    void precomputedHashLookupAgreesWithPlainLookup() throws IOException {
        List<KeyValue> entries = TestTables.sequentialEntries(300);
        Path file = dir.resolve("t.sst");
        TestTables.write(file, entries, 256, 10);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            for (int i = 0; i < 330; i++) {
                byte[] k = TestTables.key(i);
                SSTableReader.Lookup a = r.get(k);
                SSTableReader.Lookup b = r.get(k, BloomFilter.hash(k));
                assertThat(b.bloomMaybe()).isEqualTo(a.bloomMaybe());
                assertThat(b.inKeyRange()).isEqualTo(a.inKeyRange());
                assertThat(String.valueOf(b.found())).isEqualTo(String.valueOf(a.found()));
            }
        }
    }

    @Test
    void emptyKeysAndEmptyValuesRoundTrip() throws IOException {
        List<KeyValue> entries = List.of(
                new KeyValue(new byte[0], new byte[0]),
                KeyValue.tombstone(new byte[] {0}),
                new KeyValue(new byte[] {0, 0}, new byte[] {1}),
                new KeyValue(new byte[] {(byte) 0xFF}, new byte[0]));
        Path file = dir.resolve("t.sst");
        TestTables.write(file, entries, 1, 10);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            assertThat(r.info().blocks()).hasSize(4);
            assertThat(r.get(new byte[0]).found().value()).isEmpty();
            assertThat(r.get(new byte[] {0}).found().isTombstone()).isTrue();
            assertThat(r.get(new byte[] {0, 0}).found().value()).containsExactly(1);
            assertThat(r.get(new byte[] {(byte) 0xFF}).found().value()).isEmpty();
            assertThat(r.get(new byte[] {0, 0, 0}).found()).isNull();
        }
    }

    @Test
    void writerRefusesToOverwriteAnExistingFile() throws IOException {
        Path file = dir.resolve("t.sst");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> TestTables.write(file, TestTables.sequentialEntries(3), 4096, 10))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void closedReaderRefusesFurtherCalls() throws IOException {
        Path file = dir.resolve("t.sst");
        TestTables.write(file, TestTables.sequentialEntries(10), 4096, 10);
        SSTableReader r = SSTableReader.open(file, 1);
        r.close();
        r.close();
        assertThatThrownBy(() -> r.get(TestTables.key(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> r.iterator(null, null)).isInstanceOf(IllegalStateException.class);
        assertThat(r.info().entryCount()).isEqualTo(10);
    }

    private static int indexOf(List<KeyValue> entries, byte[] key) {
        int i = java.util.Collections.binarySearch(entries, new KeyValue(key, null),
                (a, b) -> Bytes.compare(a.key(), b.key()));
        assertThat(i).isNotNegative();
        return i;
    }

    static void assertSameBlocks(List<BlockHandle> actual, List<BlockHandle> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            BlockHandle a = actual.get(i);
            BlockHandle e = expected.get(i);
            assertThat(a.blockNo()).isEqualTo(i).isEqualTo(e.blockNo());
            assertThat(a.firstKey()).isEqualTo(e.firstKey());
            assertThat(a.lastKey()).isEqualTo(e.lastKey());
            assertThat(a.offset()).isEqualTo(e.offset());
            assertThat(a.length()).isEqualTo(e.length());
            assertThat(a.entryCount()).isEqualTo(e.entryCount());
        }
    }
}
