package lsmviz.app.locks;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.locks.LocksViewModel.Card;
import lsmviz.app.locks.LocksViewModel.ThreadLine;
import lsmviz.app.model.Pictures;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.Test;

/** The lock cards' words from pictures: holders, their time and pause, the queue in order. */
class LocksViewModelTest {
    private static final long SECOND = 1_000_000_000L;
    private final LocksViewModel m = new LocksViewModel();

    @Test
    void aFreeLockSaysNothingWaits() {
        m.update(new Pictures(4096, 4).now(), 0);
        Card c = m.freezeLockProperty().get();
        assertThat(c.title()).isEqualTo("Freeze lock");
        assertThat(c.held()).isFalse();
        assertThat(c.waiters()).isEmpty();
    }

    @Test
    void theHolderIsNamedWithItsModeForHowLongAndWhetherItIsPaused() {
        Pictures p = new Pictures(4096, 4).acquired("flusher", LsmEngine.FREEZE_LOCK, "exclusive", 0)
                .paused("flusher", "FLUSH_ITERATE");
        m.update(p.now(), 2 * SECOND);
        ThreadLine h = m.freezeLockProperty().get().holders().get(0);
        assertThat(h.text()).isEqualTo("flusher (exclusive)");
        assertThat(h.more()).isEqualTo("for 2.0 s · paused at a step");
        assertThat(h.paused()).isTrue();
    }

    @Test
    void waitersStandInQueueOrderTheFirstThreeNamedAndTheLongWaitsBlocked() {
        Pictures p = new Pictures(4096, 4).acquired("flusher", LsmEngine.STATE_LOCK, "write", 0)
                .requested("ui-1", LsmEngine.STATE_LOCK, "read", 0)
                .requested("ui-2", LsmEngine.STATE_LOCK, "read", SECOND)
                .requested("ui-3", LsmEngine.STATE_LOCK, "read", SECOND + SECOND / 2)
                .requested("ui-4", LsmEngine.STATE_LOCK, "read", 2 * SECOND);
        m.update(p.now(), 2 * SECOND);
        Card c = m.stateLockProperty().get();
        assertThat(c.waiters()).extracting(ThreadLine::text)
                .containsExactly("1. ui-1 wants read (2.0 s)", "2. ui-2 wants read (1.0 s)", "3. ui-3 wants read");
        assertThat(c.waiters()).extracting(ThreadLine::blocked).containsExactly(true, true, false);
        assertThat(c.more()).isEqualTo(1);
    }

    @Test
    void readersSharingTheStateLockAreNamedOnOneLine() {
        Pictures p = new Pictures(4096, 4);
        for (int i = 1; i <= 5; i++) {
            p.acquired("reader-" + i, LsmEngine.STATE_LOCK, "read", 0);
        }
        m.update(p.now(), SECOND);
        Card c = m.stateLockProperty().get();
        assertThat(c.holders()).hasSize(1);
        assertThat(c.holders().get(0).text()).isEqualTo("reader-1, reader-2, reader-3 +2 (read)");
        assertThat(c.holders().get(0).more()).isEqualTo("5 readers share it");
    }
}
