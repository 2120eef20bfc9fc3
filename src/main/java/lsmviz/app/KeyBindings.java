package lsmviz.app;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import lsmviz.app.command.AppActions;
import org.controlsfx.control.action.Action;

/**
 * The keys that are no menu accelerators (see {@link AppActions#keyOf}): a presenter's clicker
 * (Page Down, Page Up) moves the lesson wherever the focus is; Space, Right and Shift+Right step
 * the engine, except while typing in a field, where they type.
 */
final class KeyBindings {
    private KeyBindings() {}

    static void install(Scene scene, AppActions a) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Action act = switch (e.getCode()) {
                case PAGE_DOWN -> a.lessonNext;
                case PAGE_UP -> a.lessonBack;
                default -> null;
            };
            if (act == null && !(scene.getFocusOwner() instanceof TextInputControl)) {
                if (e.getCode() == KeyCode.SPACE) {
                    act = a.playPause;
                } else if (e.getCode() == KeyCode.RIGHT) {
                    act = e.isShiftDown() ? a.continueOperation : a.step;
                }
            }
            if (act != null) {
                if (!act.isDisabled()) {
                    act.handle(new javafx.event.ActionEvent());
                }
                e.consume();
            }
        });
    }
}
