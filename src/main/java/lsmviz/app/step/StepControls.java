package lsmviz.app.step;

import java.util.EnumSet;
import java.util.Set;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import lsmviz.app.Fxml;
import lsmviz.app.command.AppActions;
import lsmviz.app.step.StepViewModel.Breakpoints;
import lsmviz.engine.step.StepMode;

/**
 * The step controls of the control bar. The toggles show the gate's mode (a lesson may set it);
 * the buttons run the window's actions; the picker, the speed and the breakpoints bind to the
 * {@link StepViewModel}.
 */
public final class StepControls extends javafx.scene.layout.FlowPane {
    @FXML private ToggleButton live;
    @FXML private ToggleButton slow;
    @FXML private ToggleButton stepMode;
    @FXML private Button playPause;
    @FXML private Button stepButton;
    @FXML private Button continueButton;
    @FXML private ComboBox<String> threadPicker;
    @FXML private Slider speed;
    @FXML private Label speedLabel;
    @FXML private MenuButton breakpointMenu;
    @FXML private ToggleButton predict;

    private final ToggleGroup modes = new ToggleGroup();
    private boolean syncing;

    public StepControls() {
        Fxml.load(this, "step.css");
        live.setToggleGroup(modes);
        slow.setToggleGroup(modes);
        stepMode.setToggleGroup(modes);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {live, slow, stepMode, playPause,
                stepButton, continueButton, breakpointMenu}) {
            c.setMinWidth(USE_PREF_SIZE); // squeezed, a button would cut its words
        }
    }

    public void bind(StepViewModel m, AppActions a) {
        AppActions.configure(live, a.live, true);
        AppActions.configure(slow, a.slow, true);
        AppActions.configure(stepMode, a.stepMode, true);
        AppActions.configure(playPause, a.playPause, true);
        AppActions.configure(stepButton, a.step, true);
        AppActions.configure(continueButton, a.continueOperation, true);
        // the toggles follow the gate's mode; a click on the chosen one keeps it chosen
        showMode(m.modeProperty().get());
        m.modeProperty().addListener((o, was, now) -> showMode(now));
        modes.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null && !syncing) {
                was.setSelected(true);
            }
        });
        a.playPause.textProperty().bind(m.playPauseProperty());
        continueButton.disableProperty().bind(m.anyPausedProperty().not());

        threadPicker.getItems().setAll(m.threadsProperty().get());
        m.threadsProperty().addListener((o, was, names) -> {
            String keep = m.chosenThreadProperty().get();
            threadPicker.getItems().setAll(names);
            threadPicker.setValue(names.contains(keep) ? keep : StepViewModel.ANY);
        });
        threadPicker.valueProperty().bindBidirectional(m.chosenThreadProperty());
        threadPicker.setTooltip(new Tooltip("Which paused thread Step and Continue move"));

        speed.valueProperty().bindBidirectional(m.speedProperty());
        speedLabel.textProperty().bind(m.speedProperty().asString("%.0f ms"));
        speed.setTooltip(new Tooltip("Slow-motion speed: how long each step waits (remembered)"));

        for (Breakpoints b : Breakpoints.values()) {
            CheckMenuItem item = new CheckMenuItem(b.label());
            item.setSelected(m.breakpointsProperty().get().contains(b));
            item.selectedProperty().addListener((o, x, on) -> {
                Set<Breakpoints> chosen = EnumSet.noneOf(Breakpoints.class);
                chosen.addAll(m.breakpointsProperty().get());
                if (on) {
                    chosen.add(b);
                } else {
                    chosen.remove(b);
                }
                m.breakpointsProperty().set(chosen);
                breakpointMenu.setTooltip(new Tooltip("Step mode stops at: " + m.breakpointText()));
            });
            breakpointMenu.getItems().add(item);
        }
        breakpointMenu.setTooltip(new Tooltip("Step mode stops at: " + m.breakpointText()));
    }

    private void showMode(StepMode mode) {
        syncing = true;
        try {
            (mode == StepMode.STEP ? stepMode : mode == StepMode.SLOW ? slow : live).setSelected(true);
        } finally {
            syncing = false;
        }
    }

    /** The Predict switch: in Step mode, the window asks what the paused thread does next. */
    public ToggleButton predictToggle() {
        return predict;
    }
}
