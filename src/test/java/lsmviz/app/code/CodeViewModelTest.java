package lsmviz.app.code;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.code.CodeViewModel.Focus;
import lsmviz.app.model.Pictures;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;

/** Which code the pane shows, derived from the picture alone. */
class CodeViewModelTest {
    private final CodeViewModel m = new CodeViewModel();

    @Test
    void theChosenPausedThreadsCodeWinsElseTheOnePausedLongest() {
        Pictures p = new Pictures(4096, 4).paused("flusher", "FLUSH_ITERATE").paused("writer-A", "FREEZE_RECHECK");
        m.update(p.now(), null, false);
        assertThat(m.focusProperty().get()).isEqualTo(new Focus(ProbePoint.FLUSH_ITERATE, "flusher", true));
        m.update(p.now(), "writer-A", false);
        assertThat(m.focusProperty().get()).isEqualTo(new Focus(ProbePoint.FREEZE_RECHECK, "writer-A", true));
    }

    @Test
    void inSlowMotionTheStepPassedIsShownAndLiveNothing() {
        Pictures p = new Pictures(4096, 4).passed("writer-1", "PUT_WRITE_MEMTABLE");
        m.update(p.now(), null, true);
        assertThat(m.focusProperty().get()).isEqualTo(new Focus(ProbePoint.PUT_WRITE_MEMTABLE, "writer-1", false));
        m.update(p.now(), null, false);
        assertThat(m.focusProperty().get()).isNull();
    }

    @Test
    void aClosedEngineShowsNoCodeNotTheLastThreadThatRan() {
        Pictures p = new Pictures(4096, 4).paused("flush-caller", "FLUSH_REMOVE_MEMTABLE");
        m.update(p.now(), null, true);
        assertThat(m.focusProperty().get()).isNotNull();
        m.update(p.closed().now(), null, true);
        assertThat(m.focusProperty().get()).isNull();
    }
}
