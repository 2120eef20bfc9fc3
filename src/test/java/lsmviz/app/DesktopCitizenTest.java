package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Errors a user can cause get a clear dialog, and nothing stored is lost. */
class DesktopCitizenTest extends WindowTestBase {
    @Test
    void openingADamagedDirectoryShowsAClearDialogAndKeepsTheWorkingEngine(FxRobot robot, @TempDir Path dir)
            throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().engine() != null);
        Path before = app.session().directory();
        Path damaged = dir.resolve("damaged");
        try (LsmEngine e = LsmEngine.open(damaged, Options.defaults().withSyncMode(SyncMode.NONE)
                .withFlushMode(Options.FlushMode.MANUAL))) {
            for (int i = 0; i < 3; i++) {
                e.put(Bytes.utf8("k" + i), Bytes.utf8("v"));
                e.freeze();
                e.flushOldest();
            }
        }
        Path manifest = damaged.resolve("MANIFEST");
        byte[] bytes = Files.readAllBytes(manifest);
        byte[] good = bytes.clone();
        bytes[30] ^= 0x10; // inside the second record
        Files.write(manifest, bytes);

        robot.interact(() -> view().commands().files().openDirectory(damaged));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#problemDialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#problemDialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).contains("damaged");
        assertThat(pane.getContentText()).contains("MANIFEST").contains("offset").contains("stays safe");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().engine() != null);
        assertThat(app.session().directory()).as("the window went back to the engine that worked").isEqualTo(before);
        assertThat(Files.readAllBytes(manifest)).as("the damaged file was not touched").isEqualTo(bytes);

        Files.write(manifest, good); // repaired, the data is all there
        try (LsmEngine e = LsmEngine.open(damaged, Options.defaults().withSyncMode(SyncMode.NONE))) {
            assertThat(e.get(Bytes.utf8("k2"))).isEqualTo(Bytes.utf8("v"));
        }
    }
}
