package lsmviz.engine.event;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventBusTest {

    private static EngineEvent sample(EventBus bus) {
        return new EngineEvent.EngineClosed(bus.nextSeq(), System.nanoTime(), EventBus.currentThread());
    }

    @Test
    void enabledOnlyWhileSomeoneListens() {
        EventBus bus = new EventBus();
        assertThat(bus.enabled()).isFalse();
        EventListener l = e -> { };
        bus.addListener(l);
        assertThat(bus.enabled()).isEqualTo(EventBus.HOOKS);
        bus.removeListener(l);
        assertThat(bus.enabled()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersAndIsReportedNamedAndCounted() {
        EventBus bus = new EventBus();
        List<EngineEvent> got = new ArrayList<>();
        EventListener failing = new EventListener() {
            @Override
            public void onEvent(EngineEvent e) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public String toString() {
                return "the failing listener";
            }
        };
        bus.addListener(failing);
        bus.addListener(got::add);
        EngineEvent e = sample(bus);
        bus.publish(e);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo(e);
        assertThat(got.get(1)).isInstanceOfSatisfying(EngineEvent.EngineError.class, err -> assertThat(err.message())
                .contains("the failing listener", "IllegalStateException", "listener bug", "EngineClosed"));
        assertThat(got.get(1).seq()).isGreaterThan(e.seq());
        assertThat(bus.listenerErrors()).as("on the event, then on its report").isEqualTo(2);
    }

    @Test
    void aListenerFailingOnEveryEventIsCountedEachTimeAndReportedAtPowersOfTwo() {
        EventBus bus = new EventBus();
        List<EngineEvent> got = new ArrayList<>();
        bus.addListener(e -> {
            throw new IllegalStateException("always");
        });
        bus.addListener(got::add);
        for (int i = 0; i < 100; i++) {
            bus.publish(sample(bus));
        }
        assertThat(bus.listenerErrors()).as("each failure, its own reports' included").isEqualTo(100 + 7);
        // the 1st, 2nd, 4th, ..., 64th failure: seven reports, not a hundred
        assertThat(got.stream().filter(EngineEvent.EngineError.class::isInstance)).hasSize(7);
    }

    @Test
    void sequenceNumbersIncrease() {
        EventBus bus = new EventBus();
        long a = bus.nextSeq();
        long b = bus.nextSeq();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void engineKeepsWorkingWithAFailingListener(@TempDir Path dir) throws IOException {
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual(64 * 1024), ev -> {
            throw new RuntimeException("boom");
        })) {
            e.addListener(rec);
            e.put(b("k"), b("v"));
            e.freeze();
            e.flushOldest();
            assertThat(s(e.get(b("k")))).isEqualTo("v");
            var stats = e.snapshot();
            assertThat(stats.listenerErrors()).isPositive();
            assertThat(stats.summaryLine()).endsWith("; listener errors: " + stats.listenerErrors());
        }
        assertThat(rec.of(EngineEvent.FlushFinished.class)).hasSize(1);
        assertThat(rec.all()).allSatisfy(ev -> assertThat(ev.thread()).isNotBlank());
        assertThat(rec.of(EngineEvent.EngineError.class)).isNotEmpty()
                .allSatisfy(err -> assertThat(err.message()).startsWith("listener ").contains("boom"));
    }
}
