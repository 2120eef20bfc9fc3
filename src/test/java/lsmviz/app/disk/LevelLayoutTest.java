package lsmviz.app.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lsmviz.app.model.VisualState.SSTableVis;
import org.junit.jupiter.api.Test;

class LevelLayoutTest {
    private static SSTableVis table(long id, int level, String min, String max, long bytes) {
        return new SSTableVis(id, bytes, 10, min, max, 1, 0, 0, "t" + id, 0, level);
    }

    private static LevelLayout layout(LevelLayout.Mode mode) {
        List<SSTableVis> l0 = List.of(table(9, 0, "a", "z", 100), table(8, 0, "b", "y", 100));
        List<SSTableVis> l1 = List.of(table(5, 1, "d", "k", 1000), table(6, 1, "m", "p", 1000));
        List<SSTableVis> l2 = List.of(table(1, 2, "a", "f", 4000), table(2, 2, "g", "m", 4000),
                table(3, 2, "n", "x", 4000));
        return LevelLayout.of(List.of(l0, l1, l2), List.of(), 800, 300, 150, 12, false, mode);
    }

    @Test
    void theSameKeyIsAtTheSameXOnEveryLevel() {
        LevelLayout l = layout(LevelLayout.Mode.BY_KEY);
        // table 6 (L1) starts at m, where table 2 (L2) ends: one key, one x
        assertThat(l.boxes.get(6L).x()).isEqualTo(l.boxes.get(2L).x() + l.boxes.get(2L).w());
        // a key between bounds is between them on both levels
        assertThat(l.keyX("e")).isGreaterThan(l.boxes.get(5L).x()).isLessThan(l.boxes.get(1L).x() + l.boxes.get(1L).w());
        // sorted, disjoint tables of one level do not overlap on screen
        assertThat(l.boxes.get(1L).x() + l.boxes.get(1L).w()).isLessThanOrEqualTo(l.boxes.get(2L).x());
        assertThat(l.boxes.get(2L).x() + l.boxes.get(2L).w()).isLessThanOrEqualTo(l.boxes.get(3L).x());
    }

    @Test
    void levelZeroIsNewestFirstAndEachLevelHasItsBand() {
        LevelLayout l = layout(LevelLayout.Mode.BY_KEY);
        assertThat(l.bands).hasSize(3);
        assertThat(l.boxes.get(9L).x()).isLessThan(l.boxes.get(8L).x());
        for (long id : List.of(9L, 8L)) {
            assertThat(l.bandAt(l.boxes.get(id).y() + 1).level()).isZero();
        }
        assertThat(l.bandAt(l.boxes.get(5L).y() + 1).level()).isEqualTo(1);
        assertThat(l.bandAt(l.boxes.get(3L).y() + 1).level()).isEqualTo(2);
    }

    @Test
    void bySizeTheBiggestLevelFillsTheWidthAndTablesAreAsWideAsTheirBytes() {
        LevelLayout l = layout(LevelLayout.Mode.BY_SIZE);
        double lane = 800 - 150;
        double l2 = l.boxes.get(1L).w() + l.boxes.get(2L).w() + l.boxes.get(3L).w();
        assertThat(l2).isCloseTo(lane, org.assertj.core.data.Offset.offset(0.5));
        assertThat(l.boxes.get(5L).w()).isCloseTo(l.boxes.get(1L).w() / 4, org.assertj.core.data.Offset.offset(0.5));
        assertThat(l.keyX("e")).as("no key line by size").isNaN();
    }
}
