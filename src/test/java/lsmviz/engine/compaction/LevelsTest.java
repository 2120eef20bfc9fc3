package lsmviz.engine.compaction;

import static lsmviz.engine.compaction.Tables.at;
import static lsmviz.engine.compaction.Tables.ids;
import static lsmviz.engine.compaction.Tables.levels;
import static lsmviz.engine.compaction.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import org.junit.jupiter.api.Test;

class LevelsTest {
    @Test
    void flushedTablesJoinL0NewestFirstAndMayOverlap() {
        Levels l = Levels.empty(3)
                .withFlushed(table(1, 10, "a", "z"))
                .withFlushed(table(2, 10, "b", "c"))
                .withFlushed(table(3, 10, "a", "m"));
        assertThat(ids(l.level(0))).containsExactly(3L, 2L, 1L);
    }

    @Test
    void l0StaysNewestFirstWhateverOrderAnEditAddsItsTables() {
        Levels l = levels(2, at(0, table(4, 1, "a", "b")), at(0, table(9, 1, "a", "b")), at(0, table(6, 1, "a", "b")));
        assertThat(ids(l.level(0))).containsExactly(9L, 6L, 4L);
    }

    @Test
    void sortedLevelsKeepTheirTablesInKeyOrder() {
        Levels l = levels(2, at(1, table(1, 1, "n", "z")), at(1, table(2, 1, "a", "f")), at(1, table(3, 1, "g", "m")));
        assertThat(ids(l.level(1))).containsExactly(2L, 3L, 1L);
    }

    @Test
    void overlappingTablesInASortedLevelAreRejected() {
        assertThatThrownBy(() -> levels(2, at(1, table(1, 1, "a", "m")), at(1, table(2, 1, "k", "z"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("L1")
                .hasMessageContaining("overlap");
    }

    @Test
    void tablesSharingABoundaryKeyOverlap() {
        assertThatThrownBy(() -> levels(2, at(2, table(1, 1, "a", "m")), at(2, table(2, 1, "m", "z"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEditThatWouldOverlapLeavesTheLevelsAsTheyWere() {
        Levels before = levels(2, at(1, table(1, 1, "a", "m")));
        assertThatThrownBy(() -> before.apply(new Edit(List.of(at(1, table(2, 1, "c", "d"))), List.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ids(before.level(1))).containsExactly(1L);
    }

    @Test
    void removingATableThatIsNotThereIsRejected() {
        Levels l = levels(2, at(0, table(1, 1, "a", "b")));
        assertThatThrownBy(() -> l.apply(new Edit(List.of(), List.of(1L, 42L), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("42");
    }

    @Test
    void addingATableTwiceOrOutsideTheLevelsIsRejected() {
        Levels l = levels(2, at(0, table(1, 1, "a", "b")));
        assertThatThrownBy(() -> l.apply(new Edit(List.of(at(1, table(1, 1, "a", "b"))), List.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> l.apply(new Edit(List.of(at(3, table(2, 1, "a", "b"))), List.of(), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("L3");
    }

    @Test
    void aTableCanMoveDownInOneEdit() {
        Levels l = levels(2, at(1, table(1, 1, "a", "b")));
        Levels moved = l.apply(new Edit(List.of(at(2, table(1, 1, "a", "b"))), List.of(1L), Map.of()));
        assertThat(moved.level(1)).isEmpty();
        assertThat(ids(moved.level(2))).containsExactly(1L);
        assertThat(ids(l.level(1))).as("the old levels do not change").containsExactly(1L);
    }

    @Test
    void compactPointersMoveWithEditsAndStayUntilMovedAgain() {
        Levels l = levels(3, at(1, table(1, 1, "a", "b")));
        assertThat(l.pointer(1)).isEmpty();
        Levels p = l.apply(new Edit(List.of(), List.of(), Map.of(1, Key.of("b"))));
        assertThat(p.pointer(1)).contains(Key.of("b"));
        Levels later = p.withFlushed(table(2, 1, "x", "y"))
                .apply(new Edit(List.of(), List.of(), Map.of(2, Key.of("q"))));
        assertThat(later.pointer(1)).contains(Key.of("b"));
        assertThat(later.pointer(2)).contains(Key.of("q"));
        assertThat(later.apply(new Edit(List.of(), List.of(), Map.of(1, Key.of("c")))).pointer(1)).contains(Key.of("c"));
        assertThat(l.pointer(1)).isEmpty();
    }

    @Test
    void sortedRunsCountEachL0TableAndEachNonEmptyLevel() {
        Levels l = levels(4, at(0, table(5, 1, "a", "z")), at(0, table(6, 1, "a", "z")),
                at(2, table(1, 1, "a", "c")), at(2, table(2, 1, "d", "f")), at(4, table(3, 1, "a", "z")));
        assertThat(l.sortedRuns()).isEqualTo(4);
        assertThat(l.tableCount()).isEqualTo(5);
        assertThat(l.levelOf(2)).isEqualTo(2);
        assertThat(l.levelOf(99)).isEqualTo(-1);
    }

    @Test
    void overlappingAndAnyBelowLookAtKeysBothEndsIncluded() {
        Levels l = levels(3, at(1, table(1, 1, "a", "c")), at(1, table(2, 1, "e", "g")), at(3, table(3, 1, "m", "p")));
        assertThat(ids(l.overlapping(1, Key.of("c"), Key.of("e")))).containsExactly(1L, 2L);
        assertThat(l.overlapping(1, Key.of("ca"), Key.of("d"))).isEmpty();
        assertThat(l.anyBelow(1, Key.of("p"), Key.of("z"))).isTrue();
        assertThat(l.anyBelow(1, Key.of("q"), Key.of("z"))).isFalse();
        assertThat(l.anyBelow(3, Key.of("a"), Key.of("z"))).isFalse();
    }
}
