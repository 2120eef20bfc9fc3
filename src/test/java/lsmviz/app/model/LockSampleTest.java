package lsmviz.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.Test;

/** The lock table's sample corrects the locks the events told, and stands in for lock events that never came. */
class LockSampleTest {
    private static LockVis freezeLock(List<HolderVis> holders, List<WaiterVis> waiters) {
        return new LockVis(LsmEngine.FREEZE_LOCK, holders, waiters);
    }

    @Test
    void aSampleShowsWhoHoldsAndWaitsWhenNoLockEventCame() {
        Pictures p = new Pictures(4096, 4);
        Projector projector = p.projector();
        boolean changed = projector.sampleLocks(List.of(freezeLock(List.of(new HolderVis("compactor", "exclusive", 5)),
                List.of(new WaiterVis("flusher", "exclusive", 7)))));
        assertThat(changed).isTrue();
        LockVis shown = projector.snapshot().locks().stream().filter(l -> l.name().equals(LsmEngine.FREEZE_LOCK))
                .findFirst().orElseThrow();
        assertThat(shown.holders()).extracting(HolderVis::thread).containsExactly("compactor");
        assertThat(shown.waiters()).extracting(WaiterVis::thread).containsExactly("flusher");
    }

    @Test
    void theSameSampleAgainChangesNothingAndAnEmptyTableClearsStaleHolds() {
        Pictures p = new Pictures(4096, 4).acquired("writer-1", LsmEngine.STATE_LOCK, "read", 10);
        Projector projector = p.projector();
        LockVis held = new LockVis(LsmEngine.STATE_LOCK, List.of(new HolderVis("writer-1", "read", 10)), List.of());
        projector.sampleLocks(List.of(held));
        assertThat(projector.sampleLocks(List.of(held))).as("nothing moved").isFalse();
        // the release's event never came (the window asked for structure events only): the table says it is free
        assertThat(projector.sampleLocks(List.of(new LockVis(LsmEngine.STATE_LOCK, List.of(), List.of())))).isTrue();
        assertThat(projector.snapshot().locks()).allSatisfy(l -> assertThat(l.holders()).isEmpty());
    }
}
