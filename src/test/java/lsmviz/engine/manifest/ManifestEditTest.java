package lsmviz.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.types.CorruptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's EDIT record (type 3): what a compaction writes, read back, torn or damaged. */
class ManifestEditTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(Manifest.FILE_NAME);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<Long, Integer> added(long... idLevel) {
        Map<Long, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < idLevel.length; i += 2) {
            m.put(idLevel[i], (int) idLevel[i + 1]);
        }
        return m;
    }

    /** Three flushes, then a compaction of two of them into L1 with a pointer. Returns the file size before it. */
    private long flushesThenAnEdit() throws IOException {
        try (Manifest m = Manifest.openForAppend(FileIO.DEFAULT, dir, Manifest.read(dir))) {
            m.recordAdded(1, 101);
            m.recordAdded(2, 102);
            m.recordAdded(3, 103);
        }
        long before = Files.size(file());
        try (Manifest m = Manifest.openForAppend(FileIO.DEFAULT, dir, Manifest.read(dir))) {
            m.recordEdit(new Manifest.Edit(added(10, 1, 11, 1), List.of(1L, 2L), Map.of(1, b("k0042"))));
        }
        return before;
    }

    private static Map<Integer, String> text(Map<Integer, byte[]> pointers) {
        Map<Integer, String> out = new TreeMap<>();
        pointers.forEach((level, key) -> out.put(level, new String(key, StandardCharsets.US_ASCII)));
        return out;
    }

    @Test
    void anEditRoundTripsItsAddedTablesWithLevelsItsRemovedIdsAndItsPointers() throws IOException {
        long before = flushesThenAnEdit();
        Manifest.Replay r = Manifest.read(dir);

        assertThat(r.liveSSTablesOldestFirst()).containsExactly(3L, 10L, 11L);
        assertThat(r.levels()).containsExactlyInAnyOrderEntriesOf(Map.of(3L, 0, 10L, 1, 11L, 1));
        assertThat(text(r.pointers())).containsExactlyEntriesOf(Map.of(1, "k0042"));
        assertThat(r.maxId()).as("the flushed memtables' ids are the largest").isEqualTo(103);
        assertThat(r.tornTail()).isFalse();
        assertThat(r.validLength()).isEqualTo(Files.size(file()));

        Manifest.Record edit = r.records().get(3);
        assertThat(edit.type()).isEqualTo(Manifest.EDIT);
        assertThat(edit.offset()).isEqualTo(before);
        assertThat(edit.edit().added()).containsExactlyEntriesOf(added(10, 1, 11, 1));
        assertThat(edit.edit().removed()).containsExactly(1L, 2L);
        assertThat(text(edit.edit().pointers())).containsExactlyEntriesOf(Map.of(1, "k0042"));
        assertThat(edit.describe()).isEqualTo("edit: add 10 (L1), 11 (L1); remove 1, 2; pointer L1 after k0042");
    }

    @Test
    void laterEditsMoveTablesBetweenLevelsAndReplacePointersAfterAReopen() throws IOException {
        flushesThenAnEdit();
        try (Manifest m = Manifest.openForAppend(FileIO.DEFAULT, dir, Manifest.read(dir))) {
            // a trivial move of 10 into L2, then a compaction of 3 and 11 into L1 with ids above every other
            m.recordEdit(new Manifest.Edit(added(10, 2), List.of(10L), Map.of(1, b("k0050"))));
            m.recordEdit(new Manifest.Edit(added(200, 1, 201, 1), List.of(3L, 11L), Map.of(2, b("k0001"))));
            m.recordEdit(new Manifest.Edit(Map.of(), List.of(), Map.of())); // an empty edit is legal
        }
        Manifest.Replay r = Manifest.read(dir);

        assertThat(r.levels()).containsExactlyInAnyOrderEntriesOf(Map.of(10L, 2, 200L, 1, 201L, 1));
        assertThat(r.liveSSTablesOldestFirst()).containsExactlyInAnyOrder(10L, 200L, 201L);
        assertThat(text(r.pointers())).containsExactlyInAnyOrderEntriesOf(Map.of(1, "k0050", 2, "k0001"));
        assertThat(r.maxId()).as("an edit's added ids count for the next file number").isEqualTo(201);
        assertThat(r.records()).hasSize(7);
        assertThat(r.records().get(6).describe()).isEqualTo("edit: nothing");
    }

    @Test
    void anEditTornAnywhereInItsLastAppendIsIgnoredAndCutOffAtOpen() throws IOException {
        long before = flushesThenAnEdit();
        long whole = Files.size(file());
        byte[] all = Files.readAllBytes(file());
        for (long cut = before + 1; cut < whole; cut++) {
            Files.write(file(), java.util.Arrays.copyOf(all, (int) cut));
            Manifest.Replay r = Manifest.read(dir);
            assertThat(r.tornTail()).as("cut at %d of %d", cut, whole).isTrue();
            assertThat(r.validLength()).as("cut at %d", cut).isEqualTo(before);
            assertThat(r.levels()).as("cut at %d: the edit never happened", cut)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(1L, 0, 2L, 0, 3L, 0));
            assertThat(r.pointers()).isEmpty();
        }

        // the open cuts the tail off, and the next edit follows the last whole record
        try (Manifest m = Manifest.openForAppend(FileIO.DEFAULT, dir, Manifest.read(dir))) {
            m.recordEdit(new Manifest.Edit(added(20, 1), List.of(1L, 2L, 3L), Map.of()));
        }
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.tornTail()).isFalse();
        assertThat(r.levels()).containsExactlyEntriesOf(Map.of(20L, 1));
        assertThat(r.records().get(3).offset()).isEqualTo(before);
    }

    @Test
    void anEditWhosePayloadNeverReachedTheDiskIsATornTail() throws IOException {
        long before = flushesThenAnEdit();
        byte[] all = Files.readAllBytes(file());
        for (int i = (int) before + 8; i < all.length; i++) {
            all[i] = 0; // the file was extended, its bytes never written
        }
        Files.write(file(), all);
        Manifest.Replay r = Manifest.read(dir);
        assertThat(r.tornTail()).isTrue();
        assertThat(r.validLength()).isEqualTo(before);
        assertThat(r.liveSSTablesOldestFirst()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFlippedByteAnywhereInAWholeEditIsCorruptionNamingTheFileAndOffset() throws IOException {
        long before = flushesThenAnEdit();
        try (Manifest m = Manifest.openForAppend(FileIO.DEFAULT, dir, Manifest.read(dir))) {
            m.recordAdded(30, 130); // the edit is no longer the last record
        }
        long editEnd = Files.size(file()) - (Manifest.HEADER + Manifest.PAYLOAD);
        byte[] good = Files.readAllBytes(file());
        for (long at = before + Manifest.HEADER; at < editEnd; at++) {
            byte[] bad = good.clone();
            bad[(int) at] ^= 0x5a;
            Files.write(file(), bad);
            long offset = at;
            assertThatThrownBy(() -> Manifest.read(dir)).as("byte %d flipped", offset)
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(file().toString())
                    .hasMessageContaining("at offset " + before)
                    .hasMessageContaining("crc32c");
        }
    }

    @Test
    void aFlippedByteInTheLastEditIsCorruptionNotATornTail() throws IOException {
        long before = flushesThenAnEdit();
        byte[] bad = Files.readAllBytes(file());
        bad[(int) before + Manifest.HEADER + 3] ^= 0x01; // inside the added count
        Files.write(file(), bad);
        assertThatThrownBy(() -> Manifest.read(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("at offset " + before);
    }

    /** Appends one record with {@code payload} and a checksum that matches it: only its structure is wrong. */
    private void appendRaw(ByteBuffer payload) throws IOException {
        payload.flip();
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        ByteBuffer rec = ByteBuffer.allocate(Manifest.HEADER + payload.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(payload.remaining()).putInt((int) c.getValue()).put(payload).flip();
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(rec);
        }
    }

    private static ByteBuffer payload(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void anEditWhoseCountsRunPastItsEndIsCorruptionEvenWithAGoodChecksum() throws IOException {
        flushesThenAnEdit();
        long at = Files.size(file());
        // says three added tables, holds one
        appendRaw(payload(1 + 4 + 9 + 4 + 4).put(Manifest.EDIT).putInt(3).putLong(40).put((byte) 1).putInt(0).putInt(0));
        assertThatThrownBy(() -> Manifest.read(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("at offset " + at)
                .hasMessageContaining("an edit record ends in the middle of an entry");
    }

    @Test
    void anEditWithBytesAfterItsLastEntryIsCorruption() throws IOException {
        flushesThenAnEdit();
        long at = Files.size(file());
        appendRaw(payload(1 + 4 + 4 + 4 + 2).put(Manifest.EDIT).putInt(0).putInt(0).putInt(0).put((byte) 7).put((byte) 7));
        assertThatThrownBy(() -> Manifest.read(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("at offset " + at)
                .hasMessageContaining("2 bytes after the end of an edit");
    }

    @Test
    void aPointerKeyLongerThanTheRecordIsCorruption() throws IOException {
        flushesThenAnEdit();
        appendRaw(payload(1 + 4 + 4 + 4 + 1 + 4 + 2).put(Manifest.EDIT).putInt(0).putInt(0).putInt(1).put((byte) 1)
                .putInt(1000).put((byte) 'k').put((byte) '1'));
        assertThatThrownBy(() -> Manifest.read(dir)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("an edit record ends in the middle of an entry");
    }
}
