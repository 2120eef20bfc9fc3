package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import lsmviz.app.disk.LevelStage;
import lsmviz.app.history.EventHistory;
import lsmviz.app.session.SessionPort.BlockRow;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EngineEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/** History shows the moment it shows (locks, narration, status); an SSTable's dialog knows its level and the key's block. */
@Timeout(120)
class HistoryAndInspectTest extends WindowTestBase {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void inHistoryALockIsHeldForAsLongAsItWasThenAndTheNarrationTellsThatMoment(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        e.put(b("k"), b("v"));
        e.freeze(); // takes the freeze lock and lets it go at once
        EventHistory h = view().history().timeline().history();
        int[] at = {-1};
        waitUntil(() -> {
            for (int i = 0; i < h.size(); i++) {
                if (h.event(i) instanceof EngineEvent.LockAcquired a && a.lock().equals(LsmEngine.FREEZE_LOCK)) {
                    at[0] = i;
                    return true;
                }
            }
            return false;
        });
        long then = h.event(at[0]).nanos();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - then > 1_500_000_000L);
        robot.interact(() -> view().history().show(at[0] + 1)); // the picture right after it took the lock
        waitUntil(() -> showsText(robot, "#freezeLockCard", "held by"));
        Label since = (Label) robot.lookup("#freezeLockCard").query().lookup(".lock-since");
        assertThat(since.getText()).as("held for as long as it was at that moment, not until now").startsWith("for 0.0 s");
        waitUntil(() -> view().narrationText().startsWith("This moment: "));
        assertThat(view().narrationText()).contains("freeze lock");
        waitUntil(() -> showsText(robot, "#statusBar", "ops/s: –"));
        robot.interact(() -> view().history().show(-1));
        waitUntil(() -> view().narrationText().startsWith("Live again"));
    }

    @Test
    void anSSTablesDialogSaysItsLevelAndMarksTheBlockOfTheTypedKey(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        for (int i = 0; i < 200; i++) {
            e.put(b(String.format("key%04d", i)), b("value number " + i));
        }
        e.freeze();
        waitUntil(() -> e.snapshot().immutables().isEmpty() && !view().visibleState().sstables().isEmpty()
                && view().visibleState().sstables().size() == e.snapshot().sstables().size());
        long id = view().visibleState().sstables().stream()
                .filter(t -> "key0150".compareTo(t.minKey()) >= 0 && "key0150".compareTo(t.maxKey()) <= 0)
                .findFirst().orElseThrow().id();
        type(robot, "#keyField", "key0150");
        LevelStage stage = robot.lookup("#levels").queryAs(LevelStage.class);
        waitUntil(() -> stage.boxOf(id) != null);
        Rectangle2D box = stage.boxOf(id);
        Point2D centre = stage.localToScreen(box.getMinX() + box.getWidth() / 2, box.getMinY() + box.getHeight() / 2);
        robot.clickOn(centre);
        waitUntil(() -> robot.lookup("#blockTable").tryQuery().isPresent()
                && !robot.lookup("#blockTable").queryAs(TableView.class).getItems().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<BlockRow> blocks = robot.lookup("#blockTable").queryAs(TableView.class);
        assertThat(blocks.getItems()).as("several blocks, so the mark means something").hasSizeGreaterThan(3);
        BlockRow marked = blocks.getSelectionModel().getSelectedItem();
        assertThat(marked).isNotNull();
        assertThat("key0150").isBetween(marked.firstKey(), marked.lastKey());
        assertThat(robot.lookup("#blockForKey").queryAs(Label.class).getText()).contains("block " + marked.blockNo());
        assertThat(showsText(robot, "#sstableDialog", "L0 (a flush wrote it")).isTrue();
        robot.interact(() -> blocks.getScene().getWindow().hide());
    }

    @Test
    void getOnADeletedKeySaysWhereItsTombstoneIsAndWhyItIsKept(FxRobot robot) throws Exception {
        LsmEngine e = engine();
        e.put(b("apple"), b("red"));
        e.freeze(); // apple=red goes to an SSTable in L0
        waitUntil(() -> e.snapshot().immutables().isEmpty() && !e.snapshot().sstables().isEmpty());
        e.delete(b("apple")); // its tombstone stays in the active memtable
        type(robot, "#keyField", "apple");
        robot.clickOn("#getButton");
        waitUntil(() -> view().narrationText().contains("(deleted)"));
        assertThat(view().narrationText()).contains("its tombstone is in memtable #", "hides an older value (red)",
                "in SSTable #", "in L0");
    }
}
