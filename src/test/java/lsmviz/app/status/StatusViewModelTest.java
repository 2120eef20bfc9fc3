package lsmviz.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.model.Pictures;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.Test;

/** The status bar's counts and flags. */
class StatusViewModelTest {
    private static final long SECOND = 1_000_000_000L;
    private final StatusViewModel m = new StatusViewModel();

    @Test
    void aWriterStuckBehindAPausedFlusherIsFlaggedOnceItWaitedASecond() {
        Pictures p = new Pictures(4096, 4).acquired("flusher", LsmEngine.FREEZE_LOCK, "exclusive", 0)
                .requested("writer-B", LsmEngine.FREEZE_LOCK, "exclusive", 0);
        m.update(p.now(), SECOND / 2);
        assertThat(m.flagProperty().get()).as("half a second is no block yet").isEmpty();
        m.update(p.now(), 50 * SECOND);
        assertThat(m.flagProperty().get()).isEqualTo("BLOCKED 50 s: writer-B waits for the freeze lock");
    }

    @Test
    void aStallIsFlaggedWithItsWritersAndMoreBlocksAreCounted() {
        Pictures p = new Pictures(1024, 1).stall("writer-A")
                .requested("ui-1", LsmEngine.STATE_LOCK, "read", 0)
                .requested("ui-2", LsmEngine.STATE_LOCK, "read", 0);
        m.update(p.now(), 3 * SECOND);
        assertThat(m.flagProperty().get()).isEqualTo("WRITE STALL: writer-A (queue full)  ·  "
                + "BLOCKED 3.0 s: ui-1 waits for the state lock  ·  +1 more");
        assertThat(m.memtablesProperty().get()).isEqualTo("memtables: 1 active + 0 immutable");
        m.setOpsPerSecond(12_345.4);
        assertThat(m.opsProperty().get()).isEqualTo("ops/s: 12,345");
    }
}
