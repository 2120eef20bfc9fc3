package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's command line. */
class AppArgumentsTest {
    @Test
    void aLessonAndAWorkloadAreReadAndMeasuringImpliesTheWorkload() {
        assertThat(AppArguments.parse(List.of("--lesson=3")).lesson()).isEqualTo(3);
        AppArguments a = AppArguments.parse(List.of("--measure=30", "--warmup=90", "--rate=400"));
        assertThat(a.workload()).isTrue();
        assertThat(a.measureSeconds()).isEqualTo(30);
        assertThat(a.warmupSeconds()).isEqualTo(90);
        assertThat(a.rate()).isEqualTo(400);
        assertThat(AppArguments.parse(List.of()).lesson()).isZero();
    }

    @Test
    void aWrongArgumentSaysWhatIsKnown() {
        assertThatThrownBy(() -> AppArguments.parse(List.of("--lesson=two")))
                .hasMessage("--lesson takes a whole number, not 'two'");
        assertThatThrownBy(() -> AppArguments.parse(List.of("--lessons=2")))
                .hasMessageContaining("unknown argument '--lessons=2'").hasMessageContaining("--lesson=N");
    }
}
