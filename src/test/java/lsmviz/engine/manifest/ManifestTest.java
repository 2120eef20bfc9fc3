package lsmviz.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import lsmviz.engine.types.CorruptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    private static final int RECORD = Manifest.HEADER + Manifest.PAYLOAD; // 25 bytes

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(Manifest.FILE_NAME);
    }

    private void append(long... added) throws IOException {
        try (Manifest m = Manifest.openForAppend(lsmviz.engine.io.FileIO.DEFAULT, dir, Manifest.read(dir))) {
            for (long id : added) {
                m.recordAdded(id, 100 + id);
            }
        }
    }

    private void flipByte(long offset) throws IOException {
        byte[] all = Files.readAllBytes(file());
        all[(int) offset] ^= 0x5a;
        Files.write(file(), all);
    }

    private void truncate(long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
    }

    @Test
    void missingFileReplaysAsEmpty() throws IOException {
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.liveSSTablesOldestFirst()).isEmpty();
        assertThat(r.records()).isEmpty();
        assertThat(r.maxId()).isZero();
        assertThat(r.tornTail()).isFalse();
        assertThat(r.validLength()).isZero();
    }

    @Test
    void replayGivesLiveTablesOldestFirstAndHonoursRemovals() throws IOException {
        try (Manifest m = Manifest.openForAppend(lsmviz.engine.io.FileIO.DEFAULT, dir, Manifest.read(dir))) {
            m.recordAdded(3, 100 + 3);
            m.recordAdded(5, 100 + 5);
            m.recordAdded(9, 100 + 9);
            m.recordRemoved(5);
        }
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.liveSSTablesOldestFirst()).containsExactly(3L, 9L);
        assertThat(r.records()).extracting(Manifest.Record::offset).containsExactly(0L, (long) RECORD, 2L * RECORD, 3L * RECORD);
        assertThat(r.records()).extracting(Manifest.Record::describe)
                .containsExactly("add sstable 3 (flushed from memtable 103)", "add sstable 5 (flushed from memtable 105)",
                        "add sstable 9 (flushed from memtable 109)", "remove sstable 5");
        assertThat(r.flushedMemtables()).containsExactlyInAnyOrder(103L, 105L, 109L);
        assertThat(r.maxId()).as("ids of tables and memtables share one sequence").isEqualTo(109);
        assertThat(r.tornTail()).isFalse();
        assertThat(r.validLength()).isEqualTo(4L * RECORD).isEqualTo(Files.size(file()));
    }

    @Test
    void appendsAfterReopenContinueTheLog() throws IOException {
        append(1, 2);
        append(3);
        assertThat(Manifest.read(dir).liveSSTablesOldestFirst()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void partialLastRecordIsATornTailThatOpenCutsOff() throws IOException {
        append(1, 2, 3);
        truncate(3L * RECORD - 5); // the third append died mid-write

        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.tornTail()).isTrue();
        assertThat(r.liveSSTablesOldestFirst()).containsExactly(1L, 2L);
        assertThat(r.validLength()).isEqualTo(2L * RECORD);
        assertThat(Files.size(file())).as("read alone does not change the file").isEqualTo(3L * RECORD - 5);

        append(4);
        Manifest.Replay after = Manifest.read(dir);
        assertThat(after.tornTail()).isFalse();
        assertThat(after.liveSSTablesOldestFirst()).containsExactly(1L, 2L, 4L);
        assertThat(Files.size(file())).isEqualTo(3L * RECORD);
    }

    @Test
    void tailShorterThanAHeaderIsTorn() throws IOException {
        append(1, 2);
        truncate(RECORD + 3);
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.tornTail()).isTrue();
        assertThat(r.liveSSTablesOldestFirst()).containsExactly(1L);
        assertThat(r.validLength()).isEqualTo(RECORD);
    }

    @Test
    void lastRecordWhosePayloadNeverLandedIsATornTail() throws IOException {
        append(1, 2, 3);
        byte[] all = Files.readAllBytes(file());
        java.util.Arrays.fill(all, 2 * RECORD + Manifest.HEADER, 3 * RECORD, (byte) 0); // the file grew, the bytes never came
        Files.write(file(), all);
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.tornTail()).isTrue();
        assertThat(r.liveSSTablesOldestFirst()).containsExactly(1L, 2L);
        assertThat(r.validLength()).isEqualTo(2L * RECORD);
    }

    @Test
    void aFlippedBitInTheLastRecordIsCorruptionNotATornTail() throws IOException {
        append(1, 2, 3);
        flipByte(2L * RECORD + Manifest.HEADER + 2); // inside the last payload
        assertThatThrownBy(() -> Manifest.read(dir))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("offset " + 2 * RECORD);
    }

    @Test
    void flippedByteInMiddleRecordPayloadIsCorruptionNamingFileAndOffset() throws IOException {
        append(1, 2, 3);
        flipByte(RECORD + Manifest.HEADER + 1); // the id of the second record

        assertThatThrownBy(() -> Manifest.read(dir))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("offset " + RECORD)
                .satisfies(e -> {
                    CorruptionException c = (CorruptionException) e;
                    assertThat(c.file()).isEqualTo(file());
                    assertThat(c.offset()).isEqualTo(RECORD);
                });
    }

    @Test
    void flippedByteInMiddleRecordLengthIsCorruptionNamingFileAndOffset() throws IOException {
        append(1, 2, 3);
        flipByte(RECORD); // the length field of the second record
        assertThatThrownBy(() -> Manifest.read(dir))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("offset " + RECORD)
                .hasMessageContaining("length");
    }

    @Test
    void flippedByteInMiddleRecordChecksumIsCorruption() throws IOException {
        append(1, 2, 3);
        flipByte(RECORD + 5); // the crc field of the second record
        assertThatThrownBy(() -> Manifest.read(dir))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("offset " + RECORD)
                .hasMessageContaining("crc32c");
    }

    @Test
    void unknownRecordTypeWithValidChecksumIsCorruption() throws IOException {
        append(1);
        ByteBuffer payload = ByteBuffer.allocate(Manifest.PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        payload.put((byte) 7).putLong(2).putLong(0).flip();
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        ByteBuffer rec = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(Manifest.PAYLOAD).putInt((int) c.getValue()).put(payload).flip();
        Files.write(file(), rec.array(), StandardOpenOption.APPEND);
        // one more valid record after it, so the unknown one sits in the middle
        try (Manifest m = Manifest.openForAppend(lsmviz.engine.io.FileIO.DEFAULT, dir, new Manifest.Replay(java.util.List.of(), java.util.Map.of(), java.util.Map.of(), java.util.Set.of(),
                java.util.List.of(), 0, false, Files.size(file())))) {
            m.recordAdded(3, 100 + 3);
        }
        assertThatThrownBy(() -> Manifest.read(dir))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("offset " + RECORD)
                .hasMessageContaining("type");
    }
}
