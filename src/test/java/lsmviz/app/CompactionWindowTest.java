package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import lsmviz.app.model.VisualState;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The window's engine compacts: the disk view follows it and the lock cards show the compactor. */
class CompactionWindowTest extends WindowTestBase {
    private VisualState state() {
        return view().visibleState();
    }

    @Test
    void aCompactorPausedAtItsInstallHoldsTheFreezeLockAFreezeWaitsAndTheOutputAppearsInL1(FxRobot robot)
            throws Exception {
        LsmEngine e = engine();
        e.stepGate().setBreakpoints(Set.of(ProbePoint.COMPACT_INSTALL));
        e.stepGate().setMode(StepMode.STEP);
        for (int i = 0; i < 4; i++) { // four flushes: L0 reaches its trigger
            put(robot, "key" + i, "value" + i);
            waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
            robot.clickOn("#freezeButton");
            int tables = i + 1;
            waitUntil(() -> state().sstables().size() == tables);
        }
        assertThat(state().sstables()).allSatisfy(t -> assertThat(t.level()).isZero());
        assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> showsText(robot, "#freezeLockCard", "held by compactor (exclusive)"));
        assertThat(showsText(robot, "#freezeLockCard", "paused at a step")).isTrue();

        put(robot, "late", "flush waits");
        waitUntil(() -> showsText(robot, "#memoryView", "late"));
        robot.clickOn("#freezeButton"); // a UI worker now waits for the freeze lock the compactor holds
        waitUntil(() -> e.lockTable().view(LsmEngine.FREEZE_LOCK).waiters().stream()
                .anyMatch(w -> w.mode() == LockMode.EXCLUSIVE));
        waitUntil(() -> showsText(robot, "#freezeLockCard", "wants exclusive"));
        assertThat(state().sstables()).as("nothing installed yet").hasSize(4);

        e.stepGate().continueAll();
        e.stepGate().setMode(StepMode.RUN);
        // the four L0 tables went into one L1 table; the freeze that waited then flushed into L0
        waitUntil(() -> state().sstables().stream().filter(t -> t.level() == 1).count() == 1
                && state().sstables().stream().filter(t -> t.level() == 0).count() == 1);
        waitUntil(() -> showsText(robot, "#diskView", "(L0 1 · L1 1)"));
        assertThat(e.snapshot().sstables()).extracting(t -> t.id() + "@L" + t.level())
                .containsExactlyElementsOf(state().sstables().stream().map(t -> t.id() + "@L" + t.level()).toList());
    }
}
