package lsmviz.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A toolbar button's icon grows with the window's text, under the theme's CSS, with no CSS errors. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ButtonIconTest {
    private final List<String> cssErrors = new CopyOnWriteArrayList<>();
    private final Logger cssLog = Logger.getLogger("javafx.css");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String m = r.getMessage();
            if (m != null && m.contains("icon-size")) {
                cssErrors.add(m);
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };
    private Button button;

    @Start
    void start(Stage stage) {
        cssLog.addHandler(handler);
        Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        button = AppActions.configure(new Button(), new AppActions().exportPng, true);
        button.setId("iconButton");
        stage.setScene(new Scene(new StackPane(button), 400, 200));
        stage.show();
    }

    @AfterEach
    void detach() {
        cssLog.removeHandler(handler);
    }

    private int iconSize() {
        return ((FontIcon) button.getGraphic()).getIconSize();
    }

    private void font(double size) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> button.setFont(Font.font(size))).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String iconFamily() {
        return ((FontIcon) button.getGraphic()).getFont().getFamily();
    }

    @Test
    void theIconFollowsTheTextSizeThroughHoverAndPress(FxRobot robot) throws Exception {
        String family = iconFamily();
        assertThat(family).as("the icon font, not the text's").doesNotContain("System");
        font(20);
        assertThat(iconSize()).isEqualTo(24);
        assertThat(iconFamily()).as("still drawn with the icon font").isEqualTo(family);
        robot.moveTo("#iconButton"); // hover and press change the button's CSS state
        robot.press(MouseButton.PRIMARY).release(MouseButton.PRIMARY);
        robot.moveBy(150, 80);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(iconSize()).as("the theme's CSS does not take the size back").isEqualTo(24);
        font(30);
        assertThat(iconSize()).isEqualTo(36);
        assertThat(iconFamily()).isEqualTo(family);
        assertThat(cssErrors).as("CSS errors about the icon size").isEmpty();
    }

    @Test
    void theSizeIsReplacedInTheStyleAndTheRestKept() {
        assertThat(AppActions.withIconSize(null, 16)).isEqualTo("-fx-icon-size: 16px;");
        assertThat(AppActions.withIconSize("-fx-font-family: 'Feather'; -fx-icon-size: 16px;", 24))
                .isEqualTo("-fx-font-family: 'Feather'; -fx-icon-size: 24px;");
        assertThat(AppActions.withIconSize("-fx-icon-size: 16px; -fx-font-size: 16px", 20))
                .isEqualTo("-fx-font-size: 16px; -fx-icon-size: 20px;");
    }
}
