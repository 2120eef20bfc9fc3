package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.KeyValue;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SSTableCorruptionTest {
    @TempDir
    Path dir;

    private List<KeyValue> entries;
    private Path good;
    private SSTableInfo info;
    private byte[] bytes;
    private int copies;

    @BeforeEach
    void writeGoodTable() throws IOException {
        entries = TestTables.sequentialEntries(400);
        good = dir.resolve("good.sst");
        info = TestTables.write(good, entries, 300, 10);
        bytes = Files.readAllBytes(good);
        assertThat(info.blocks().size()).isGreaterThan(5);
    }

    /** A copy of the good file with the byte at {@code pos} changed (one bit flipped). */
    private Path flipped(int pos) throws IOException {
        byte[] b = bytes.clone();
        b[pos] ^= (byte) (1 << (pos % 8));
        return copy(b);
    }

    private Path copy(byte[] content) throws IOException {
        Path p = dir.resolve("copy-" + (copies++) + ".sst");
        Files.write(p, content);
        return p;
    }

    private static void assertCorruption(ThrowingCallable call, Path file, long offset) {
        assertThatThrownBy(call)
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("offset " + offset)
                .satisfies(e -> {
                    assertThat(((CorruptionException) e).file()).isEqualTo(file);
                    assertThat(((CorruptionException) e).offset()).isEqualTo(offset);
                });
    }

    @Test
    void flippedByteInADataBlockFailsEveryReadOfThatBlockAndNoOther() throws IOException {
        BlockHandle bad = info.blocks().get(3);
        Path file = flipped((int) bad.offset() + bad.length() / 2);
        try (SSTableReader r = SSTableReader.open(file, 1)) { // data blocks are checked when read
            int failed = 0;
            for (KeyValue kv : entries) {
                boolean inBadBlock = Bytes.compare(kv.key(), bad.firstKey()) >= 0 && Bytes.compare(kv.key(), bad.lastKey()) <= 0;
                if (inBadBlock) {
                    assertCorruption(() -> r.get(kv.key()), file, bad.offset());
                    failed++;
                } else {
                    KeyValue found = r.get(kv.key()).found();
                    assertThat(found.key()).isEqualTo(kv.key());
                    assertThat(found.value()).isEqualTo(kv.value());
                }
            }
            assertThat(failed).isEqualTo(bad.entryCount());
            assertCorruption(() -> r.readBlock(3), file, bad.offset());
            assertCorruption(r::verifyChecksums, file, bad.offset());
            assertCorruption(() -> r.iterator(null, null).forEachRemaining(kv -> { }), file, bad.offset());
            // a scan that stays clear of the block still works
            List<KeyValue> before = new ArrayList<>();
            r.iterator(null, bad.firstKey()).forEachRemaining(before::add);
            assertThat(before).hasSize(indexOf(bad.firstKey()));
            assertThatThrownBy(() -> r.iterator(bad.firstKey(), null).next())
                    .hasMessageContaining("expected crc");
        }
    }

    @Test
    void flippedByteInTheBloomBlockIsDetectedOnOpen() throws IOException {
        int bo = (int) info.bloomOffset();
        for (int pos : new int[] {bo, bo + 3, bo + 6, bo + info.bloomBytes() / 2, bo + info.bloomBytes() - 1}) {
            Path file = flipped(pos);
            assertCorruption(() -> SSTableReader.open(file, 1), file, bo);
        }
    }

    @Test
    void flippedByteInTheIndexBlockIsDetectedOnOpen() throws IOException {
        int io = (int) info.indexOffset();
        for (int pos : new int[] {io, io + 3, io + 5, io + info.indexBytes() / 2, io + info.indexBytes() - 1}) {
            Path file = flipped(pos);
            assertCorruption(() -> SSTableReader.open(file, 1), file, io);
        }
    }

    @Test
    void flippedByteAnywhereInTheFooterIsDetectedOnOpen() throws IOException {
        int fo = (int) info.footerOffset();
        for (int pos = fo; pos < bytes.length; pos++) {
            Path file = flipped(pos);
            assertCorruption(() -> SSTableReader.open(file, 1), file, fo);
        }
        Path badMagic = flipped(fo + 44);
        assertThatThrownBy(() -> SSTableReader.open(badMagic, 1)).hasMessageContaining("magic");
        Path badCrc = flipped(fo + 30);
        assertThatThrownBy(() -> SSTableReader.open(badCrc, 1)).hasMessageContaining("expected crc 0x");
    }

    @Test
    void truncatedFilesAreReportedAsCorruption() throws IOException {
        int[] lengths = {bytes.length - 1, bytes.length - 20, (int) info.footerOffset(), (int) info.indexOffset(),
            bytes.length / 2, 57, 56};
        for (int len : lengths) {
            Path file = copy(Arrays.copyOf(bytes, len));
            assertThatThrownBy(() -> SSTableReader.open(file, 1))
                    .as("truncated to %d bytes", len)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("offset " + (len - 56));
        }
        for (int len : new int[] {55, 1, 0}) {
            Path file = copy(Arrays.copyOf(bytes, len));
            assertCorruption(() -> SSTableReader.open(file, 1), file, 0);
        }
    }

    @Test
    void aFileOfRandomBytesIsNotMistakenForATable() throws IOException {
        byte[] noise = new byte[4096];
        new Random(5).nextBytes(noise);
        Path file = copy(noise);
        assertThatThrownBy(() -> SSTableReader.open(file, 1))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("magic");
    }

    /**
     * Every single-bit flip anywhere in a small table is caught by some checksum: open fails, or
     * each read either returns the right record or throws CorruptionException, and a full
     * verification always fails.
     */
    @Test
    void everySingleBitFlipIsDetectedAndNeverYieldsAWrongValue() throws IOException {
        entries = TestTables.sequentialEntries(30);
        good = dir.resolve("small.sst");
        info = TestTables.write(good, entries, 128, 10);
        bytes = Files.readAllBytes(good);
        assertThat(info.blocks().size()).isGreaterThan(3);
        int openFailures = 0;
        for (int pos = 0; pos < bytes.length; pos++) {
            Path file = flipped(pos);
            SSTableReader r;
            try {
                r = SSTableReader.open(file, 1);
            } catch (CorruptionException e) {
                assertThat(e).hasMessageContaining(file.getFileName().toString());
                openFailures++;
                continue;
            }
            try (r) {
                assertThat(pos).as("only data blocks are read lazily").isLessThan((int) info.bloomOffset());
                for (KeyValue kv : entries) {
                    try {
                        KeyValue found = r.get(kv.key()).found();
                        assertThat(found).as("flip at %d, key %s", pos, kv).isNotNull();
                        assertThat(found.key()).isEqualTo(kv.key());
                        assertThat(found.value()).isEqualTo(kv.value());
                    } catch (CorruptionException e) {
                        assertThat(e).hasMessageContaining(file.getFileName().toString());
                    }
                }
                assertThatThrownBy(r::verifyChecksums).as("flip at %d", pos).isInstanceOf(CorruptionException.class);
                assertThatThrownBy(() -> r.iterator(null, null).forEachRemaining(kv -> { }))
                        .as("flip at %d", pos).isInstanceOf(CorruptionException.class);
            }
        }
        assertThat(openFailures).isEqualTo(bytes.length - (int) info.bloomOffset());
    }

    /**
     * Garbage that carries a valid checksum (forged here by recomputing it) must still surface as
     * CorruptionException, never as an IndexOutOfBounds, BufferUnderflow or similar.
     */
    @Test
    void structuralGarbageWithValidChecksumsSurfacesOnlyAsCorruption() throws IOException {
        Random rnd = new Random(77);
        List<int[]> parts = new ArrayList<>(); // {start, length including crc}
        for (BlockHandle h : info.blocks()) {
            parts.add(new int[] {(int) h.offset(), h.length()});
        }
        parts.add(new int[] {(int) info.bloomOffset(), info.bloomBytes()});
        parts.add(new int[] {(int) info.indexOffset(), info.indexBytes()});
        parts.add(new int[] {(int) info.footerOffset(), info.footerBytes()});
        int detected = 0;
        for (int round = 0; round < 400; round++) {
            int[] part = round % 4 == 0 ? parts.get(parts.size() - 1)      // footer
                    : round % 4 == 1 ? parts.get(parts.size() - 2)          // index
                    : parts.get(rnd.nextInt(parts.size()));
            byte[] b = bytes.clone();
            int payload = part[1] - 4;
            for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
                int at = part[0] + pickOffset(rnd, payload);
                b[at] = rnd.nextInt(3) == 0 ? (byte) 0xFF : (byte) rnd.nextInt(256);
            }
            CRC32C crc = new CRC32C();
            crc.update(b, part[0], payload);
            ByteBuffer.wrap(b).putInt(part[0] + payload, (int) crc.getValue());
            Path file = copy(b);
            try (SSTableReader r = SSTableReader.open(file, 1)) {
                for (KeyValue kv : entries) {
                    r.get(kv.key());
                }
                r.iterator(null, null).forEachRemaining(kv -> { });
                for (int i = 0; i < r.info().blocks().size(); i++) {
                    r.readBlock(i);
                }
                r.verifyChecksums();
            } catch (CorruptionException e) {
                assertThat(e).hasMessageContaining(file.getFileName().toString());
                detected++;
            } catch (RuntimeException e) {
                fail("round " + round + ": garbage escaped as " + e, e);
            }
        }
        assertThat(detected).isGreaterThan(200);
    }

    /** Mostly small offsets (headers, lengths, varints), sometimes anywhere. */
    private static int pickOffset(Random rnd, int payload) {
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(payload, 24)) : rnd.nextInt(payload);
    }

    @Test
    void forgedDataBlockWithWildEntryOffsetsIsReportedAsCorruption() throws IOException {
        BlockHandle h = info.blocks().get(2);
        byte[] b = bytes.clone();
        ByteBuffer bb = ByteBuffer.wrap(b);
        int offsetsStart = (int) h.offset() + h.length() - 8 - 4 * h.entryCount();
        for (int i = 0; i < h.entryCount(); i++) {
            bb.putInt(offsetsStart + 4 * i, Integer.MAX_VALUE - i);
        }
        CRC32C crc = new CRC32C();
        crc.update(b, (int) h.offset(), h.length() - 4);
        bb.putInt((int) h.offset() + h.length() - 4, (int) crc.getValue());
        Path file = copy(b);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            assertCorruption(() -> r.get(h.firstKey()), file, h.offset());
            assertCorruption(r::verifyChecksums, file, h.offset());
        }
    }

    @Test
    void forgedFooterPointingPastTheEndIsReportedAsCorruption() throws IOException {
        byte[] b = bytes.clone();
        ByteBuffer bb = ByteBuffer.wrap(b);
        int fo = (int) info.footerOffset();
        bb.putInt(fo + 20, 1 << 30); // index length
        CRC32C crc = new CRC32C();
        crc.update(b, fo, 52);
        bb.putInt(fo + 52, (int) crc.getValue());
        Path file = copy(b);
        assertCorruption(() -> SSTableReader.open(file, 1), file, fo);
    }

    private int indexOf(byte[] key) {
        for (int i = 0; i < entries.size(); i++) {
            if (Arrays.equals(entries.get(i).key(), key)) {
                return i;
            }
        }
        throw new AssertionError("no such key");
    }
}
