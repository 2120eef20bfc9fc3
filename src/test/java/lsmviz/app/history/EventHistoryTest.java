package lsmviz.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import lsmviz.app.history.EventHistory.Kind;
import lsmviz.app.history.EventHistory.Marker;
import lsmviz.app.model.Projector;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The picture at any position equals a fresh fold of the events up to there, across checkpoints and drops. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventHistoryTest {
    private static List<EngineEvent> real;
    /** The pictures of a fresh fold after each prefix of {@link #real}. */
    private static List<VisualState> folds;

    @BeforeAll
    static void recordARealSession(@TempDir Path dir) throws Exception {
        real = RealEngineRun.record(dir);
        folds = foldAll(real);
    }

    private static List<VisualState> foldAll(List<EngineEvent> events) {
        List<VisualState> out = new ArrayList<>(events.size() + 1);
        Projector p = new Projector();
        out.add(p.snapshot());
        for (EngineEvent e : events) {
            p.apply(e);
            out.add(p.snapshot());
        }
        return out;
    }

    @Test
    void stateAtEveryPositionEqualsAFreshFoldInAnyOrder() {
        EventHistory h = new EventHistory(50, 1_000_000);
        h.appendAll(real);
        assertThat(h.size()).isEqualTo(real.size()).isGreaterThan(10 * 50);
        for (int n = 0; n <= h.size(); n++) {
            assertThat(h.stateAt(n)).as("forward, position %d", n).isEqualTo(folds.get(n));
        }
        for (int n = h.size(); n >= 0; n -= 7) {
            assertThat(h.stateAt(n)).as("backward, position %d", n).isEqualTo(folds.get(n));
        }
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n <= h.size(); n++) {
            order.add(n);
        }
        Collections.shuffle(order, new Random(42));
        for (int n : order.subList(0, 400)) {
            assertThat(h.stateAt(n)).as("random, position %d", n).isEqualTo(folds.get(n));
        }
        assertThat(h.droppedBefore()).isZero();
    }

    @Test
    void theHistoryKeepsRecordingWhileItIsBeingLookedAt() {
        EventHistory h = new EventHistory(50, 1_000_000);
        int half = real.size() / 2;
        h.appendAll(real.subList(0, half));
        assertThat(h.stateAt(half)).isEqualTo(folds.get(half));
        assertThat(h.stateAt(37)).isEqualTo(folds.get(37));
        h.appendAll(real.subList(half, real.size()));
        assertThat(h.stateAt(real.size())).isEqualTo(folds.get(real.size()));
        assertThat(h.stateAt(half + 3)).isEqualTo(folds.get(half + 3));
        assertThat(h.events()).containsExactlyElementsOf(real);
    }

    @Test
    void markersPointAtFreezesFlushesStallsErrorsAndSteps() {
        EventHistory h = new EventHistory();
        h.appendAll(real);
        List<Marker> ms = h.markers();
        for (Marker m : ms) {
            EngineEvent e = real.get(m.index());
            Kind want = e instanceof EngineEvent.MemtableFrozen ? Kind.FREEZE
                    : e instanceof EngineEvent.FlushStarted || e instanceof EngineEvent.FlushFinished ? Kind.FLUSH
                    : e instanceof EngineEvent.StepReached s && s.paused() ? Kind.STEP : null;
            assertThat(m.kind()).as("marker %s", m).isEqualTo(want);
            assertThat(m.label()).isNotBlank();
            assertThat(m.position()).isEqualTo(m.index() + 1);
        }
        long notable = real.stream().filter(e -> e instanceof EngineEvent.MemtableFrozen
                || e instanceof EngineEvent.FlushStarted || e instanceof EngineEvent.FlushFinished
                || e instanceof EngineEvent.StepReached s && s.paused()).count();
        assertThat(ms).hasSize((int) notable);
        assertThat(ms).extracting(Marker::index).isSorted();
        assertThat(ms).extracting(Marker::kind).contains(Kind.FREEZE, Kind.FLUSH, Kind.STEP);

        assertThat(h.stepCount()).isEqualTo(2);
        int first = h.indexOfStep(1);
        int second = h.indexOfStep(2);
        assertThat(real.get(first)).isInstanceOfSatisfying(EngineEvent.StepReached.class,
                s -> assertThat(s.point()).isEqualTo("FLUSH_ADD_SSTABLE"));
        assertThat(real.get(second)).isInstanceOfSatisfying(EngineEvent.StepReached.class,
                s -> assertThat(s.point()).isEqualTo("FLUSH_REMOVE_MEMTABLE"));
        assertThat(h.stateAt(first + 1).paused()).extracting(VisualState.PausedVis::point)
                .containsExactly("FLUSH_ADD_SSTABLE");
        assertThat(h.stepsBefore(first)).isZero();
        assertThat(h.stepsBefore(first + 1)).isEqualTo(1);
        assertThat(h.stepsBefore(second + 1)).isEqualTo(2);
        assertThat(h.stepsBefore(h.size())).isEqualTo(2);
        assertThatThrownBy(() -> h.indexOfStep(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> h.indexOfStep(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private long seq;

    private List<EngineEvent> synthetic(int n) {
        List<EngineEvent> es = new ArrayList<>();
        es.add(new EngineEvent.EngineOpened(++seq, 0, "main", "/d", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(), 4096, 4));
        long memtable = 1;
        for (int i = 0; es.size() < n; i++) {
            es.add(new EngineEvent.MemtableWritten(++seq, i, "w", memtable, "k" + i, false, i, i));
            es.add(new EngineEvent.OperationFinished(++seq, i, "w", Op.PUT, "k" + i, "stored", 1));
            if (i % 11 == 5) {
                es.add(new EngineEvent.MemtableFrozen(++seq, i, "w", memtable, memtable + 1, i, i, "a", "z", 1));
                memtable++;
            }
            if (i % 13 == 3) {
                es.add(new EngineEvent.StepReached(++seq, i, "w", "PUT_WRITE_MEMTABLE", "Put", true));
                es.add(new EngineEvent.StepResumed(++seq, i, "w", "PUT_WRITE_MEMTABLE"));
            }
            if (i % 17 == 7) {
                es.add(new EngineEvent.WriteStallBegan(++seq, i, "w", 4, 4));
                es.add(new EngineEvent.EngineError(++seq, i, "flusher", "disk full at " + i));
                es.add(new EngineEvent.WriteStallEnded(++seq, i, "w", 5));
            }
        }
        return es.subList(0, n);
    }

    @Test
    void overTheCapTheOldestHalfIsDroppedAndTheRestStillAnswers() {
        List<EngineEvent> all = synthetic(1000);
        List<VisualState> want = foldAll(all);
        EventHistory h = new EventHistory(10, 200);
        for (int i = 0; i < all.size(); i++) {
            h.append(all.get(i));
            if (i % 37 == 0) {
                assertThat(h.stateAt(h.size())).isEqualTo(want.get(i + 1)); // keep checkpoints and cursor busy
            }
            assertThat(h.size()).isLessThanOrEqualTo(200);
            assertThat(h.droppedBefore() + h.size()).isEqualTo(i + 1);
        }
        long dropped = h.droppedBefore();
        assertThat(dropped).isPositive();
        assertThat(h.size()).isBetween(100, 200);
        for (int n = 0; n <= h.size(); n++) {
            assertThat(h.stateAt(n)).as("position %d after dropping %d", n, dropped)
                    .isEqualTo(want.get((int) dropped + n));
        }
        assertThat(h.events()).containsExactlyElementsOf(all.subList((int) dropped, all.size()));

        // markers and steps shifted with the events
        for (Marker m : h.markers()) {
            assertThat(m.index()).isBetween(0, h.size() - 1);
            EngineEvent e = h.event(m.index());
            switch (m.kind()) {
                case FREEZE -> assertThat(e).isInstanceOf(EngineEvent.MemtableFrozen.class);
                case STEP -> assertThat(e).isInstanceOf(EngineEvent.StepReached.class);
                case STALL -> assertThat(e).isInstanceOf(EngineEvent.WriteStallBegan.class);
                case ERROR -> assertThat(e).isInstanceOf(EngineEvent.EngineError.class);
                case FLUSH -> assertThat(e).isInstanceOfAny(EngineEvent.FlushStarted.class,
                        EngineEvent.FlushFinished.class);
                default -> throw new AssertionError(m);
            }
        }
        long keptSteps = h.events().stream().filter(e -> e instanceof EngineEvent.StepReached).count();
        assertThat(h.stepCount()).isEqualTo(keptSteps).isPositive();
        for (int s = 1; s <= h.stepCount(); s++) {
            assertThat(h.event(h.indexOfStep(s))).isInstanceOf(EngineEvent.StepReached.class);
        }
        assertThat(h.markers()).extracting(Marker::kind).contains(Kind.FREEZE, Kind.STEP, Kind.STALL, Kind.ERROR);
    }

    @Test
    void dropsWithoutEverLookingStillAnswer() {
        List<EngineEvent> all = synthetic(777);
        List<VisualState> want = foldAll(all);
        EventHistory h = new EventHistory(8, 64);
        h.appendAll(all);
        int dropped = (int) h.droppedBefore();
        assertThat(dropped + h.size()).isEqualTo(777);
        for (int n = h.size(); n >= 0; n--) {
            assertThat(h.stateAt(n)).isEqualTo(want.get(dropped + n));
        }
    }

    @Test
    void clearForgetsEverything() {
        EventHistory h = new EventHistory(10, 100);
        h.appendAll(synthetic(300));
        h.clear();
        assertThat(h.size()).isZero();
        assertThat(h.droppedBefore()).isZero();
        assertThat(h.markers()).isEmpty();
        assertThat(h.stepCount()).isZero();
        assertThat(h.stateAt(0)).isEqualTo(new Projector().snapshot());
        List<EngineEvent> again = synthetic(50);
        h.appendAll(again);
        assertThat(h.stateAt(50)).isEqualTo(foldAll(again).get(50));
    }

    @Test
    void positionsOutsideTheHistoryAreRefused() {
        EventHistory h = new EventHistory();
        h.appendAll(synthetic(10));
        assertThatThrownBy(() -> h.stateAt(11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> h.stateAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new EventHistory(10, 19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventHistory(0, 19)).isInstanceOf(IllegalArgumentException.class);
    }
}
