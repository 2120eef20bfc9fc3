package lsmviz.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lsmviz.engine.inspect.KeyVersion;
import org.junit.jupiter.api.Test;

/** A get that found nothing says where the key's tombstone is and why it is kept. */
class TombstonesTest {
    private static KeyVersion value(int level, long id, String v) {
        return new KeyVersion(level, id, v.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTombstoneAboveAnOlderValueSaysWhereBothAreAndWhyItStays() {
        String s = Tombstones.answer("apple", List.of(new KeyVersion(1, 57, null), value(3, 75, "red")));
        assertThat(s).startsWith("get apple → (deleted): its tombstone is in SSTable #57 in L1")
                .contains("hides an older value (red) in SSTable #75 in L3", "bottom level drops both");
    }

    @Test
    void aTombstoneInAMemtableWaitsForAFlush() {
        assertThat(Tombstones.answer("apple", List.of(new KeyVersion(-1, 4, null))))
                .contains("its tombstone is in memtable #4", "A flush takes it to L0");
    }

    @Test
    void aTombstoneWithNothingBelowIsStillDroppedOnlyAtTheBottom() {
        assertThat(Tombstones.answer("apple", List.of(new KeyVersion(2, 9, null))))
                .contains("SSTable #9 in L2", "No older value is left below", "only a compaction into the bottom level");
    }

    @Test
    void aKeyNeverWrittenIsNotFound() {
        assertThat(Tombstones.answer("apple", List.of())).isEqualTo("get apple → (not found)");
    }
}
