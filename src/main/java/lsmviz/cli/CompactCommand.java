package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;

/** {@code compact --dir DIR}: compacts a directory fully and prints its levels before and after. */
final class CompactCommand {
    private CompactCommand() {}

    static int run(Path dir, Options options, PrintStream out) throws IOException, InterruptedException {
        try (LsmEngine engine = LsmEngine.open(dir, options)) {
            out.println("before:");
            engine.levels(true).lines().forEach(line -> out.println("  " + line));
            long started = System.nanoTime();
            engine.compact();
            long millis = (System.nanoTime() - started) / 1_000_000;
            out.println("after (" + millis + " ms):");
            engine.levels(true).lines().forEach(line -> out.println("  " + line));
        }
        return Main.EXIT_OK;
    }
}
