package lsmviz.app.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import lsmviz.app.model.Projector;
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

/** The timeline on screen: the scrubber moves the position, the badge says History or LIVE. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimelineViewTest {
    private TimelineView view;
    private final List<Integer> told = new ArrayList<>();
    private final List<EngineEvent> events = new ArrayList<>();

    @Start
    void start(Stage stage) {
        view = new TimelineView();
        view.setOnPositionChanged(told::add);
        stage.setScene(new Scene(view, 900, 160));
        stage.show();
    }

    /** 1,000 events: an open, puts, a freeze every 100, a step (stop and resume) at 550 and 750. */
    private EventHistory history() {
        long seq = 0;
        events.add(new EngineEvent.EngineOpened(++seq, 0, "main", "/d", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(), 4096, 4));
        long memtable = 1;
        while (events.size() < 1000) {
            int i = events.size();
            if (i % 100 == 0) {
                events.add(new EngineEvent.MemtableFrozen(++seq, i, "w", memtable, memtable + 1, i, i, "a", "z", 1));
                memtable++;
            } else if (i == 550 || i == 750) {
                events.add(new EngineEvent.StepReached(++seq, i, "w", "PUT_WRITE_MEMTABLE", "Put", true));
            } else if (i == 551 || i == 751) {
                events.add(new EngineEvent.StepResumed(++seq, i, "w", "PUT_WRITE_MEMTABLE"));
            } else {
                events.add(new EngineEvent.MemtableWritten(++seq, i, "w", memtable, "k" + i, false, i, i));
            }
        }
        EventHistory h = new EventHistory(64, 1_000_000);
        h.appendAll(events);
        return h;
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private VisualState fold(int n) {
        Projector p = new Projector();
        events.subList(0, n).forEach(p::apply);
        return p.snapshot();
    }

    @Test
    void movingTheScrubberShowsHistoryAndTheEndIsLive(FxRobot robot) throws Exception {
        EventHistory h = history();
        fx(() -> view.setHistory(h));
        assertThat(view.isLive()).isTrue();
        assertThat(view.statusText()).isEqualTo("LIVE");
        assertThat(robot.lookup("#timelineStatus").queryLabeled().getText()).isEqualTo("LIVE");

        Slider slider = robot.lookup("#timelineSlider").queryAs(Slider.class);
        fx(() -> slider.setValue(250));
        assertThat(told).last().isEqualTo(250);
        assertThat(view.getPosition()).isEqualTo(250);
        assertThat(view.isLive()).isFalse();
        assertThat(view.statusText()).isEqualTo("History: event 250 of 1,000");
        assertThat(view.historyState()).isEqualTo(fold(250));

        fx(() -> slider.setValue(600));
        assertThat(view.statusText()).isEqualTo("History: event 600 of 1,000");

        robot.clickOn(slider); // focus; the click itself moves the thumb somewhere
        fx(() -> slider.setValue(998));
        robot.type(KeyCode.RIGHT);
        assertThat(view.getPosition()).isEqualTo(999);
        assertThat(told).last().isEqualTo(999);
        robot.type(KeyCode.RIGHT);
        assertThat(view.isLive()).as("the right end of the scrubber is live").isTrue();
        assertThat(told).last().isEqualTo(-1);
        assertThat(view.statusText()).isEqualTo("LIVE");
        robot.type(KeyCode.LEFT);
        assertThat(view.getPosition()).isEqualTo(999);
        assertThat(view.statusText()).startsWith("History: event 999 of 1,000");

        robot.clickOn("#timelineLive");
        assertThat(view.isLive()).isTrue();
        assertThat(view.getPosition()).isEqualTo(-1);
        assertThat(told).last().isEqualTo(-1);
    }

    @Test
    void earlierAndLaterJumpToTheMomentsAThreadStoppedAndKnowWhenThereIsNone(FxRobot robot) throws Exception {
        EventHistory h = history();
        fx(() -> view.setHistory(h));
        fx(() -> view.jumpToStep(2));
        assertThat(view.getPosition()).isEqualTo(751);
        assertThat(view.statusText()).isEqualTo("History: event 751 of 1,000");
        assertThat(view.historyState().paused()).extracting(VisualState.PausedVis::thread).containsExactly("w");
        assertThatThrownBy(() -> view.jumpToStep(3)).hasMessageContaining("steps 1 to 2");

        Button earlier = robot.lookup("#timelineEarlier").queryButton();
        Button later = robot.lookup("#timelineLater").queryButton();
        assertThat(later.isDisabled()).as("no stop after the last").isTrue();
        double x = earlier.localToScene(0, 0).getX();
        robot.clickOn(earlier);
        assertThat(view.getPosition()).isEqualTo(551);
        assertThat(told).last().isEqualTo(551);
        assertThat(earlier.isDisabled()).as("no stop before the first").isTrue();
        assertThat(later.isDisabled()).isFalse();
        assertThat(earlier.localToScene(0, 0).getX()).as("the button stays where it was").isEqualTo(x);
        robot.clickOn(later);
        assertThat(view.getPosition()).isEqualTo(751);
    }

    @Test
    void newEventsKeepAHeldPictureWhereItIsAndFollowWhileLive() throws Exception {
        EventHistory h = history();
        fx(() -> view.setHistory(h));
        fx(() -> view.liveProperty().set(false));
        assertThat(view.getPosition()).as("held at the end recorded so far").isEqualTo(1000);
        assertThat(view.statusText()).isEqualTo("History: event 1,000 of 1,000");
        fx(() -> {
            h.append(new EngineEvent.EngineError(5000, 0, "flusher", "disk full"));
            view.refresh();
        });
        assertThat(view.getPosition()).isEqualTo(1000);
        assertThat(view.statusText()).isEqualTo("History: event 1,000 of 1,001");
        assertThat(h.markers()).last().extracting(EventHistory.Marker::kind).isEqualTo(EventHistory.Kind.ERROR);

        fx(() -> view.goLive());
        fx(() -> {
            h.append(new EngineEvent.EngineError(5001, 0, "flusher", "disk still full"));
            view.refresh();
        });
        assertThat(view.isLive()).isTrue();
        assertThat(view.statusText()).isEqualTo("LIVE");
        Slider slider = (Slider) view.lookup("#timelineSlider");
        assertThat(slider.getValue()).isEqualTo(1002);
    }

    @Test
    void refreshRedrawsTheLanesAtMostFourTimesASecond() throws Exception {
        EventHistory h = history();
        fx(() -> view.setHistory(h));
        long before = view.draws();
        fx(() -> {
            for (int i = 0; i < 100; i++) {
                h.append(new EngineEvent.EngineClosed(9000 + i, 0, "main"));
                view.refresh();
            }
        });
        assertThat(view.draws() - before).isLessThanOrEqualTo(1);
        Thread.sleep(TimelineView.REDRAW_NANOS / 1_000_000 + 200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.draws() - before).as("the last refresh is drawn soon after").isBetween(1L, 2L);
    }
}
