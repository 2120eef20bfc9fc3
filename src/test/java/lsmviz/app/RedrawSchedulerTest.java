package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.Pictures;
import lsmviz.app.model.VisualState;
import org.junit.jupiter.api.Test;

/** When the parts redraw: at most 25 times a second, and at full speed 5 times, one part per pulse. */
class RedrawSchedulerTest {
    private static final long MS = 1_000_000L;
    private final List<String> drawn = new ArrayList<>();
    private final RedrawScheduler r = new RedrawScheduler(new RedrawScheduler.Parts() {
        public void memory(VisualState s) {
            drawn.add("memory");
        }

        public void locks(VisualState s) {
            drawn.add("locks");
        }

        public void logAndStatus(VisualState s) {
            drawn.add("log");
        }

        public void disk(VisualState s) {
            drawn.add("disk");
        }
    });

    @Test
    void aNewPictureIsDrawnWholeAtMostEvery40MsAndTheSameOneNotAgain() {
        Pictures p = new Pictures(4096, 4);
        r.pulse(p.put(1, "a", 10, 1).now(), false, 1_000 * MS);
        assertThat(drawn).containsExactly("log", "memory", "locks", "disk");
        drawn.clear();
        r.pulse(p.put(1, "b", 20, 2).now(), false, 1_016 * MS);
        assertThat(drawn).as("16 ms later").isEmpty();
        VisualState s = p.put(1, "c", 30, 3).now();
        r.pulse(s, false, 1_041 * MS);
        assertThat(drawn).hasSize(4);
        drawn.clear();
        r.pulse(s, false, 1_100 * MS);
        assertThat(drawn).as("nothing changed").isEmpty();
        assertThat(r.shown()).isSameAs(s);
    }

    @Test
    void atFullSpeedEachRedrawIsSpreadOverFourPulsesFiveTimesASecond() {
        Pictures p = new Pictures(4096, 4);
        long t = 1_000 * MS;
        VisualState first = p.put(1, "a", 10, 1).now();
        for (int pulse = 0; pulse < 4; pulse++) {
            r.pulse(pulse == 0 ? first : p.put(1, "k" + pulse, 10, 1).now(), true, t + pulse * 16 * MS);
        }
        assertThat(drawn).containsExactly("memory", "locks", "log", "disk");
        assertThat(r.shown()).as("every part shows the same moment").isSameAs(first);
        drawn.clear();
        r.pulse(p.put(1, "z", 10, 1).now(), true, t + 100 * MS);
        assertThat(drawn).as("before 200 ms").isEmpty();
        r.pulse(p.now(), true, t + 201 * MS);
        assertThat(drawn).containsExactly("memory");
    }
}
