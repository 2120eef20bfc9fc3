package lsmviz.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptionsTest {

    @Test
    void defaultsAreValidAndAsDocumented() {
        Options o = Options.defaults();
        assertThat(o.memtableSizeBytes()).isEqualTo(4L << 20);
        assertThat(o.blockSizeBytes()).isEqualTo(4096);
        assertThat(o.sstableTargetBytes()).isEqualTo(2L << 20); // LevelDB's output size
        assertThat(o.compaction()).isEqualTo(CompactionOptions.defaults());
        assertThat(o.compaction().style()).isEqualTo(CompactionOptions.Style.LEVELED);
        assertThat(o.maxImmutableMemtables()).isEqualTo(4);
        assertThat(o.bloomBitsPerKey()).isEqualTo(10);
        assertThat(o.flushMode()).isEqualTo(Options.FlushMode.BACKGROUND);
    }

    static Stream<Arguments> badValues() {
        Options d = Options.defaults().withSstableTargetBytes(1L << 32);
        return Stream.of(
                bad("memtableSizeBytes", "1023", "1024..1073741824", () -> d.withMemtableSizeBytes(1023)),
                bad("memtableSizeBytes", "0", "1024..1073741824", () -> d.withMemtableSizeBytes(0)),
                bad("memtableSizeBytes", "1073741825", "1024..1073741824", () -> d.withMemtableSizeBytes((1L << 30) + 1)),
                bad("blockSizeBytes", "255", "256..1048576", () -> d.withBlockSizeBytes(255)),
                bad("blockSizeBytes", "1048577", "256..1048576", () -> d.withBlockSizeBytes((1 << 20) + 1)),
                bad("sstableTargetBytes", "4095", "4096..4294967296", () -> d.withSstableTargetBytes(4095)),
                bad("sstableTargetBytes", "4294967297", "4096..4294967296", () -> d.withSstableTargetBytes((1L << 32) + 1)),
                bad("maxImmutableMemtables", "0", "1..64", () -> d.withMaxImmutableMemtables(0)),
                bad("maxImmutableMemtables", "65", "1..64", () -> d.withMaxImmutableMemtables(65)),
                bad("bloomBitsPerKey", "0", "1..32", () -> d.withBloomBitsPerKey(0)),
                bad("bloomBitsPerKey", "33", "1..32", () -> d.withBloomBitsPerKey(33)),
                bad("bloomBitsPerKey", "-1", "1..32", () -> d.withBloomBitsPerKey(-1)));
    }

    private static Arguments bad(String option, String value, String range, Supplier<Options> build) {
        return Arguments.of(option, value, range, build);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void badValueThrowsNamingOptionValueAndRange(String option, String value, String range, Supplier<Options> build) {
        assertThatThrownBy(build::get)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(option)
                .hasMessageContaining(value)
                .hasMessageContaining(range);
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertThatCode(() -> new Options(1024, 256, 4096, 1, 1, Options.FlushMode.MANUAL, SyncMode.NONE)).doesNotThrowAnyException();
        assertThatCode(() -> new Options(1L << 30, 1 << 20, 1L << 32, 64, 32, Options.FlushMode.BACKGROUND, SyncMode.GROUP))
                .doesNotThrowAnyException();
    }

    @Test
    void nullFlushModeThrowsNamingTheOption() {
        assertThatThrownBy(() -> Options.defaults().withFlushMode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flushMode")
                .hasMessageContaining("null")
                .hasMessageContaining("BACKGROUND")
                .hasMessageContaining("MANUAL");
    }

    @Test
    void nullSyncModeThrowsNamingTheOption() {
        assertThatThrownBy(() -> Options.defaults().withSyncMode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syncMode")
                .hasMessageContaining("GROUP");
    }

    @Test
    void memtableLargerThanTableTargetIsAllowedAFlushStillWritesOneTable() {
        Options o = new Options(8192, 4096, 4096, 4, 10, Options.FlushMode.MANUAL, SyncMode.NONE);
        assertThat(o.memtableSizeBytes()).isGreaterThan(o.sstableTargetBytes());
    }

    @Test
    void nullCompactionThrowsNamingTheOption() {
        assertThatThrownBy(() -> Options.defaults().withCompaction(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compaction");
    }

    @Test
    void withersChangeOnlyTheirOption() {
        Options d = Options.defaults();
        Options o = d.withMemtableSizeBytes(2048).withBlockSizeBytes(512).withMaxImmutableMemtables(2)
                .withBloomBitsPerKey(7).withFlushMode(Options.FlushMode.MANUAL).withSstableTargetBytes(1L << 20)
                .withSyncMode(SyncMode.SYNC);
        assertThat(o).isEqualTo(new Options(2048, 512, 1L << 20, 2, 7, Options.FlushMode.MANUAL, SyncMode.SYNC));
        CompactionOptions tiered = CompactionOptions.defaults().withStyle(CompactionOptions.Style.TIERED);
        assertThat(o.withCompaction(tiered).compaction()).isEqualTo(tiered);
        assertThat(o.withCompaction(tiered).withCompaction(o.compaction())).isEqualTo(o);
        assertThat(d).isEqualTo(Options.defaults());
    }
}
