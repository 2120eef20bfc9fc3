package lsmviz.app.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.Projector;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.LevelTables;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import org.junit.jupiter.api.Test;

/**
 * Predict mode's questions and judges without a window: the events an engine would send go into
 * the real projection and the view-model, the picture is shown, a choice is picked, and the
 * engine's next (synthetic) events give the verdict.
 */
class PredictViewModelTest {
    private static final String STATE = "state lock";
    private static final String FREEZE = "freeze lock";

    private final Projector projector = new Projector();
    private final List<String> stepped = new ArrayList<>();
    private final PredictViewModel m = new PredictViewModel(stepped::add);
    private long seq;

    PredictViewModelTest() {
        m.enabledProperty().set(true);
    }

    // ---- will this put just write, freeze, or stall?

    @Test
    void aPutWithRoomJustWritesAndTheWhySaysHowFullTheMemtableWas() {
        opened(1024, 4);
        written(1, 312);
        startsAndStopsToMakeRoom("writer-1", Op.PUT);
        assertThat(question().text()).isEqualTo("Will this put just write, freeze the memtable, or stall?");
        assertThat(question().choices()).containsExactly(PutQuestion.WRITE, PutQuestion.FREEZE, PutQuestion.STALL);
        m.answer(0);
        assertThat(stepped).containsExactly("writer-1");
        feed(new EngineEvent.StepResumed(++seq, 0, "writer-1", "PUT_MAKE_ROOM"));
        feed(new EngineEvent.StepReached(++seq, 0, "writer-1", "PUT_WRITE_MEMTABLE", "n", true));
        assertThat(m.feedbackProperty().get())
                .isEqualTo("Right: memtable #1 held 312 of 1,024 bytes: there was room, so the put wrote at once.");
        assertThat(m.scoreProperty().get()).isEqualTo("Predictions: 1 of 1 right");
    }

    @Test
    void aPutThatFindsTheMemtableFullAndASlotFreeFreezesIt() {
        opened(1024, 4);
        written(1, 1040);
        startsAndStopsToMakeRoom("writer-1", Op.PUT);
        m.answer(0); // "just write": wrong
        feed(new EngineEvent.StepReached(++seq, 0, "writer-1", "PUT_CHECK_ROOM", "n", true));
        assertThat(m.feedbackProperty().get()).isEqualTo("Not quite: the answer was freeze the memtable first."
                + " memtable #1 held 1,040 of 1,024 bytes and a slot was free (0 of 4 queued), so it froze.");
        assertThat(m.scoreProperty().get()).isEqualTo("Predictions: 0 of 1 right");
    }

    @Test
    void aPutBehindAFullQueueStallsAndTheEnginesReasonIsTheWhy() {
        opened(1024, 1);
        feed(new EngineEvent.MemtableFrozen(++seq, 0, "writer-1", 1, 2, 1030, 10, "a", "j", 1));
        written(2, 1100);
        startsAndStopsToMakeRoom("writer-2", Op.DELETE);
        assertThat(question().text()).startsWith("Will this delete just write");
        m.answer(2);
        feed(new EngineEvent.WriteStallBegan(++seq, 0, "writer-2", 1, 1));
        assertThat(m.feedbackProperty().get()).isEqualTo("Right: memtable #2 held 1,100 of 1,024 bytes and the"
                + " immutable queue is full (1 of 1): the delete waits until the flusher frees a slot.");
    }

    @Test
    void aFullMemtableWithAFullQueueAndNoAutoFlushGrowsPastItsLimit() {
        opened(1024, 1);
        feed(new EngineEvent.MemtableFrozen(++seq, 0, "writer-1", 1, 2, 1030, 10, "a", "j", 1));
        written(2, 1100);
        startsAndStopsToMakeRoom("writer-1", Op.PUT);
        m.answer(2); // "stall": but nobody would ever free the slot
        feed(new EngineEvent.MemtableWritten(++seq, 0, "writer-1", 2, "k", false, 1180, 11));
        assertThat(m.feedbackProperty().get()).startsWith("Not quite: the answer was just write (there is room)."
                + " memtable #2 held 1,100 of 1,024 bytes and the queue was full (1 of 1 queued), but auto-flush is off");
    }

    @Test
    void anL0SlowdownCountsAsAStall() {
        opened(1024, 4);
        written(1, 10);
        startsAndStopsToMakeRoom("writer-1", Op.PUT);
        m.answer(0);
        feed(new EngineEvent.WriteStallBegan(++seq, 0, "writer-1", 0, 4, "L0 has 8 tables (writes slow down at 8)"));
        assertThat(m.feedbackProperty().get()).isEqualTo("Not quite: the answer was stall (wait for the flusher or"
                + " compaction). L0 has 8 tables (writes slow down at 8): the put waited a millisecond to give the"
                + " compactor the CPU.");
    }

    @Test
    void otherThreadsEventsDoNotJudgeAPut() {
        opened(1024, 4);
        written(1, 10);
        startsAndStopsToMakeRoom("writer-1", Op.PUT);
        m.answer(0);
        feed(new EngineEvent.WriteStallBegan(++seq, 0, "writer-2", 4, 4));
        feed(new EngineEvent.StepReached(++seq, 0, "writer-2", "PUT_CHECK_ROOM", "n", true));
        assertThat(m.feedbackProperty().get()).startsWith("You said:");
        feed(new EngineEvent.MemtableWritten(++seq, 0, "writer-1", 1, "k", false, 90, 2));
        assertThat(m.feedbackProperty().get()).startsWith("Right: memtable #1 held 10 of 1,024 bytes");
    }

    // ---- which tables will the install take out?

    @Test
    void anInstallOffersItsInputsAndPlausibleOthersAndTheInstalledEventSaysWhichWent() {
        opened(4096, 4, table(6, 0), table(5, 0), table(3, 1), table(2, 1), table(1, 2));
        feed(new EngineEvent.CompactionPicked(++seq, 0, "compactor", 7, "leveled", "L0 has 2 tables", 1.0,
                List.of(new LevelTables(0, List.of(6L, 5L)), new LevelTables(1, List.of(3L))), 1, false, false));
        paused("compactor", "COMPACT_INSTALL");
        show();
        assertThat(question().text()).isEqualTo("Which tables will the install of compaction #7 take out of the levels?");
        assertThat(question().choices()).containsExactlyInAnyOrder("exactly its inputs: #6, #5 and #3",
                "only its L0 inputs: #6 and #5", "every table in L0 and L1 now: #6, #5, #3 and #2",
                InstallQuestion.NONE);
        m.answer(question().choices().indexOf("exactly its inputs: #6, #5 and #3"));
        assertThat(stepped).containsExactly("compactor");
        feed(new EngineEvent.CompactionInstalled(++seq, 0, "compactor", 7, 1, List.of(8L), List.of(6L, 5L, 3L)));
        assertThat(m.feedbackProperty().get()).isEqualTo("Right: the install took out #6, #5 and #3 (what the merge"
                + " read) and put #8 in L1; #2 stays: the merge never read it; a file goes once no get or scan reads it.");
    }

    @Test
    void choicesThatNameTheSameTablesAreOneAndARemovalNoChoiceNamesIsNoneOfThese() {
        opened(4096, 4, table(2, 0), table(1, 0));
        feed(new EngineEvent.CompactionPicked(++seq, 0, "compactor", 3, "leveled", "L0", 1.0,
                List.of(new LevelTables(0, List.of(2L, 1L))), 1, false, false));
        paused("compactor", "COMPACT_INSTALL");
        show();
        // only its L0 inputs, every table in L0 and L1, every table on disk: all the same two tables
        assertThat(question().choices()).containsExactlyInAnyOrder("exactly its inputs: #2 and #1",
                "only its oldest input, #1", InstallQuestion.NONE);
        m.answer(question().choices().indexOf(InstallQuestion.NONE));
        feed(new EngineEvent.CompactionInstalled(++seq, 0, "compactor", 3, 1, List.of(4L), List.of(2L)));
        assertThat(m.feedbackProperty().get()).isEqualTo("Not quite: the answer was none of these. the install took"
                + " out #2 and put #4 in L1; its input #1 stayed in the levels; a file goes once no get or scan reads it.");
    }

    @Test
    void theChoicesComeInAnOrderOfTheirOwnNotAlwaysTheRightOneFirst() {
        List<Integer> rightAt = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            PredictViewModelTest t = new PredictViewModelTest();
            t.opened(4096, 4, table(20, 0), table(19, 0), table(10, 1));
            t.feed(new EngineEvent.CompactionPicked(++t.seq, 0, "compactor", id, "leveled", "L0", 1.0,
                    List.of(new LevelTables(0, List.of(20L, 19L)), new LevelTables(1, List.of(10L))), 1, false, false));
            t.paused("compactor", "COMPACT_INSTALL");
            t.show();
            rightAt.add(t.question().choices().indexOf("exactly its inputs: #20, #19 and #10"));
        }
        assertThat(rightAt).doesNotContain(-1);
        assertThat(rightAt.stream().distinct().count()).isGreaterThan(1);
    }

    // ---- who gets the lock next?

    @Test
    void readersAtTheHeadOfTheQueueAreOneChoiceAndGetTheLockTogether() {
        opened(4096, 4);
        feed(new EngineEvent.LockAcquired(++seq, 0, "ui-1", STATE, "write", 0));
        paused("ui-1", "FREEZE_SWAP");
        show();
        assertThat(m.questionProperty().get()).as("nobody waits yet").isNull();
        feed(new EngineEvent.LockRequested(++seq, 0, "ui-2", STATE, "read"));
        feed(new EngineEvent.LockRequested(++seq, 0, "ui-3", STATE, "read"));
        feed(new EngineEvent.LockRequested(++seq, 0, "ui-4", STATE, "write"));
        show();
        assertThat(question().text()).isEqualTo("When ui-1 lets go of the state lock, who gets it next?");
        assertThat(question().choices()).containsExactly("ui-2 and ui-3 together (all waiting to read)",
                "ui-4 (waiting to write)", "ui-1 itself again", "a thread that is not waiting yet");
        m.answer(1);
        assertThat(stepped).containsExactly("ui-1");
        feed(new EngineEvent.LockReleased(++seq, 0, "ui-1", STATE, "write", 5));
        feed(new EngineEvent.LockAcquired(++seq, 0, "ui-3", STATE, "read", 9));
        assertThat(m.feedbackProperty().get()).isEqualTo("Not quite: the answer was ui-2 and ui-3 together (all"
                + " waiting to read). ui-2 and ui-3 waited at the head of the queue for the read side: readers share"
                + " it, so they got it together; ui-4 queued behind for the write side and waits on.");
    }

    @Test
    void aHoldTheHolderTakesOnTopOfItsOwnIsNotAnAnswer() {
        opened(4096, 4);
        feed(new EngineEvent.LockAcquired(++seq, 0, "flusher", FREEZE, "exclusive", 0));
        paused("flusher", "FLUSH_ITERATE");
        feed(new EngineEvent.LockRequested(++seq, 0, "writer", FREEZE, "exclusive"));
        show();
        assertThat(question().choices()).containsExactly("writer (waiting)", "flusher itself again",
                "a thread that is not waiting yet");
        m.answer(0);
        feed(new EngineEvent.LockAcquired(++seq, 0, "flusher", STATE, "write", 0)); // another lock
        feed(new EngineEvent.LockAcquired(++seq, 0, "flusher", FREEZE, "exclusive", 0)); // re-entrant
        assertThat(m.feedbackProperty().get()).startsWith("You said:");
        feed(new EngineEvent.LockReleased(++seq, 0, "flusher", FREEZE, "exclusive", 5));
        feed(new EngineEvent.LockAcquired(++seq, 0, "writer", FREEZE, "exclusive", 9));
        assertThat(m.feedbackProperty().get()).isEqualTo("Right: writer waited longest, for the lock: the lock is"
                + " fair, so the head of its queue goes first.");
    }

    @Test
    void aPointsOwnQuestionComesBeforeTheLockQuestionAndReplacesAnUnansweredOne() {
        opened(1024, 4);
        written(1, 10);
        feed(new EngineEvent.LockAcquired(++seq, 0, "writer-A", FREEZE, "exclusive", 0));
        paused("writer-A", "FREEZE_RECHECK");
        feed(new EngineEvent.LockRequested(++seq, 0, "writer-B", FREEZE, "exclusive"));
        show();
        assertThat(question().text()).as("its point's own").startsWith("Holding the freeze lock, will writer-A freeze");

        PredictViewModelTest t = new PredictViewModelTest();
        t.opened(1024, 4);
        t.written(1, 10);
        t.feed(new EngineEvent.LockAcquired(++t.seq, 0, "ui-1", STATE, "write", 0));
        t.paused("ui-1", "FREEZE_SWAP");
        t.feed(new EngineEvent.LockRequested(++t.seq, 0, "ui-2", STATE, "read"));
        t.show();
        assertThat(t.question().text()).startsWith("When ui-1 lets go");
        t.startsAndStopsToMakeRoom("ui-3", Op.PUT);
        assertThat(t.question().text()).as("a point's own question replaces it").startsWith("Will this put");
    }

    @Test
    void aQuestionWaitsForThePictureOfItsStopAndGoesWhenItsThreadMovesOnUnanswered() {
        opened(1024, 4);
        written(1, 10);
        var before = projector.snapshot();
        feed(new EngineEvent.OperationStarted(++seq, 0, "writer-1", Op.PUT, "k"));
        paused("writer-1", "PUT_MAKE_ROOM");
        m.show(before, 0);
        assertThat(m.questionProperty().get()).as("the picture shown is older than the stop").isNull();
        show();
        assertThat(m.questionProperty().get()).isNotNull();
        feed(new EngineEvent.StepResumed(++seq, 0, "writer-1", "PUT_MAKE_ROOM")); // Continue, not an answer
        assertThat(m.questionProperty().get()).isNull();
        assertThat(stepped).isEmpty();
    }

    // ---- helpers

    private Question question() {
        Question q = m.questionProperty().get();
        assertThat(q).as("a question is shown").isNotNull();
        return q;
    }

    private void feed(EngineEvent e) {
        projector.apply(e);
        m.event(e);
    }

    private void show() {
        m.show(projector.snapshot(), 0);
    }

    private void opened(long limit, int slots, SSTableSummary... tables) {
        feed(new EngineEvent.EngineOpened(++seq, 0, "main", "/data", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(tables), limit, slots));
    }

    private static SSTableSummary table(long id, int level) {
        return new SSTableSummary(id, "/data/" + id + ".sst", 1000, 10, "a", "z", 1, 30, 20, level);
    }

    private void written(long memtable, long bytes) {
        feed(new EngineEvent.MemtableWritten(++seq, 0, "loader", memtable, "k" + bytes, false, bytes, bytes / 100));
    }

    private void paused(String thread, String point) {
        feed(new EngineEvent.StepReached(++seq, 0, thread, point, "narration", true));
    }

    private void startsAndStopsToMakeRoom(String thread, Op op) {
        feed(new EngineEvent.OperationStarted(++seq, 0, thread, op, "k"));
        paused(thread, "PUT_MAKE_ROOM");
        show();
    }
}
