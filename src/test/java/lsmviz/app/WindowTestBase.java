package lsmviz.app;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import lsmviz.engine.LsmEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window for TestFX tests (headless under Monocle when DISPLAY is unset): starts the app
 * on a fresh temporary engine, closes it after each test (which deletes its temporary directory),
 * and offers the lookups the tests share.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class WindowTestBase {
    protected LsmVisualizerApp app;

    /** The window's command line; empty by default. */
    protected String[] arguments() {
        return new String[0];
    }

    @BeforeEach
    void startApp() throws Exception {
        AppPrefs.node().clear(); // every test starts from the defaults (the tests' own node)
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            try {
                app = new LsmVisualizerApp();
                app.setArguments(arguments());
                app.start(stage);
                // the primary stage is shared by every test class and may still have another
                // test's size: the window starts at its scene's size, as on a fresh stage
                stage.sizeToScene();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.setupFixture(() -> app.stop());
        if (!app.awaitClosed(30_000)) {
            throw new AssertionError("the window's engine did not close within 30 s");
        }
    }

    protected MainView view() {
        return app.view();
    }

    /** The engine once the window opened it. */
    protected LsmEngine engine() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().engine() != null);
        return app.session().engine();
    }

    /**
     * Waits (at most 20 s) until {@code condition} holds. A condition that reads the scene graph
     * from the test thread can meet it mid-change (a list of children shrinking under a lookup):
     * such a throw counts as "not yet", and the last one is the cause if the wait times out.
     */
    protected static void waitUntil(Supplier<Boolean> condition) throws Exception {
        RuntimeException[] last = new RuntimeException[1];
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                try {
                    return condition.get();
                } catch (RuntimeException e) {
                    last[0] = e;
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            if (last[0] != null) {
                e.initCause(last[0]);
            }
            throw e;
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code check} on the FX thread, where the scene graph is not changing under it, and rethrows what it threw. */
    protected static void onFx(java.util.concurrent.Callable<?> check) throws Exception {
        Throwable[] thrown = new Throwable[1];
        WaitForAsyncUtils.asyncFx(() -> {
            try {
                check.call();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }).get(20, TimeUnit.SECONDS);
        if (thrown[0] instanceof Error err) {
            throw err;
        }
        if (thrown[0] instanceof Exception ex) {
            throw ex;
        }
    }

    /** Whether a label or button under {@code parent} shows {@code text}. */
    protected static boolean showsText(FxRobot robot, String parent, String text) {
        return robot.lookup(parent).queryAll().stream()
                .flatMap(n -> robot.from(n).lookup((Node x) -> x instanceof Labeled l && l.getText() != null
                        && l.getText().contains(text) && x.isVisible()).queryAll().stream())
                .findAny().isPresent();
    }

    /** Types a key and a value and presses Put. */
    protected static void put(FxRobot robot, String key, String value) {
        type(robot, "#keyField", key);
        type(robot, "#valueField", value);
        robot.clickOn("#putButton");
    }

    /** Replaces what a text field holds with {@code text}, as a user does: click, End, erase, type. */
    protected static void type(FxRobot robot, String field, String text) {
        robot.clickOn(field).push(javafx.scene.input.KeyCode.END).eraseText(40).write(text);
    }
}
