package lsmviz.app.memory;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.memory.MemoryViewModel.Slot;
import lsmviz.app.model.Pictures;
import org.junit.jupiter.api.Test;

/** The memory part's words and slots, from pictures the projector folds: no screen. */
class MemoryViewModelTest {
    private final MemoryViewModel m = new MemoryViewModel();

    @Test
    void theActiveMemtableCountsItsEntriesAndKeysInWords() {
        m.update(new Pictures(4096, 4).put(1, "apple", 1024, 1).now());
        assertThat(m.activeTitleProperty().get()).isEqualTo("Active memtable #1");
        assertThat(m.entriesProperty().get()).isEqualTo("1 entry");
        assertThat(m.rangeProperty().get()).isEqualTo("apple");
        assertThat(m.gaugeTextProperty().get()).isEqualTo("1.0 / 4.0 KB 25%");
        assertThat(m.fillProperty().get()).isEqualTo(0.25);
        assertThat(m.fullProperty().get()).isFalse();
        m.update(new Pictures(4096, 4).put(1, "apple", 1024, 1).put(1, "banana", 4096, 2).now());
        assertThat(m.entriesProperty().get()).isEqualTo("2 entries");
        assertThat(m.rangeProperty().get()).isEqualTo("apple … banana");
        assertThat(m.fullProperty().get()).isTrue();
        assertThat(m.recentKeysProperty().get()).containsExactly("banana", "apple");
    }

    @Test
    void theQueueHasOneSlotPerPlaceNewestOnTopAndTheOldestMarked() {
        Pictures p = new Pictures(4096, 4).put(1, "a", 100, 1).freeze(1, 2, 100, 1, "a", "a", 1)
                .put(2, "b", 100, 1).freeze(2, 3, 100, 1, "b", "b", 2);
        m.update(p.now());
        assertThat(m.slotsProperty().get()).extracting(Slot::title).containsExactly("#2", "#1", "free", "free");
        assertThat(m.slotsProperty().get()).extracting(Slot::oldest).containsExactly(false, true, false, false);
        assertThat(m.queueTitleProperty().get()).isEqualTo("Immutable queue, newest on top: 2 of 4");
        assertThat(m.frozenProperty().get()).as("no freeze seen yet by this view-model").isEqualTo(-1);
    }

    @Test
    void aFreezeSinceTheLastPictureIsToldSoTheViewCanSlideIt() {
        Pictures p = new Pictures(4096, 4).put(1, "a", 100, 1);
        m.update(p.now());
        m.update(p.freeze(1, 2, 100, 1, "a", "a", 1).now());
        assertThat(m.frozenProperty().get()).isEqualTo(1);
    }

    @Test
    void theMemtableBeingFlushedShowsHowFarAndIntoWhichTable() {
        Pictures p = new Pictures(4096, 1).put(1, "a", 100, 4).freeze(1, 2, 100, 4, "a", "d", 1)
                .flushStarted(1, 3, 4).recordWritten(1, 3, 0);
        m.update(p.now());
        Slot s = m.slotsProperty().get().get(0);
        assertThat(s.flushing()).isTrue();
        assertThat(s.flushProgress()).isEqualTo(0.25);
        assertThat(s.flushText()).isEqualTo("➜ SSTable #3");
        assertThat(m.queueTitleProperty().get()).endsWith("1 of 1 (full)");
    }

    @Test
    void aQueueLongerThanTheSlotsCountsTheRestAndKeepsTheOldestInSight() {
        Pictures p = new Pictures(4096, 8);
        for (int id = 1; id <= 6; id++) {
            p.put(id, "k" + id, 100, 1).freeze(id, id + 1, 100, 1, "k" + id, "k" + id, id);
        }
        m.update(p.now());
        assertThat(m.slotsProperty().get()).hasSize(MemoryViewModel.MAX_SLOTS);
        Slot last = m.slotsProperty().get().get(MemoryViewModel.MAX_SLOTS - 1);
        assertThat(last.title()).as("#6, #5 and #4 above; #3 and #2 hidden").isEqualTo("+2 more, then #1");
        assertThat(last.oldest()).isTrue();
    }

    @Test
    void stalledWritersAreNamedWhereTheQueueIsFull() {
        Pictures p = new Pictures(1024, 1).put(1, "a", 1024, 1).freeze(1, 2, 1024, 1, "a", "a", 1)
                .put(2, "b", 1024, 1).stall("writer-A").stall("writer-B").stall("writer-C");
        m.update(p.now());
        assertThat(m.stallProperty().get()).isEqualTo("Queue full, 1 of 1: writer-A, writer-B +1 stall");
    }
}
