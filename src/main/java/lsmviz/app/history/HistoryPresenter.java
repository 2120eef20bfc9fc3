package lsmviz.app.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.app.trace.TraceFile;
import lsmviz.engine.event.EngineEvent;

/**
 * The window's memory of what happened: every event of the running engine is recorded, and the
 * timeline shows the picture after any of them; a saved trace can be replayed instead of the
 * engine. Whoever draws the picture is told when it should show history ({@code showState}) and
 * when the live engine again ({@code showLive}). FX thread only.
 */
public final class HistoryPresenter implements WindowPart {
    private final EventHistory recording = new EventHistory();
    private final TimelineView timeline;
    private final Consumer<VisualState> showState;
    private final Runnable showLive;
    /** A trace opened from a file, replayed without an engine; null while showing the engine. */
    private EventHistory replay;
    private String replayName;

    public HistoryPresenter(TimelineView timeline, Consumer<VisualState> showState, Runnable showLive) {
        this.timeline = timeline;
        this.showState = showState;
        this.showLive = showLive;
        timeline.setHistory(recording);
        timeline.setOnPositionChanged(this::positionChanged);
    }

    /** The history draws no picture of its own: it chooses which one the others draw. */
    @Override
    public void show(VisualState s, long now) {
    }

    @Override
    public void event(EngineEvent e) {
        record(e);
    }

    /** The timeline grows while the engine runs. */
    @Override
    public void tick(VisualState shown, long now) {
        timeline.setDead(replay == null && timeline.isLive() && shown.crash() != null);
        timeline.refresh();
    }

    /** An event of the running engine; a new engine's history starts at its open. */
    public void record(EngineEvent e) {
        if (e instanceof EngineEvent.EngineOpened) {
            recording.clear();
        }
        recording.append(e);
        if (e instanceof EngineEvent.StepReached r && r.paused() && replay == null) {
            timeline.refresh(); // a class stepping clicks "earlier step" at once, not at the next tick
        }
    }

    /** Whether the window shows the running engine as it is now. */
    public boolean showsLive() {
        return replay == null && timeline.isLive();
    }

    /** How many events the history shown holds. */
    public int size() {
        return (replay != null ? replay : recording).size();
    }

    /** Shows the picture after {@code position} events; -1 goes live. */
    public void show(int position) {
        if (position < 0) {
            timeline.goLive();
        } else {
            timeline.setPosition(position);
        }
    }

    /** The name of the trace replayed, or null. */
    public String replayName() {
        return replayName;
    }

    public TimelineView timeline() {
        return timeline;
    }

    private void positionChanged(int position) {
        if (position < 0 && replay == null) {
            showLive.run();
            return;
        }
        VisualState s = timeline.historyState();
        if (s == null) {
            s = timeline.history().stateAt(timeline.history().size());
        }
        showState.accept(s);
        EventHistory h = timeline.history();
        if (moment != null && position > 0 && position <= h.size()) {
            EngineEvent last = h.event(position - 1);
            String line = lsmviz.app.activity.EventLines.line(last, lsmviz.app.activity.EventLines.wallOffsetNanos());
            moment.accept(line != null ? line : last.getClass().getSimpleName() + " (" + last.thread() + ")");
        }
    }

    private Consumer<String> moment;

    /**
     * Told, while the timeline shows history, what the moment shown is: the log line of its last
     * event (the narration says it, instead of what the present last said).
     */
    public void setOnMoment(Consumer<String> onMoment) {
        moment = onMoment;
    }

    /** Writes every recorded event (or the replayed trace) to {@code file}, off the FX thread. */
    public CompletableFuture<String> exportTrace(Path file) {
        List<EngineEvent> events = (replay != null ? replay : recording).events();
        return CompletableFuture.supplyAsync(() -> {
            try {
                TraceFile.write(file, events);
                return "trace saved: " + Format.plural(events.size(), "event") + " in " + file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the trace " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** Reads a trace off the FX thread, then shows its first event; completes with what to say. */
    public CompletableFuture<String> openTrace(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return TraceFile.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).thenApplyAsync(trace -> {
            EventHistory h = new EventHistory();
            h.appendAll(trace.events());
            replay = h;
            replayName = file.getFileName().toString();
            timeline.setHistory(h);
            timeline.setLiveText("End of trace");
            timeline.setPosition(Math.min(1, h.size()));
            positionChanged(timeline.getPosition());
            return "REPLAY of " + file.getFileName() + ": " + Format.plural(h.size(), "event")
                    + ", no engine. Drag the timeline; File > Back to the engine returns.";
        }, Platform::runLater);
    }

    /** Leaves a replayed trace and shows the running engine again. */
    public void backToEngine() {
        replay = null;
        replayName = null;
        timeline.setHistory(recording);
        timeline.setLiveText("LIVE");
        timeline.goLive();
        showLive.run();
    }
}
