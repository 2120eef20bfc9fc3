package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SSTableWriterValidationTest {
    @TempDir
    Path dir;

    private static KeyValue kv(String k) {
        return new KeyValue(Bytes.utf8(k), Bytes.utf8("v"));
    }

    @Test
    void unsortedKeysAreRejectedAndNoFileIsLeftBehind() {
        Path file = dir.resolve("t.sst");
        List<KeyValue> entries = new ArrayList<>(TestTables.sequentialEntries(5000));
        entries.add(kv("a")); // out of order after many sealed blocks
        assertThatThrownBy(() -> TestTables.write(file, entries, 256, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThat(file).doesNotExist();
    }

    @Test
    void duplicateKeysAreRejected() {
        Path file = dir.resolve("t.sst");
        assertThatThrownBy(() -> TestTables.write(file, List.of(kv("a"), kv("b"), kv("b")), 4096, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing");
        assertThat(file).doesNotExist();
    }

    @Test
    void unsignedOrderIsUsedSoHighBytesSortAfterLowBytes() throws Exception {
        Path ok = dir.resolve("ok.sst");
        TestTables.write(ok, List.of(new KeyValue(new byte[] {0x7F}, null), new KeyValue(new byte[] {(byte) 0x80}, null)), 4096, 10);
        Path bad = dir.resolve("bad.sst");
        assertThatThrownBy(() -> TestTables.write(bad,
                List.of(new KeyValue(new byte[] {(byte) 0x80}, null), new KeyValue(new byte[] {0x7F}, null)), 4096, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullRecordsAndKeysAreRejected() {
        assertThatThrownBy(() -> TestTables.write(dir.resolve("a.sst"), Arrays.asList(kv("a"), null), 4096, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestTables.write(dir.resolve("b.sst"), List.of(new KeyValue(null, null)), 4096, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("a.sst")).doesNotExist();
        assertThat(dir.resolve("b.sst")).doesNotExist();
    }

    @Test
    void nonsensicalSizesAreRejectedBeforeCreatingTheFile() {
        Path file = dir.resolve("t.sst");
        assertThatThrownBy(() -> TestTables.write(file, List.of(kv("a")), 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestTables.write(file, List.of(kv("a")), 4096, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestTables.write(file, List.of(kv("a")), 4096, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }
}
