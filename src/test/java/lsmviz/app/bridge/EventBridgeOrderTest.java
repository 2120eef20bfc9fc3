package lsmviz.app.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import org.junit.jupiter.api.Test;

/** One pulse's events are applied in the order they happened, engine by engine. */
class EventBridgeOrderTest {
    private static EngineEvent.LockAcquired acquired(long seq, String thread, String mode) {
        return new EngineEvent.LockAcquired(seq, seq * 10, thread, "state lock", mode, 0);
    }

    private static EngineEvent.LockReleased released(long seq, String thread, String mode) {
        return new EngineEvent.LockReleased(seq, seq * 10, thread, "state lock", mode, 5);
    }

    private static EngineEvent.EngineOpened opened(long seq) {
        return new EngineEvent.EngineOpened(seq, seq * 10, "main", "/tmp/x", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(), 4096, 4);
    }

    @Test
    void aGetsBatchQueuedAfterTheWriterThatFollowedItIsPutBackInPlace() {
        // the get's acquisition and release (seq 3, 4) arrive after the freezer's acquisition (5)
        List<EngineEvent> pulse = new ArrayList<>(List.of(released(2, "freezer", "write"), acquired(5, "freezer", "write"),
                acquired(3, "reader", "read"), released(4, "reader", "read"), released(6, "freezer", "write")));
        EventBridge.inSequenceOrder(pulse);
        assertThat(pulse).extracting(EngineEvent::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aReopenedEngineNumbersAfreshAndStaysAfterTheOldOne() {
        List<EngineEvent> pulse = new ArrayList<>(List.of(released(41, "a", "read"), acquired(40, "a", "read"),
                new EngineEvent.EngineClosed(42, 420, "main"), opened(1), acquired(3, "b", "read"), acquired(2, "b", "read")));
        EventBridge.inSequenceOrder(pulse);
        assertThat(pulse).extracting(EngineEvent::seq).containsExactly(40L, 41L, 42L, 1L, 2L, 3L);
        assertThat(pulse.get(3)).isInstanceOf(EngineEvent.EngineOpened.class);
    }
}
