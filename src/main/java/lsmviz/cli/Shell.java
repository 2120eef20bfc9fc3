package lsmviz.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.ScanIterator;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.KeyValue;

/**
 * {@code shell}: one command per input line, one answer per command. A malformed command answers
 * {@code ERR <reason>} and the shell goes on; end of input closes the engine cleanly. {@code crash
 * process} or {@code crash power} simulates that crash instead (the engine is opened with the
 * crashable file layer for it), prints {@code CRASHED} and what the crash did to each file, and
 * ends the session with status 0: the directory is left as the crash leaves it, and opening it
 * again recovers.
 */
final class Shell {
    private static final String HELP = "commands: put K V | get K | delete K | scan [FROM [TO]] | freeze | flush | compact"
            + " | levels | stats | crash process|power | help";

    private final Path dir;
    private final Options options;
    private final InputStream in;
    private final PrintStream out;

    Shell(Path dir, Options options, InputStream in, PrintStream out) {
        this.dir = dir;
        this.options = options;
        this.in = in;
        this.out = out;
    }

    int run() throws IOException {
        try (LsmEngine engine = LsmEngine.openCrashable(dir, options, null)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] words = trimmed.split("\\s+");
                if (words[0].equalsIgnoreCase("crash")) {
                    if (crash(engine, words)) {
                        break;
                    }
                    continue;
                }
                try {
                    execute(engine, words);
                } catch (CorruptionException e) {
                    out.println("ERR " + e.getMessage());
                    out.flush();
                    throw e;
                } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
                    out.println("ERR " + e.getMessage());
                }
                if (!reader.ready()) {
                    out.flush(); // answer before waiting for more input
                }
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private void execute(LsmEngine engine, String[] w) {
        switch (w[0].toLowerCase(java.util.Locale.ROOT)) {
            case "put" -> {
                arity(w, 3, 3, "put KEY VALUE");
                engine.put(Bytes.utf8(w[1]), Bytes.utf8(w[2]));
                out.println("OK");
            }
            case "get" -> {
                arity(w, 2, 2, "get KEY");
                byte[] v = engine.get(Bytes.utf8(w[1]));
                out.println(v == null ? "(nil)" : Bytes.display(v));
            }
            case "delete", "del" -> {
                arity(w, 2, 2, "delete KEY");
                engine.delete(Bytes.utf8(w[1]));
                out.println("OK");
            }
            case "scan" -> {
                arity(w, 1, 3, "scan [FROM [TO]]");
                byte[] from = w.length > 1 ? Bytes.utf8(w[1]) : null;
                byte[] to = w.length > 2 ? Bytes.utf8(w[2]) : null;
                long n = 0;
                try (ScanIterator it = engine.scanInto(from, to)) { // pins its tables until closed
                    for (; it.hasNext(); n++) {
                        KeyValue kv = it.next();
                        out.println(Bytes.display(kv.key()) + "=" + Bytes.display(kv.value()));
                    }
                }
                out.println("(" + n + " entries)");
            }
            case "freeze" -> {
                arity(w, 1, 1, "freeze");
                engine.freeze();
                out.println("OK");
            }
            case "flush" -> {
                arity(w, 1, 1, "flush");
                engine.flushOldest();
                out.println("OK");
            }
            case "compact" -> {
                arity(w, 1, 1, "compact");
                compact(engine);
                out.println("OK");
            }
            case "levels" -> {
                arity(w, 1, 1, "levels");
                engine.levels(true).lines().forEach(out::println);
            }
            case "stats" -> {
                arity(w, 1, 1, "stats");
                out.println(engine.snapshot().summaryLine());
            }
            case "help" -> out.println(HELP);
            default -> throw new IllegalArgumentException("unknown command '" + w[0] + "' (" + HELP + ")");
        }
    }

    /** Crashes the engine as {@code crash KIND} says; false (and ERR) for a malformed command. */
    private boolean crash(LsmEngine engine, String[] w) throws IOException {
        CrashKind kind = w.length != 2 ? null : switch (w[1].toLowerCase(java.util.Locale.ROOT)) {
            case "process" -> CrashKind.PROCESS;
            case "power" -> CrashKind.POWER;
            default -> null;
        };
        if (kind == null) {
            out.println("ERR usage: crash process|power (a process crash keeps what the OS has; a power cut loses"
                    + " what was not fsynced)");
            return false;
        }
        CrashReport report = engine.crash(kind);
        out.println("CRASHED");
        report.describe().forEach(line -> out.println("  " + line));
        return true;
    }

    private static void compact(LsmEngine engine) {
        try {
            engine.compact();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("compact was interrupted");
        }
    }

    private static void arity(String[] w, int min, int max, String usage) {
        if (w.length < min || w.length > max) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }
}
