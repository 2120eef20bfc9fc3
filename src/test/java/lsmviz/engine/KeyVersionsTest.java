package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.inspect.KeyVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Where a key is: every version the engine still stores, newest first, as a get would meet them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyVersionsTest {
    @TempDir
    Path dir;

    @Test
    void aDeletedKeysTombstoneHidesItsOlderValueUntilACompactionIntoTheBottomDropsBoth() throws Exception {
        try (LsmEngine e = LsmEngine.open(dir, CompactionTestSupport.manualCompaction())) {
            e.put(b("apple"), b("red"));
            e.put(b("zebra"), b("striped"));
            e.flushAll();
            e.compact(); // apple=red goes to L1
            e.put(b("mango"), b("orange"));
            e.delete(b("apple"));
            List<KeyVersion> inMemory = e.inspector().versionsOf(b("apple"));
            assertThat(inMemory).hasSize(2);
            assertThat(inMemory.get(0).inMemtable()).isTrue();
            assertThat(inMemory.get(0).tombstone()).isTrue();
            assertThat(inMemory.get(1).level()).isGreaterThanOrEqualTo(1);
            assertThat(new String(inMemory.get(1).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("red");

            e.flushAll();
            List<KeyVersion> flushed = e.inspector().versionsOf(b("apple"));
            assertThat(flushed).extracting(KeyVersion::level).first().isEqualTo(0);
            assertThat(flushed.get(0).tombstone()).isTrue();
            assertThat(flushed.get(0).where()).startsWith("SSTable #").endsWith(" in L0");
            assertThat(flushed.get(1).tombstone()).isFalse();

            e.compact(); // everything into the bottom level: the tombstone and the value it hid are gone
            assertThat(e.inspector().versionsOf(b("apple"))).isEmpty();
            assertThat(e.inspector().versionsOf(b("zebra"))).singleElement()
                    .satisfies(v -> assertThat(v.tombstone()).isFalse());
        }
    }
}
