package lsmviz.app.crash;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.effect.ColorAdjust;
import javafx.scene.layout.VBox;
import lsmviz.app.command.AppActions;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.WindowPart;
import org.controlsfx.control.action.Action;

/**
 * The dead engine: while the engine lies crashed, the stage is greyed (what it last showed stays,
 * so a class sees where each thread stood) and a card over it says which crash, what it cost, and
 * offers Recover. The crash actions are disabled while it is dead, Recover while it lives.
 */
public final class CrashCurtain extends VBox implements WindowPart {
    private static final int REPORT_LINES = 5;

    private final Node stage;
    private final Label title = new Label();
    private final Label report = new Label();
    private final Action crashProcess;
    private final Action crashPower;
    private final Action recover;
    private final Button again;
    private final java.util.function.BooleanSupplier lessonActive;
    private VisualState.CrashVis shown;
    private boolean yielding;

    /**
     * @param stage        what the curtain greys: the picture and the side column
     * @param lessonActive whether a lesson runs: its own steps recover (Next), so Recover is off
     */
    public CrashCurtain(Node stage, AppActions actions, java.util.function.BooleanSupplier lessonActive) {
        this.lessonActive = lessonActive;
        this.stage = stage;
        this.crashProcess = actions.crashProcess;
        this.crashPower = actions.crashPower;
        this.recover = actions.recover;
        setId("crashCurtain");
        getStyleClass().add("crash-curtain");
        title.setId("crashTitle");
        title.getStyleClass().add("crash-title");
        title.setWrapText(true);
        report.setId("crashReport");
        report.setWrapText(true);
        again = AppActions.configure(new Button(), recover, true);
        again.setId("recoverButton");
        again.getStyleClass().add("accent");
        getChildren().addAll(title, report, again);
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setVisible(false);
        setManaged(false);
        recover.setDisabled(true);
    }

    /**
     * While {@code other} holds (a lesson's question card is up, over the bottom of the stage),
     * the card steps aside: the report was on the page before, the greyed stage, the timeline's
     * badge and the status bar still say the engine is dead, and on a 720-line projector the two
     * cards overlap.
     */
    public void yieldWhile(javafx.beans.value.ObservableBooleanValue other) {
        other.addListener((o, was, on) -> {
            yielding = on;
            boolean card = shown != null && !on;
            setVisible(card);
            setManaged(card);
        });
    }

    @Override
    public void show(VisualState s, long now) {
        VisualState.CrashVis c = s.crash();
        if (c == shown) {
            return;
        }
        shown = c;
        boolean dead = c != null;
        setVisible(dead && !yielding);
        setManaged(dead && !yielding);
        stage.setEffect(dead ? new ColorAdjust(0, -1, -0.15, 0) : null);
        crashProcess.setDisabled(dead);
        crashPower.setDisabled(dead);
        boolean lesson = lessonActive.getAsBoolean();
        recover.setDisabled(!dead || lesson);
        again.setVisible(!lesson);
        again.setManaged(!lesson);
        if (dead) {
            title.setText("⚡ " + c.kind() + ": the engine is dead");
            List<String> lines = c.report();
            report.setText(String.join("\n", lines.subList(0, Math.min(REPORT_LINES, lines.size())))
                    + (lines.size() > REPORT_LINES ? "\n…" : ""));
        }
    }
}
