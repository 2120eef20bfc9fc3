package lsmviz.app.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting the temporary data directories the window made. */
public final class Directories {
    private Directories() {}

    /**
     * Deletes {@code dir} and everything in it; returns what could not be deleted (null when all
     * went), so a caller may tell. A directory that is not there is already deleted.
     */
    public static String delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return null;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return "could not list " + dir + " to delete it: " + e.getMessage();
        }
        String problem = null;
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                problem = "could not delete " + p + ": " + e.getMessage();
            }
        }
        return problem;
    }

    /** As {@link #delete}, for clean-ups nobody waits to hear about (a leftover is only litter in /tmp). */
    public static void deleteQuietly(Path dir) {
        String problem = delete(dir);
        if (problem != null) {
            System.err.println("LSM Visualizer: " + problem);
        }
    }
}
