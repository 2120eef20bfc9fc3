package lsmviz.app.session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import lsmviz.engine.LsmEngine;

/**
 * Temporary data directories that a window or a lesson left behind when its process was killed
 * (a crash, kill -9): at start, those that no running engine owns are deleted. The engine's
 * {@code LOCK} file tells: a running window holds it. Only directories untouched for two minutes
 * are looked at (a window that just made one may be about to open its engine), and one without a
 * {@code LOCK} file only once it is an hour old.
 */
public final class StaleDirectories {
    /** The names the window ({@code lsmviz-123}) and the lessons ({@code lsmviz-lesson-id-123}) give. */
    static final Pattern OURS = Pattern.compile("lsmviz-(\\d+|lesson-[a-z0-9-]+-\\d+)");
    static final Duration NO_LOCK_GRACE = Duration.ofHours(1);
    static final Duration GRACE = Duration.ofMinutes(2);

    private StaleDirectories() {}

    /** Deletes the stale directories in {@code tmp}; returns those it deleted. */
    public static List<Path> sweep(Path tmp) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tmp, p -> OURS.matcher(p.getFileName().toString())
                .matches() && Files.isDirectory(p))) {
            for (Path dir : all) {
                if (stale(dir) && Directories.delete(dir) == null) {
                    deleted.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("LSM Visualizer: could not look for leftover directories in " + tmp + ": "
                    + e.getMessage());
        }
        return deleted;
    }

    /** The system's temporary folder. */
    public static List<Path> sweep() {
        return sweep(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static boolean stale(Path dir) {
        try {
            Instant touched = Files.getLastModifiedTime(dir).toInstant();
            if (Files.exists(dir.resolve("LOCK"))) {
                return touched.isBefore(Instant.now().minus(GRACE)) && !LsmEngine.isInUse(dir);
            }
            return touched.isBefore(Instant.now().minus(NO_LOCK_GRACE));
        } catch (IOException e) {
            return false; // not ours to judge: leave it
        }
    }
}
