package lsmviz.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The presenter records the engine's events; a step the engine stops at is clickable at once. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HistoryPresenterTest {
    private HistoryPresenter presenter;
    private final List<VisualState> shown = new ArrayList<>();
    private int liveShown;

    @Start
    void start(Stage stage) {
        TimelineView timeline = new TimelineView();
        presenter = new HistoryPresenter(timeline, shown::add, () -> liveShown++);
        stage.setScene(new Scene(timeline, 900, 160));
        stage.show();
    }

    private void record(EngineEvent... es) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> List.of(es).forEach(presenter::record)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theEarlierStepButtonWorksAsSoonAsTheSecondStepIsRecorded(FxRobot robot) throws Exception {
        Button earlier = robot.lookup("#timelineEarlier").queryAs(Button.class);
        record(new EngineEvent.EngineOpened(1, 0, "main", "/d", new MemtableSummary(1, 0, 0, null, null),
                        List.of(), List.of(), 4096, 4),
                new EngineEvent.StepReached(2, 1, "flusher", "FLUSH_SELECT_OLDEST", "Flush, step 1", true));
        assertThat(earlier.isDisabled()).as("one step: nothing earlier").isTrue();
        // no tick of the window's clock in between: only the recording itself refreshes the timeline
        record(new EngineEvent.StepResumed(3, 2, "flusher", "FLUSH_SELECT_OLDEST"),
                new EngineEvent.StepReached(4, 3, "flusher", "FLUSH_ITERATE", "Flush, step 2", true));
        assertThat(earlier.isDisabled()).as("two steps: step 1 is earlier").isFalse();
        robot.clickOn("#timelineEarlier");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(presenter.timeline().getPosition()).as("the picture with the flusher stopped at step 1").isEqualTo(2);
        assertThat(shown).isNotEmpty();
        robot.clickOn("#timelineLive");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(presenter.showsLive()).isTrue();
        assertThat(liveShown).isPositive();
    }
}
