package lsmviz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering of DESIGN.md by scanning the sources: the engine and the CLI use the JDK
 * alone (no JavaFX, no app code, no third-party library), and the engine never imports the CLI.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/lsmviz");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void engineImportsOnlyJdkAndItself() throws IOException {
        List<String> bad = violations(MAIN.resolve("engine"), List.of("java.", "javax.", "lsmviz.engine."));
        assertThat(bad).as("engine imports outside the JDK and lsmviz.engine").isEmpty();
    }

    @Test
    void cliImportsOnlyJdkAndEngine() throws IOException {
        List<String> bad = violations(MAIN.resolve("cli"),
                List.of("java.", "javax.", "lsmviz.engine.", "lsmviz.cli.", "lsmviz.workload."));
        assertThat(bad).as("cli imports outside the JDK, the engine, the workload and itself").isEmpty();
    }

    @Test
    void workloadImportsOnlyJdkAndEngine() throws IOException {
        List<String> bad = violations(MAIN.resolve("workload"), List.of("java.", "javax.", "lsmviz.engine.", "lsmviz.workload."));
        assertThat(bad).as("workload imports outside the JDK, the engine and itself").isEmpty();
    }

    @Test
    void appUsesOnlyTheEnginesPublicFaceNotItsInternals() throws IOException {
        // the window talks to the engine through its API, events, lock table and step gate
        List<String> allowed = List.of("java.", "javax.", "javafx.", "org.controlsfx.", "atlantafx.", "org.kordamp.",
                "com.fasterxml.", "lsmviz.app.", "lsmviz.workload.", "lsmviz.engine.LsmEngine", "lsmviz.engine.Options",
                "lsmviz.engine.Bytes", "lsmviz.engine.EngineSnapshot", "lsmviz.engine.CorruptionException",
                "lsmviz.engine.event.", "lsmviz.engine.lock.LockView", "lsmviz.engine.lock.LockMode",
                "lsmviz.engine.step.", "lsmviz.engine.SyncMode", "lsmviz.engine.KeyValue",
                "lsmviz.engine.inspect.SSTableInfo", "lsmviz.engine.inspect.BlockHandle");
        List<String> bad = violations(MAIN.resolve("app"), allowed);
        assertThat(bad).as("app imports of engine internals").isEmpty();
    }

    @Test
    void scannerSeesForbiddenImports() throws IOException {
        Path tmp = Files.createTempDirectory("layering");
        Files.writeString(tmp.resolve("Bad.java"), "package x;\nimport javafx.scene.Node;\nclass Bad {}\n");
        assertThat(violations(tmp, List.of("java."))).hasSize(1);
    }

    private static List<String> violations(Path dir, List<String> allowed) throws IOException {
        List<String> bad = new ArrayList<>();
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imp = m.group(2);
                    if (allowed.stream().noneMatch(imp::startsWith)) {
                        bad.add(f + ": " + imp);
                    }
                }
            }
        }
        return bad;
    }
}
