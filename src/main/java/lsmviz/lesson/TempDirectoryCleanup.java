package lsmviz.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes a run's temporary directory when the run stops. */
final class TempDirectoryCleanup {
    private TempDirectoryCleanup() {}

    /** Deletes a directory tree; returns a message when something was left behind. */
    static String deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return null;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            // deepest first, so each directory is empty by the time its turn comes
            all = s.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return "could not list " + dir + " to delete it: " + MessageText.describe(e);
        }
        String problem = null;
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                problem = "could not delete " + p + ": " + MessageText.describe(e);
            }
        }
        return problem;
    }
}
