package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.Pictures;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import org.junit.jupiter.api.Test;

/** When the parts redraw: at most 25 times a second, and at full speed 5 times, spread over four pulses. */
class RedrawSchedulerTest {
    private static final long MS = 1_000_000L;
    private final List<String> drawn = new ArrayList<>();
    private final List<WindowPart> parts = new ArrayList<>();
    private final RedrawScheduler r = new RedrawScheduler(parts);

    RedrawSchedulerTest() {
        for (String name : List.of("memory", "steps", "locks", "code", "log", "status", "narration")) {
            parts.add((s, now) -> drawn.add(name));
        }
        parts.add(new WindowPart() {
            @Override
            public void show(VisualState s, long now) {
                drawn.add("disk");
            }

            @Override
            public boolean heavy() {
                return true;
            }
        });
    }

    @Test
    void aNewPictureIsDrawnWholeAtMostEvery40MsAndTheSameOneNotAgain() {
        Pictures p = new Pictures(4096, 4);
        r.pulse(p.put(1, "a", 10, 1).now(), false, 1_000 * MS);
        assertThat(drawn).containsExactly("memory", "steps", "locks", "code", "log", "status", "narration", "disk");
        drawn.clear();
        r.pulse(p.put(1, "b", 20, 2).now(), false, 1_016 * MS);
        assertThat(drawn).as("16 ms later").isEmpty();
        VisualState s = p.put(1, "c", 30, 3).now();
        r.pulse(s, false, 1_041 * MS);
        assertThat(drawn).hasSize(8);
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
        List<List<String>> perPulse = new ArrayList<>();
        for (int pulse = 0; pulse < 4; pulse++) {
            r.pulse(pulse == 0 ? first : p.put(1, "k" + pulse, 10, 1).now(), true, t + pulse * 16 * MS);
            perPulse.add(List.copyOf(drawn));
            drawn.clear();
        }
        assertThat(perPulse).containsExactly(List.of("memory", "steps"), List.of("locks", "code"),
                List.of("log", "status"), List.of("narration", "disk"));
        assertThat(r.shown()).as("every part shows the same moment").isSameAs(first);
        r.pulse(p.put(1, "z", 10, 1).now(), true, t + 100 * MS);
        assertThat(drawn).as("before 200 ms").isEmpty();
        r.pulse(p.now(), true, t + 201 * MS);
        assertThat(drawn).containsExactly("memory", "steps");
    }

    @Test
    void heavyPartsOfABigPictureAreRedrawnLessOften() {
        Pictures p = new Pictures(4096, 4);
        for (int i = 0; i < RedrawScheduler.BIG_PICTURE + 1; i++) {
            p.flushed(i + 1, i + 1);
        }
        r.pulse(p.put(1, "a", 10, 1).now(), false, 1_000 * MS);
        assertThat(drawn).contains("disk");
        drawn.clear();
        r.pulse(p.put(1, "b", 10, 1).now(), false, 1_041 * MS);
        assertThat(drawn).as("41 ms later: the light parts only").contains("memory").doesNotContain("disk");
        drawn.clear();
        r.pulse(p.put(1, "c", 10, 1).now(), false, 1_101 * MS);
        assertThat(drawn).as("100 ms after the last").contains("memory", "disk");
    }
}
