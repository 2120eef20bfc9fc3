package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import lsmviz.app.disk.LevelStage;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.CompactionVis;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.ScanIterator;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/** The level view on the real window, driven by the real engine's events. */
@Timeout(120)
class LevelViewWindowTest extends WindowTestBase {
    private VisualState state() {
        return view().visibleState();
    }

    private LevelStage stage(FxRobot robot) {
        return robot.lookup("#levels").queryAs(LevelStage.class);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} overlapping tables in L0, each from its own memtable. */
    private void fillL0(LsmEngine e, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            e.put(b("a" + i), b("value " + i));
            e.put(b("m" + i), b("value " + i));
            e.put(b("z"), b("the last key, in every table " + i));
            e.freeze();
            int tables = i + 1;
            waitUntil(() -> state().sstables().stream().filter(t -> t.level() == 0).count() == tables);
        }
    }

    /** Which band (0 for L0) holds the middle of {@code box}, or -1. */
    private static int bandOf(LevelStage s, Rectangle2D box) {
        List<Rectangle2D> bands = s.bands();
        for (int i = 0; i < bands.size(); i++) {
            Rectangle2D band = bands.get(i);
            double y = box.getMinY() + box.getHeight() / 2;
            if (y >= band.getMinY() && y < band.getMaxY()) {
                return i;
            }
        }
        return -1;
    }

    private static Color pixel(FxRobot robot, LevelStage s, double x, double y) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = s.snapshot(null, null));
        return shot[0].getPixelReader().getColor((int) x, (int) y);
    }

    @Test
    void aCompactionsInputsLightUpOnL0ItsOutputsAppearOnL1AndTheInputsGo(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        e.stepGate().setBreakpoints(Set.of(ProbePoint.COMPACT_INSTALL));
        e.stepGate().setMode(StepMode.STEP);
        fillL0(e, 4); // L0 reaches its trigger: the compactor picks, merges, and stops at its install
        assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> state().compactions().size() == 1 && !state().compactions().get(0).outputs().isEmpty());
        CompactionVis c = state().compactions().get(0);
        List<Long> inputs = c.inputs().stream().flatMap(l -> l.tableIds().stream()).toList();
        assertThat(inputs).hasSize(4);
        LevelStage s = stage(robot);
        waitUntil(() -> s.boxOf(c.outputs().get(0).id()) != null);
        for (long id : inputs) {
            Rectangle2D box = s.boxOf(id);
            assertThat(bandOf(s, box)).as("input #%d is drawn in L0", id).isZero();
            Color at = pixel(robot, s, box.getMaxX() - 5, box.getMinY() + box.getHeight() * 0.4);
            assertThat(at.getRed() - at.getGreen()).as("input #%d is lit in the compactor's colour (%s)", id, at)
                    .isGreaterThan(0.08);
        }
        for (VisualState.SSTableVis out : c.outputs()) {
            assertThat(bandOf(s, s.boxOf(out.id()))).as("output #%d grows on L1", out.id()).isEqualTo(1);
        }

        e.stepGate().continueAll();
        e.stepGate().setMode(StepMode.RUN);
        waitUntil(() -> state().compactions().isEmpty() && state().obsolete().isEmpty());
        for (long id : inputs) {
            assertThat(s.boxOf(id)).as("input #%d is gone", id).isNull();
        }
        for (VisualState.SSTableVis out : c.outputs()) {
            assertThat(state().table(out.id())).isNotNull();
            assertThat(bandOf(s, s.boxOf(out.id()))).as("output #%d is in L1", out.id()).isEqualTo(1);
        }

        // a get: its probe is on L1, and the level it answered from is L1
        type(robot, "#keyField", "m2");
        robot.clickOn("#getButton");
        waitUntil(() -> state().lastGet() != null && state().lastGet().key().equals("m2"));
        assertThat(state().lastGet().probes()).filteredOn(p -> !p.memtable())
                .singleElement().satisfies(p -> {
                    assertThat(p.level()).isEqualTo(1);
                    assertThat(p.verdict()).isEqualTo("found");
                });
        assertThat(s.keyX("m2")).as("the typed key's line is drawn").isNotNaN();
    }

    @Test
    void aTablePinnedByAScanStaysHatchedUntilTheScanEnds(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        fillL0(e, 2);
        List<Long> before = state().sstables().stream().map(VisualState.SSTableVis::id).toList();
        LevelStage s = stage(robot);
        try (ScanIterator scan = e.scanInto(null, null)) {
            assertThat(scan.hasNext()).isTrue();
            e.compact(); // everything into one level; the scan still reads the old tables
            waitUntil(() -> state().obsolete().size() == 2);
            assertThat(state().obsolete()).allSatisfy(o -> assertThat(o.readers()).isEqualTo(1));
            for (long id : before) {
                assertThat(s.boxOf(id)).as("obsolete #%d is still drawn while the scan reads it", id).isNotNull();
                Rectangle2D box = s.boxOf(id);
                assertThat(bandOf(s, box)).isZero();
            }
        }
        waitUntil(() -> state().obsolete().isEmpty());
        for (long id : before) {
            assertThat(s.boxOf(id)).as("#%d went when the scan ended", id).isNull();
        }
    }

    @Test
    void aTrivialMovesTableSlidesDownALevelKeepingItsId(FxRobot robot) throws Exception {
        LsmEngine old = engine();
        // L0 compacts at one table: the first flush's table has nothing below it, so it moves down as it is
        app.session().reopenWith(old.options().withCompaction(old.options().compaction().withL0(1, 8, 12)))
                .get(20, TimeUnit.SECONDS);
        waitUntil(() -> app.session().engine() != old && app.session().engine() != null);
        LsmEngine e = engine();
        LevelStage s = stage(robot);
        e.stepGate().setBreakpoints(Set.of(ProbePoint.COMPACT_INSTALL));
        e.stepGate().setMode(StepMode.STEP);
        e.put(b("apple"), b("red"));
        e.put(b("mango"), b("orange"));
        e.freeze();
        // the move waits at its install until the table has been drawn in L0, where it slides from
        assertThat(e.stepGate().awaitPaused(ProbePoint.COMPACT_INSTALL, 20, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> state().sstables().size() == 1);
        long id = state().sstables().get(0).id();
        waitUntil(() -> s.boxOf(id) != null && bandOf(s, s.boxOf(id)) == 0);
        long before = s.slidesStarted();
        e.stepGate().setMode(StepMode.RUN);
        e.stepGate().continueAll();
        waitUntil(() -> state().sstables().size() == 1 && state().sstables().get(0).level() > 0);
        assertThat(state().sstables().get(0).id()).isEqualTo(id);
        assertThat(state().levels().report().levels().get(state().sstables().get(0).level()).movedBytes())
                .as("it was moved, not merged").isPositive();
        waitUntil(() -> s.slidesStarted() > before);
        waitUntil(() -> s.sliding().isEmpty()); // and the slide ends, where the table now is
        assertThat(bandOf(s, s.boxOf(id))).isEqualTo(state().sstables().get(0).level());
    }
}
