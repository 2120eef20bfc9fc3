package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import lsmviz.app.model.VisualState;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.lock.LockMode;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.types.Bytes;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Predict mode's questions about a put's room, a compaction's install and a lock's next holder, on
 * the real window: the question appears at a real pause, a choice is clicked, and the feedback
 * says what the engine then really did.
 */
class PredictMoreWindowTest extends WindowTestBase {
    private static final String PUT_QUESTION = "Will this put just write, freeze the memtable, or stall?";

    @Test
    void aPutWithRoomJustWritesAndAPutIntoAFullMemtableFreezesIt(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        long limit = e.options().memtableSizeBytes();
        stepAndPredictAt(robot, ProbePoint.PUT_MAKE_ROOM);
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#predictCard", PUT_QUESTION));
        assertThat(choices(robot)).containsExactly("just write (there is room)", "freeze the memtable first",
                "stall (wait for the flusher or compaction)");
        robot.clickOn("#predictChoice0");
        long active = e.snapshot().active().id();
        waitUntil(() -> text(robot, "#predictFeedback").equals("Right: memtable #" + active + " held 0 of "
                + Format.count(limit) + " bytes: there was room, so the put wrote at once."));
        robot.clickOn("#modeLive"); // the put, paused at its write, goes on
        waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));

        fill(e, limit); // full, not frozen: the next write freezes it
        long full = e.snapshot().active().sizeBytes();
        stepAndPredictAt(robot, ProbePoint.PUT_MAKE_ROOM);
        put(robot, "one-more", "green");
        waitUntil(() -> showsText(robot, "#predictCard", PUT_QUESTION));
        robot.clickOn("#predictChoice1");
        waitUntil(() -> text(robot, "#predictFeedback").equals("Right: memtable #" + active + " held "
                + Format.count(full) + " of " + Format.count(limit) + " bytes and a slot was free (0 of 4 queued),"
                + " so it froze."));
        assertThat(text(robot, "#predictScore")).isEqualTo("Predictions: 2 of 2 right");
        robot.clickOn("#modeLive");
        waitUntil(() -> state().counters().freezes() == 1 && showsText(robot, "#memoryView", "one-more"));
    }

    @Test
    void aPutBehindAFullQueueWhileTheFlusherIsHeldStalls(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        long limit = e.options().memtableSizeBytes();
        robot.clickOn("#autoFlushToggle"); // off while four memtables fill the queue
        waitUntil(() -> !e.autoFlush());
        int slots = e.options().maxImmutableMemtables();
        for (int i = 0; e.snapshot().immutables().size() < slots || e.snapshot().active().sizeBytes() < limit; i++) {
            e.put(Bytes.utf8(String.format("k%05d", i)), Bytes.utf8("x".repeat(200)));
        }
        long active = e.snapshot().active().id();
        long full = e.snapshot().active().sizeBytes();
        stepAndPredictAt(robot, ProbePoint.PUT_MAKE_ROOM, ProbePoint.FLUSH_ITERATE);
        robot.clickOn("#autoFlushToggle"); // on: the flusher starts and stops at its step 2, the queue still full
        assertThat(e.stepGate().awaitPaused(ProbePoint.FLUSH_ITERATE, 20, TimeUnit.SECONDS)).isTrue();

        put(robot, "late", "waits");
        waitUntil(() -> showsText(robot, "#predictCard", PUT_QUESTION));
        robot.clickOn("#predictChoice2");
        waitUntil(() -> text(robot, "#predictFeedback").equals("Right: memtable #" + active + " held "
                + Format.count(full) + " of " + Format.count(limit) + " bytes and the immutable queue is full ("
                + slots + " of " + slots + "): the put waits until the flusher frees a slot."));
        waitUntil(() -> !state().stalledWriters().isEmpty());
        robot.clickOn("#modeLive"); // the flush frees a slot and the writer goes on
        waitUntil(() -> state().stalledWriters().isEmpty() && e.get(Bytes.utf8("late")) != null);
    }

    @Test
    void aCompactorPausedBeforeItsInstallAsksWhichTablesGoAndTheInstallTells(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        stepAndPredictAt(robot, ProbePoint.COMPACT_INSTALL);
        for (int i = 0; i < 4; i++) { // four flushes: L0 reaches its trigger
            put(robot, "key" + i, "value" + i);
            waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
            robot.clickOn("#freezeButton");
            int tables = i + 1;
            waitUntil(() -> state().sstables().size() == tables);
        }
        assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> showsText(robot, "#predictCard", "Which tables will the install of compaction #"));
        List<String> choices = choices(robot);
        assertThat(choices).contains("none yet: a table stays while a get or scan reads it");
        String inputs = choices.stream().filter(c -> c.startsWith("exactly its inputs: ")).findFirst().orElseThrow();
        for (VisualState.SSTableVis t : state().sstables()) { // the four L0 tables
            assertThat(inputs).contains("#" + t.id());
        }
        robot.clickOn("#predictChoice" + choices.indexOf(inputs));
        waitUntil(() -> text(robot, "#predictFeedback").startsWith("Right: the install took out #"));
        assertThat(text(robot, "#predictFeedback")).contains("(what the merge read) and put #")
                .endsWith(" in L1; a file goes once no get or scan reads it.");
        robot.clickOn("#modeLive");
        waitUntil(() -> state().sstables().size() == 1 && state().sstables().get(0).level() == 1);
    }

    @Test
    void aFreezePausedHoldingTheStateLockAsksWhoGetsItNextAndTheWaitingWriterDoes(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        robot.clickOn("#autoFlushToggle"); // off: no flusher comes for the state lock
        waitUntil(() -> !e.autoFlush());
        put(robot, "apple", "red");
        waitUntil(() -> showsText(robot, "#memoryView", "1 entry"));
        stepAndPredictAt(robot, ProbePoint.FREEZE_SWAP);
        robot.clickOn("#freezeButton");
        assertThat(e.stepGate().awaitPaused(ProbePoint.FREEZE_SWAP, 20, TimeUnit.SECONDS)).isTrue();
        String freezer = e.stepGate().paused().get(0).thread();
        waitUntil(() -> !state().paused().isEmpty()); // the window has shown the pause
        assertThat(robot.lookup("#predictQuestion").queryAs(Label.class).isVisible()).as("nobody waits yet").isFalse();

        put(robot, "banana", "yellow"); // its writer waits for the state lock's read side
        waitUntil(() -> !e.lockTable().view(LsmEngine.STATE_LOCK).waiters().isEmpty());
        String writer = e.lockTable().view(LsmEngine.STATE_LOCK).waiters().get(0).thread();
        assertThat(e.lockTable().view(LsmEngine.STATE_LOCK).waiters().get(0).mode()).isEqualTo(LockMode.READ);
        waitUntil(() -> showsText(robot, "#predictCard", "When " + freezer + " lets go of the state lock, who gets it next?"));
        assertThat(choices(robot)).containsExactly(writer + " (waiting to read)", freezer + " itself again",
                "a thread that is not waiting yet");
        robot.clickOn("#predictChoice0");
        waitUntil(() -> text(robot, "#predictFeedback").equals("Right: " + writer + " waited longest, for the read side:"
                + " the lock is fair, so the head of its queue goes first."));
        waitUntil(() -> showsText(robot, "#memoryView", "banana"));
    }

    /** Predict on, Step mode, threads stopping at {@code points}. */
    private void stepAndPredictAt(FxRobot robot, ProbePoint... points) throws Exception {
        if (!robot.lookup("#predictToggle").queryAs(ToggleButton.class).isSelected()) {
            robot.clickOn("#predictToggle");
        }
        robot.clickOn("#modeStep");
        app.session().steps().setBreakpoints(EnumSet.of(points[0], points));
    }

    /** Live puts until the active memtable is full (a put checks for room before it writes, so it is not frozen). */
    private static void fill(LsmEngine e, long limit) {
        for (int i = 0; e.snapshot().active().sizeBytes() < limit; i++) {
            e.put(Bytes.utf8(String.format("k%05d", i)), Bytes.utf8("x".repeat(200)));
        }
    }

    private VisualState state() {
        return view().visibleState();
    }

    private static List<String> choices(FxRobot robot) {
        return robot.lookup(n -> n.getId() != null && n.getId().startsWith("predictChoice")).queryAllAs(Button.class)
                .stream().sorted(java.util.Comparator.comparing(Button::getId)).map(Button::getText).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
