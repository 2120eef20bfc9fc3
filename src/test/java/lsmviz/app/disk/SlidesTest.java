package lsmviz.app.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lsmviz.app.model.VisualState.SSTableVis;
import org.junit.jupiter.api.Test;

/** A table whose level grew (a trivial move) slides from its old box to its new one; a merge's new tables do not. */
class SlidesTest {
    private static final long MS = 1_000_000L;

    private static SSTableVis table(long id, int level) {
        return new SSTableVis(id, 100, 2, "a", "z", 1, 10, 0, "/data/" + id + ".sst", 0, level);
    }

    @Test
    void aMovedTableSlidesEasedAndStopsAfterItsTime() {
        LevelLayout before = LevelLayout.of(List.of(List.of(table(7, 0)), List.of()), List.of(), 800, 300, 100, 4,
                false, LevelLayout.Mode.BY_KEY);
        LevelLayout after = LevelLayout.of(List.of(List.of(), List.of(table(7, 1))), List.of(), 800, 300, 100, 4,
                false, LevelLayout.Mode.BY_KEY);
        Slides s = new Slides();
        s.notice(Map.of(7L, table(7, 0)), before, List.of(table(7, 1)), 0);
        assertThat(s.ids()).containsExactly(7L);
        LevelLayout.Box from = before.boxes.get(7L);
        LevelLayout.Box to = after.boxes.get(7L);
        assertThat(s.at(7, to, 0).y()).isEqualTo(from.y());
        double half = s.at(7, to, Slides.SLIDE_NANOS / 2).y();
        assertThat(half).isStrictlyBetween(Math.min(from.y(), to.y()), Math.max(from.y(), to.y()));
        assertThat(s.at(7, to, Slides.SLIDE_NANOS).y()).isEqualTo(to.y());
        s.notice(Map.of(7L, table(7, 1)), after, List.of(table(7, 1)), Slides.SLIDE_NANOS + MS);
        assertThat(s.any()).isFalse();
        assertThat(s.started()).isEqualTo(1);
    }

    @Test
    void aMergesNewTablesAndUnmovedTablesDoNotSlide() {
        LevelLayout before = LevelLayout.of(List.of(List.of(table(1, 0)), List.of(table(2, 1))), List.of(), 800, 300,
                100, 4, false, LevelLayout.Mode.BY_KEY);
        Slides s = new Slides();
        s.notice(Map.of(1L, table(1, 0), 2L, table(2, 1)), before, List.of(table(2, 1), table(3, 1)), 0);
        assertThat(s.any()).isFalse();
    }
}
