package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's temporary data directory goes on SIGTERM as on Quit; one left behind by kill -9
 * goes when the next window starts (no engine holds its LOCK). Real child JVMs, real signals.
 */
@Timeout(180)
class ShutdownCleanupTest {
    @TempDir
    Path tmp;

    private Process window() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Djava.util.prefs.userRoot=" + tmp.resolve("prefs")));
        for (String k : List.of("testfx.headless", "glass.platform", "monocle.platform", "prism.order",
                "java.awt.headless", "prism.text")) {
            if (System.getProperty(k) != null) {
                cmd.add("-D" + k + "=" + System.getProperty(k));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "lsmviz.app.Launcher", "--workload",
                "--rate=200"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("window.log").toFile())
                .start();
    }

    /** The window's data directory, once its engine holds it. */
    private Optional<Path> dataDirectory() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().matches("lsmviz-\\d+"))
                    .filter(p -> Files.exists(p.resolve("LOCK"))).findFirst();
        }
    }

    private Path awaitDataDirectory() {
        return Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(this::dataDirectory, Optional::isPresent).orElseThrow();
    }

    @Test
    void sigtermDeletesTheTemporaryDirectoryAndTheNextWindowSweepsWhatKillLeft() throws Exception {
        Process first = window();
        Path dir = awaitDataDirectory();
        first.destroy(); // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the window ends on SIGTERM").isTrue();
        assertThat(dir).as("its directory went with it (log: %s)", tmp.resolve("window.log")).doesNotExist();

        Process killed = window();
        Path left = awaitDataDirectory();
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: nothing runs
        assertThat(left).as("kill -9 leaves the directory").exists();
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));

        Process next = window();
        try {
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> !Files.exists(left));
        } finally {
            next.destroy();
            next.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(new File(tmp.toFile(), left.getFileName().toString())).doesNotExist();
    }
}
