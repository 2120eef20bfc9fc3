package lsmviz.app.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import lsmviz.app.AppPrefs;
import lsmviz.app.model.Pictures;
import lsmviz.app.session.StepControl;
import lsmviz.app.step.StepViewModel.Breakpoints;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The step controls' commands reach the gate; the controls follow the gate. */
class StepViewModelTest {
    /** A gate that records what it is told. */
    static final class FakeGate implements StepControl {
        StepMode mode = StepMode.RUN;
        long delay;
        Set<ProbePoint> breakpoints;
        final List<String> calls = new ArrayList<>();
        String paused;

        public StepMode mode() {
            return mode;
        }

        public void setMode(StepMode m) {
            mode = m;
            calls.add("mode " + m);
        }

        public void setSlowDelayMillis(long millis) {
            delay = millis;
        }

        public void setBreakpoints(Set<ProbePoint> points) {
            breakpoints = points;
        }

        public String step(String thread) {
            calls.add("step " + thread);
            return paused;
        }

        public String finishOperation(String thread) {
            calls.add("finish " + thread);
            return paused;
        }

        public void pauseAll() {
            mode = StepMode.STEP;
            calls.add("pause all");
        }
    }

    private final FakeGate gate = new FakeGate();
    private final List<String> said = new ArrayList<>();
    private StepViewModel m;

    @BeforeEach
    void make() throws Exception {
        AppPrefs.node().clear();
        m = new StepViewModel(gate, said::add);
    }

    @Test
    void theWindowsBreakpointsAndSpeedReachTheGate() {
        assertThat(gate.breakpoints).as("each flush step by default").contains(ProbePoint.FLUSH_SELECT_OLDEST,
                ProbePoint.FLUSH_REMOVE_MEMTABLE).doesNotContain(ProbePoint.PUT_WRITE_MEMTABLE);
        m.breakpointsProperty().set(EnumSet.of(Breakpoints.PUT, Breakpoints.NEXT_FREEZE));
        assertThat(gate.breakpoints).containsExactlyInAnyOrder(ProbePoint.PUT_MAKE_ROOM, ProbePoint.PUT_WRITE_MEMTABLE,
                ProbePoint.PUT_CHECK_ROOM,
                ProbePoint.DELETE_WRITE_TOMBSTONE, ProbePoint.FREEZE_RECHECK, ProbePoint.FREEZE_SWAP);
        assertThat(m.breakpointText()).isEqualTo("next freeze, put");
        m.speedProperty().set(900);
        assertThat(gate.delay).isEqualTo(900);
        assertThat(new StepViewModel(new FakeGate(), said::add).speedProperty().get()).as("remembered").isEqualTo(900);
    }

    @Test
    void stepInLiveModePausesAndPlayGoesBackToTheModeBefore() {
        m.setMode(StepMode.SLOW);
        m.step();
        assertThat(gate.calls).containsExactly("mode SLOW", "pause all");
        assertThat(m.modeProperty().get()).isEqualTo(StepMode.STEP);
        assertThat(m.playPauseProperty().get()).isEqualTo("Play");
        m.togglePlayPause();
        assertThat(gate.mode).isEqualTo(StepMode.SLOW);
        assertThat(m.playPauseProperty().get()).isEqualTo("Pause");
    }

    @Test
    void theControlsFollowTheGateAndThePausedThreads() {
        gate.mode = StepMode.STEP; // a lesson set it
        m.update(new Pictures(4096, 4).paused("flusher", "FLUSH_ITERATE").paused("writer-A", "FREEZE_RECHECK").now());
        assertThat(m.modeProperty().get()).isEqualTo(StepMode.STEP);
        assertThat(m.threadsProperty().get()).containsExactly(StepViewModel.ANY, "flusher", "writer-A");
        assertThat(m.anyPausedProperty().get()).isTrue();
        m.chosenThreadProperty().set("writer-A");
        gate.paused = "writer-A";
        m.step();
        assertThat(gate.calls).containsExactly("step writer-A");
        assertThat(said).last().isEqualTo("Step: writer-A moves to its next step");
        m.update(new Pictures(4096, 4).paused("flusher", "FLUSH_ITERATE").now());
        assertThat(m.chosenThreadProperty().get()).as("a thread gone from the list").isEqualTo(StepViewModel.ANY);
        assertThat(m.chosenThread()).isNull();
    }
}
