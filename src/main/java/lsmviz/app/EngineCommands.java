package lsmviz.app;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import lsmviz.app.command.AppActions;
import lsmviz.app.command.Answers;
import lsmviz.app.command.CommandViewModel;
import lsmviz.app.dialogs.InspectDialogs;
import lsmviz.app.dialogs.OptionsDialog;
import lsmviz.app.dialogs.WorkloadDialog;
import lsmviz.app.model.VisualState;
import lsmviz.app.session.EngineSession;
import lsmviz.app.step.StepViewModel;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.CrashKind;
import lsmviz.workload.Workload;

/**
 * The Engine menu's commands: the data commands (through the command bar's view-model), the
 * workload, the engine's options, stepping, and the inspectors of a memtable or an SSTable.
 */
public final class EngineCommands {
    private final EngineSession session;
    private final Stage stage;
    private final AppActions a;
    private final CommandViewModel commands;
    private final StepViewModel steps;
    private final Answers answers;
    private final Supplier<VisualState> shown;
    private Workload.Settings workloadSettings = Workload.Settings.defaults();

    /** @param shown the picture the window shows (an inspector marks the block of the key last read) */
    EngineCommands(EngineSession session, Stage stage, AppActions actions, CommandViewModel commands,
            StepViewModel steps, Answers answers, Supplier<VisualState> shown) {
        this.session = session;
        this.stage = stage;
        this.a = actions;
        this.commands = commands;
        this.steps = steps;
        this.answers = answers;
        this.shown = shown;
    }

    void wire() {
        AppActions.on(a.put, commands::put);
        AppActions.on(a.get, commands::get);
        AppActions.on(a.delete, commands::delete);
        AppActions.on(a.scan, commands::scan);
        AppActions.on(a.freeze, commands::freeze);
        AppActions.on(a.flush, commands::flush);
        a.autoFlush.setSelected(true);
        AppActions.on(a.autoFlush, () -> commands.setAutoFlush(a.autoFlush.isSelected()));
        AppActions.on(a.workload, () -> {
            if (a.workload.isSelected()) {
                commands.startWorkload(workloadSettings);
            } else {
                commands.stopWorkload();
            }
        });
        AppActions.on(a.workloadSettings, this::workloadSettings);
        AppActions.on(a.options, this::options);

        AppActions.on(a.crashProcess, () -> crash(CrashKind.PROCESS));
        AppActions.on(a.crashPower, () -> crash(CrashKind.POWER));
        AppActions.on(a.recover, () -> {
            a.autoFlush.setSelected(false); // what came back from the logs stays in view
            answers.follow(session.port().recover(), Platform::runLater);
        });

        AppActions.on(a.live, () -> steps.setMode(StepMode.RUN));
        AppActions.on(a.slow, () -> steps.setMode(StepMode.SLOW));
        AppActions.on(a.stepMode, () -> steps.setMode(StepMode.STEP));
        AppActions.on(a.playPause, steps::togglePlayPause);
        AppActions.on(a.step, steps::step);
        AppActions.on(a.continueOperation, steps::finishOperation);
    }

    private void crash(CrashKind kind) {
        a.workload.setSelected(false);
        answers.follow(session.port().crash(kind), Platform::runLater);
    }

    private void options() {
        OptionsDialog.show(stage, session.options()).ifPresent(o -> {
            a.workload.setSelected(false);
            answers.follow(session.reopenWith(o).thenApply(d -> "engine reopened in " + d + " with the new options"),
                    Platform::runLater);
        });
    }

    private void workloadSettings() {
        WorkloadDialog.show(stage, workloadSettings).ifPresent(s -> {
            workloadSettings = s;
            answers.say("workload settings saved" + (a.workload.isSelected() ? ": restart the workload to use them" : ""));
        });
    }

    /** The workload's rate for the next start (0: as fast as possible). */
    public void setWorkloadRate(long opsPerSecond) {
        Workload.Settings d = workloadSettings;
        workloadSettings = new Workload.Settings(d.writers(), d.readers(), opsPerSecond, d.distribution(), d.keySpace(),
                d.valueSize());
    }

    /** Starts the workload as if its button were pressed. */
    public void startWorkloadNow() {
        a.workload.setSelected(true);
        commands.startWorkload(workloadSettings);
    }

    void inspectMemtable(long id) {
        InspectDialogs.memtable(stage, session.port(), id);
    }

    /** The SSTable's inspector, with the block marked that holds the typed key (or the key last read). */
    void inspectSSTable(long id) {
        String typed = commands.keyProperty().get();
        VisualState s = shown.get();
        InspectDialogs.sstable(stage, session.port(), id, typed != null && !typed.isBlank() ? typed.strip()
                : s.lastGet() != null ? s.lastGet().key() : null);
    }
}
