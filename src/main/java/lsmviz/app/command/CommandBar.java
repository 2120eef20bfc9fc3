package lsmviz.app.command;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import lsmviz.app.Fxml;

/**
 * The command bar: the key and value fields and the engine's commands. Enter in the key field
 * gets the key; Enter in the value field puts it.
 */
public final class CommandBar extends ToolBar {
    @FXML private TextField keyField;
    @FXML private TextField valueField;
    @FXML private Button putButton;
    @FXML private Button getButton;
    @FXML private Button deleteButton;
    @FXML private Button scanButton;
    @FXML private Button freezeButton;
    @FXML private Button flushButton;
    @FXML private ToggleButton autoFlushToggle;
    @FXML private ToggleButton workloadToggle;
    @FXML private Button workloadSettingsButton;
    @FXML private Button optionsButton;
    @FXML private javafx.scene.control.MenuButton crashButton;
    @FXML private Button newButton;
    @FXML private Button openButton;
    @FXML private Button lessonButton;

    public CommandBar() {
        Fxml.load(this, "command.css");
    }

    /** Binds the fields to {@code m} and the buttons to their actions. */
    public void bind(CommandViewModel m, AppActions a) {
        keyField.textProperty().bindBidirectional(m.keyProperty());
        valueField.textProperty().bindBidirectional(m.valueProperty());
        keyField.setOnAction(e -> a.get.handle(e));
        valueField.setOnAction(e -> a.put.handle(e));
        AppActions.configure(putButton, a.put, true);
        AppActions.configure(getButton, a.get, true);
        AppActions.configure(deleteButton, a.delete, true);
        AppActions.configure(scanButton, a.scan, true);
        AppActions.configure(freezeButton, a.freeze, true);
        AppActions.configure(flushButton, a.flush, true);
        AppActions.configure(autoFlushToggle, a.autoFlush, true);
        AppActions.configure(workloadToggle, a.workload, true);
        AppActions.configure(workloadSettingsButton, a.workloadSettings, false);
        AppActions.configure(optionsButton, a.options, false);
        AppActions.configure(newButton, a.newTemporary, false);
        AppActions.configure(openButton, a.openDirectory, false);
        AppActions.configure(lessonButton, a.chooseLesson, true);
        crashButton.getItems().setAll(AppActions.items(a.crashProcess, a.crashPower, null, a.recover));
        crashButton.setGraphic(new org.kordamp.ikonli.javafx.FontIcon("fth-zap"));
        crashButton.setTooltip(new javafx.scene.control.Tooltip("Crash the engine (simulated), then recover"));
        lessonButton.textProperty().unbind();
        lessonButton.setText("Lessons");
        for (javafx.scene.Node n : getItems()) {
            if (n instanceof javafx.scene.control.ButtonBase || n instanceof TextField) {
                ((javafx.scene.layout.Region) n).setMinWidth(USE_PREF_SIZE); // squeezed, it would cut its words: the bar overflows instead
            }
        }
    }

    public TextField keyField() {
        return keyField;
    }
}
