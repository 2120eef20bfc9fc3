package lsmviz.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lsmviz.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

/** The log's lines without a screen: order, summaries, wrapping. */
class EventLogTest {
    private static EngineEvent written(long seq, long nanos, String key) {
        return new EngineEvent.MemtableWritten(seq, nanos, "writer-1", 1, key, false, 100, 1);
    }

    @Test
    void aLineThatComesLateStandsWhereItsTimePutsIt() {
        EventLog log = new EventLog();
        log.accept(written(1, 1_000, "a"));
        log.accept(written(3, 3_000, "c"));
        log.endPulse();
        log.accept(written(2, 2_000, "b")); // a get hands its path over when it ends: later than events after it
        log.endPulse();
        assertThat(log.visible()).extracting(EventLog.Line::nanos).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(log.visible().get(1).text()).contains("wrote b into memtable #1");
    }

    @Test
    void aFloodOfOperationsIsSummedUpButStructureAlwaysShows() {
        EventLog log = new EventLog();
        for (int i = 0; i < 1_000; i++) {
            log.accept(written(i + 1, i, "k" + i));
        }
        log.accept(new EngineEvent.MemtableFrozen(1_001, 1_000, "writer-1", 1, 2, 100, 1000, "k0", "k999", 1));
        log.endPulse();
        List<String> lines = log.visible().stream().map(EventLog.Line::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("1,000 more events: too fast to list");
        assertThat(lines.get(1)).contains("FREEZE memtable #1");
    }

    @Test
    void wrappingCutsAtSpacesAndIndentsTheRest() {
        List<String> rows = EventLog.wrap("one two three four five six seven eight", 12);
        assertThat(rows).containsExactly("one two", "  three four", "  five six", "  seven", "  eight");
        assertThat(rows).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(12));
        assertThat(String.join(" ", rows).replaceAll("\\s+", " ")).isEqualTo("one two three four five six seven eight");
        assertThat(EventLog.wrap("x".repeat(30), 12)).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(12));
    }
}
