package lsmviz.app.dialogs;

import javafx.stage.Stage;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.event.EngineEvent;

/**
 * A flush that failed (the disk is full, or read-only) opens the problem dialog: nothing is lost
 * (the memtable stays in memory and in its write-ahead log), but the class must know, and what to
 * do about it.
 */
public final class FlushFailureAlert implements WindowPart {
    private final Stage stage;

    public FlushFailureAlert(Stage stage) {
        this.stage = stage;
    }

    @Override
    public void show(VisualState s, long now) {
    }

    @Override
    public void event(EngineEvent e) {
        if (e instanceof EngineEvent.FlushFailed f) {
            ProblemDialog.show(stage, new java.io.IOException(f.message()
                    + " (memtable #" + f.memtableId() + " stays in memory and in its write-ahead log)"));
        }
    }
}
