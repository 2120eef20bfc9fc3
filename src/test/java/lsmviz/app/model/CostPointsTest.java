package lsmviz.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.VisualState.CostPoint;
import org.junit.jupiter.api.Test;

/** The costs chart keeps at most one point per half second, so at full speed it still reaches minutes back. */
class CostPointsTest {
    private static final long MS = 1_000_000L;

    @Test
    void reportsCloserThanTheSpacingReplaceTheLastPointAndTheOldestGoPastTheLimit() {
        List<CostPoint> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // a report every 10 ms for 10 s
            points = Compactions.withPoint(points, new CostPoint(i * 10 * MS, i, i % 13), 240, 500 * MS);
        }
        assertThat(points).hasSize(21); // one per half second, and the latest
        assertThat(points.get(points.size() - 1).writeAmplification()).as("the latest report is kept").isEqualTo(999);
        for (int i = 1; i < points.size() - 1; i++) {
            assertThat(points.get(i).nanos() - points.get(i - 1).nanos()).isGreaterThanOrEqualTo(500 * MS);
        }
        for (int i = 1000; i < 3000; i++) { // 20 s more at one report a second: the oldest go
            points = Compactions.withPoint(points, new CostPoint(10_000 * MS + (i - 1000) * 1000 * MS, i, 1), 240, 500 * MS);
        }
        assertThat(points).hasSize(240);
        assertThat(points.get(points.size() - 1).writeAmplification()).isEqualTo(2999);
    }
}
