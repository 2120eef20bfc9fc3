package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.manual;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.types.CorruptionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineDirectoryTest {
    private static final long BIG = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void secondEngineOnTheSameDirectoryIsRefusedUntilTheFirstCloses() throws IOException {
        try (LsmEngine first = LsmEngine.open(dir, manual(BIG))) {
            first.put(b("a"), b("1"));
            assertThatThrownBy(() -> LsmEngine.open(dir, manual(BIG)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use")
                    .hasMessageContaining(dir.toString());
            // the refused open did not disturb the first engine
            first.put(b("b"), b("2"));
            assertThat(s(first.get(b("a")))).isEqualTo("1");
        }
        try (LsmEngine again = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(again.get(b("a")))).isEqualTo("1");
            assertThat(s(again.get(b("b")))).isEqualTo("2");
        }
    }

    @Test
    void sameDirectoryThroughAnotherPathIsRefusedToo() throws IOException {
        try (LsmEngine first = LsmEngine.open(dir, manual(BIG))) {
            Path other = dir.resolve("sub").resolve("..");
            Files.createDirectories(dir.resolve("sub"));
            assertThatThrownBy(() -> LsmEngine.open(other, manual(BIG))).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void directoryStaysLockedAgainstOtherProcessesAfterARefusedOpenInThisOne() throws Exception {
        try (LsmEngine first = LsmEngine.open(dir, manual(BIG))) {
            assertThat(probeFromAnotherJvm()).startsWith("REFUSED").contains("in use");

            assertThatThrownBy(() -> LsmEngine.open(dir, manual(BIG))).isInstanceOf(IOException.class);
            // Closing the refused open's channel must not drop this process's lock on LOCK.
            assertThat(probeFromAnotherJvm()).as("another process after a refused in-process open")
                    .startsWith("REFUSED").contains("in use");
        }
        assertThat(probeFromAnotherJvm()).isEqualTo("OPENED");
    }

    @Test
    void openThatFailsOnACorruptManifestReleasesTheDirectory() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            for (int i = 0; i < 3; i++) {
                e.put(b("k" + i), b("v"));
                e.freeze();
                e.flushOldest();
            }
        }
        Path manifest = dir.resolve(Manifest.FILE_NAME);
        byte[] good = Files.readAllBytes(manifest);
        byte[] bad = good.clone();
        bad[25 + 9] ^= 1; // the id of the middle record (records are 25 bytes)
        Files.write(manifest, bad);

        assertThatThrownBy(() -> LsmEngine.open(dir, manual(BIG)))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(manifest.toString())
                .hasMessageContaining("offset 25");

        Files.write(manifest, good);
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.snapshot().sstables()).hasSize(3);
            assertThat(s(e.get(b("k1")))).isEqualTo("v");
        }
    }

    @Test
    void tornManifestTailIsCutAtOpenAndTheLostTableIsNotServed() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            e.put(b("kept"), b("1"));
            e.freeze();
            e.flushOldest();
            e.put(b("torn"), b("2"));
            e.freeze();
            e.flushOldest();
        }
        Path manifest = dir.resolve(Manifest.FILE_NAME);
        long size = Files.size(manifest);
        try (var ch = java.nio.channels.FileChannel.open(manifest, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 4);
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(e.snapshot().sstables()).hasSize(1);
            assertThat(s(e.get(b("kept")))).isEqualTo("1");
            assertThat(e.get(b("torn"))).isNull();
            assertThat(Files.size(manifest)).isEqualTo(size - 25);
            e.put(b("after"), b("3"));
        }
        try (LsmEngine e = LsmEngine.open(dir, manual(BIG))) {
            assertThat(s(e.get(b("after")))).isEqualTo("3");
            assertThat(Manifest.read(dir).tornTail()).isFalse();
        }
    }

    /** Starts a JVM that tries to open {@link #dir}; returns what it printed. */
    private String probeFromAnotherJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                DirectoryLockProbe.class.getName(), dir.toString()))
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("probe JVM did not finish in 30 s");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            p.destroyForcibly();
        }
    }
}
