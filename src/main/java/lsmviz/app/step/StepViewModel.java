package lsmviz.app.step;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import lsmviz.app.AppPrefs;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.WindowPart;
import lsmviz.app.session.StepControl;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;

/**
 * The step controls' state and commands: live, slow motion or step; Step, Continue, Pause/Play;
 * which paused thread moves; the slow-motion speed (remembered between runs); where step mode
 * stops. It drives the engine's step gate through {@link StepControl}, whose calls never block, and
 * follows the gate when something else (a lesson) sets its mode. Plain Java.
 */
public final class StepViewModel implements WindowPart {
    /** Kinds of breakpoints the user can pick. */
    public enum Breakpoints {
        NEXT_FREEZE("next freeze", EnumSet.of(ProbePoint.FREEZE_RECHECK, ProbePoint.FREEZE_SWAP)),
        NEXT_FLUSH("next flush", EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST)),
        FLUSH_STEPS("each flush step", EnumSet.of(ProbePoint.FLUSH_SELECT_OLDEST, ProbePoint.FLUSH_ITERATE,
                ProbePoint.FLUSH_WRITE_RECORD, ProbePoint.FLUSH_ADD_SSTABLE, ProbePoint.FLUSH_REMOVE_MEMTABLE)),
        PUT("put", EnumSet.of(ProbePoint.PUT_MAKE_ROOM, ProbePoint.PUT_WRITE_MEMTABLE, ProbePoint.PUT_CHECK_ROOM,
                ProbePoint.DELETE_WRITE_TOMBSTONE)),
        GET("get", EnumSet.of(ProbePoint.GET_PROBE_MEMTABLE, ProbePoint.GET_PROBE_SSTABLE)),
        NEXT_COMPACTION("next compaction", EnumSet.of(ProbePoint.COMPACT_PICK)),
        COMPACTION_STEPS("each compaction step", EnumSet.of(ProbePoint.COMPACT_PICK, ProbePoint.COMPACT_MERGE_RECORD,
                ProbePoint.COMPACT_SEAL_OUTPUT, ProbePoint.COMPACT_INSTALL, ProbePoint.COMPACT_DELETE_OBSOLETE)),
        RECOVERY("each recovery step", EnumSet.of(ProbePoint.RECOVER_MANIFEST, ProbePoint.RECOVER_REMOVE_LEFTOVER,
                ProbePoint.RECOVER_REPLAY_LOG));

        private final String label;
        private final Set<ProbePoint> points;

        Breakpoints(String label, Set<ProbePoint> points) {
            this.label = label;
            this.points = points;
        }

        public String label() {
            return label;
        }
    }

    /** The thread picker's first choice. */
    public static final String ANY = "any thread";
    static final String SPEED_KEY = "slowMotionDelayMillis";

    private final StepControl gate;
    private final Consumer<String> say;
    private final Preferences prefs = AppPrefs.node();
    private final ReadOnlyObjectWrapper<StepMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", StepMode.RUN);
    private final ReadOnlyObjectWrapper<List<String>> threads = new ReadOnlyObjectWrapper<>(this, "threads", List.of(ANY));
    private final ObjectProperty<String> chosen = new SimpleObjectProperty<>(this, "chosenThread", ANY);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed");
    private final ObjectProperty<Set<Breakpoints>> breakpoints = new SimpleObjectProperty<>(this, "breakpoints",
            EnumSet.of(Breakpoints.FLUSH_STEPS));
    private final ReadOnlyStringWrapper playPause = new ReadOnlyStringWrapper(this, "playPause", "Pause");
    private final ReadOnlyBooleanWrapper anyPaused = new ReadOnlyBooleanWrapper(this, "anyPaused");
    /** The mode Play goes back to after a pause. */
    private StepMode runningMode = StepMode.RUN;

    /** @param say where a command's answer goes (the narration) */
    public StepViewModel(StepControl gate, Consumer<String> say) {
        this.gate = gate;
        this.say = say;
        speed.set(Math.max(50, Math.min(2000, prefs.getDouble(SPEED_KEY, 400))));
        speed.addListener((o, a, b) -> {
            prefs.putDouble(SPEED_KEY, b.doubleValue());
            gate.setSlowDelayMillis(Math.round(b.doubleValue()));
        });
        breakpoints.addListener((o, a, b) -> applyBreakpoints());
        gate.setSlowDelayMillis(Math.round(speed.get()));
        applyBreakpoints();
    }

    /** Chooses the gate's mode (the Live, Slow and Step toggles). */
    public void setMode(StepMode m) {
        if (m != StepMode.STEP) {
            runningMode = m;
        }
        gate.setSlowDelayMillis(Math.round(speed.get()));
        gate.setMode(m);
        showMode(m);
        say.accept(switch (m) {
            case RUN -> "Live: the engine runs at full speed.";
            case SLOW -> "Slow motion: every engine thread waits " + Math.round(speed.get()) + " ms at each step.";
            case STEP -> "Step mode: threads stop at the breakpoints (" + breakpointText()
                    + "). Step (Right) moves one on; Space plays.";
        });
    }

    private void showMode(StepMode m) {
        mode.set(m);
        playPause.set(m == StepMode.STEP ? "Play" : "Pause");
    }

    /** Right arrow: the chosen paused thread (or the one paused longest) moves to its next step. */
    public void step() {
        if (mode.get() != StepMode.STEP) {
            pause();
            return;
        }
        String who = gate.step(chosenThread());
        say.accept(who == null ? "Step: no thread is paused yet (one stops at the next breakpoint)"
                : "Step: " + who + " moves to its next step");
    }

    /** Shift+Right: the chosen paused thread runs to the end of its operation. */
    public void finishOperation() {
        String who = gate.finishOperation(chosenThread());
        say.accept(who == null ? "Continue: no thread is paused"
                : "Continue: " + who + " runs to the end of its operation, then stops");
    }

    /** Space: pause every engine thread at its next step, or play on in the mode before the pause. */
    public void togglePlayPause() {
        if (mode.get() == StepMode.STEP) {
            setMode(runningMode);
        } else {
            pause();
        }
    }

    private void pause() {
        gate.pauseAll();
        showMode(StepMode.STEP);
        say.accept("Pause: every engine thread stops at its next step");
    }

    @Override
    public void show(VisualState s, long now) {
        update(s);
    }

    /** Follows the picture (who is paused) and the gate (a lesson may have changed its mode). */
    public void update(VisualState s) {
        StepMode m = gate.mode();
        if (m != mode.get()) {
            showMode(m);
        }
        List<String> names = new ArrayList<>();
        names.add(ANY);
        for (PausedVis p : s.paused()) {
            names.add(p.thread());
        }
        if (!names.equals(threads.get())) {
            threads.set(List.copyOf(names));
            if (!names.contains(chosen.get())) {
                chosen.set(ANY);
            }
        }
        anyPaused.set(!s.paused().isEmpty() && s.crash() == null); // a dead engine's threads cannot move
    }

    private void applyBreakpoints() {
        Set<ProbePoint> points = EnumSet.noneOf(ProbePoint.class);
        for (Breakpoints b : breakpoints.get()) {
            points.addAll(b.points);
        }
        gate.setBreakpoints(points);
    }

    /** "each flush step" or "every step" (none chosen). */
    public String breakpointText() {
        if (breakpoints.get().isEmpty()) {
            return "every step";
        }
        List<String> labels = new ArrayList<>();
        for (Breakpoints b : Breakpoints.values()) {
            if (breakpoints.get().contains(b)) {
                labels.add(b.label);
            }
        }
        return String.join(", ", labels);
    }

    /** The thread Step and Continue move; null for any. */
    public String chosenThread() {
        String t = chosen.get();
        return t == null || t.equals(ANY) ? null : t;
    }

    public ReadOnlyObjectProperty<StepMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** "any thread", then the paused threads in the order they stopped. */
    public ReadOnlyObjectProperty<List<String>> threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    public ObjectProperty<String> chosenThreadProperty() {
        return chosen;
    }

    /** Milliseconds each step waits in slow motion. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** Where step mode stops, by kind; none chosen stops everywhere. */
    public ObjectProperty<Set<Breakpoints>> breakpointsProperty() {
        return breakpoints;
    }

    /** "Pause" while the engine runs, "Play" while it is held in step mode. */
    public ReadOnlyStringProperty playPauseProperty() {
        return playPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty anyPausedProperty() {
        return anyPaused.getReadOnlyProperty();
    }
}
