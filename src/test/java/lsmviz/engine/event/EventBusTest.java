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
    void failingListenerDoesNotStopTheOthers() {
        EventBus bus = new EventBus();
        List<EngineEvent> got = new ArrayList<>();
        bus.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        bus.addListener(got::add);
        EngineEvent e = sample(bus);
        bus.publish(e);
        assertThat(got).containsExactly(e);
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
        }
        assertThat(rec.of(EngineEvent.FlushFinished.class)).hasSize(1);
        assertThat(rec.all()).allSatisfy(ev -> assertThat(ev.thread()).isNotBlank());
    }
}
