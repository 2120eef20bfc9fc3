package lsmviz.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link EngineDirectoryTest}: tries to open the directory given as the
 * only argument and prints {@code OPENED} or {@code REFUSED: <message>}. It writes nothing.
 */
public final class DirectoryLockProbe {
    private DirectoryLockProbe() {}

    public static void main(String[] args) {
        try (LsmEngine e = LsmEngine.open(Path.of(args[0]), EngineTestSupport.manual(64 * 1024))) {
            System.out.println("OPENED");
        } catch (IOException | RuntimeException e) {
            System.out.println("REFUSED: " + e.getMessage());
        }
    }
}
