package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import lsmviz.bench.Bench;
import lsmviz.engine.types.CorruptionException;

/**
 * The command line: {@code java -cp target/classes lsmviz.cli.Main COMMAND [options]}. Uses the JDK
 * and the engine alone.
 *
 * <p>Exit status: 0 success, 2 corruption found, 64 bad usage, 1 any other failure.
 */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CORRUPTION = 2;
    static final int EXIT_USAGE = 64;

    static final String USAGE = """
            usage: lsmviz COMMAND [options]
              shell --dir DIR [engine options]   read commands from standard input, one per line:
                                                 put K V | get K | delete K | scan [FROM [TO]] |
                                                 freeze | flush | compact | levels | stats | help
              dump  --dir DIR [--limit N]        manifest, SSTables with their blocks, index and bloom,
                                                 write-ahead logs with their first N records (0: all)
              compact --dir DIR [engine options] compact everything into one level; print the
                                                 levels before and after
              load  --dir DIR --count N [--start S] [--value-size B] [--threads T] [engine options]
                                                 write keys k<S..S+N-1 as 16 digits>, print "acked n"
              verify --dir DIR [--expect-count N] [--start S] [--value-size B]
                                                 check every checksum, and the keys a load wrote;
                                                 exit 0 ok, 1 key missing or wrong, 2 corruption
              workload --dir DIR [--seconds S] [--writers W] [--readers R] [--rate OPS]
                    [--distribution sequential|uniform|zipfian] [--keys N] [--value-size B]
                                                 the window's workload generator, headless: ops/s
              bench [--num N] [--value-size B] [--threads T]
                    [--benchmarks fillseq,fillrandom,overwrite,readrandom,readseq,compact,fillsync]
                    [--listener none|count|count-each|queue|compare|compare-queue]
                    [--detail all|structure] [--hooks on|compare]
                    [--repeat R] [--dir DIR] [engine options]
              simulate --flushes N [--compaction leveled|tiered|none] [--memtable-size SIZE]
                    [--sstable-size SIZE] [--record-size B] [--keys K] [--seed S]
                    [--l0-trigger N] [--level-base SIZE] [--level-multiplier N] [--max-levels N]
                    [--max-space-amp PCT] [--size-ratio PCT] [--run-trigger N]
                                                 a compaction policy alone, no files: N flushes of
                                                 random keys, the levels after every step, then
                                                 write, read and space amplification
            engine options:
              --memtable-size SIZE   (default 4m)    --block-size SIZE     (default 4k)
              --sstable-size SIZE    (default 2m)    --max-immutable N     (default 4)
              --bloom-bits N         (default 10)    --flush-mode background|manual
              --sync none|sync|group (default group: puts share fsyncs)
              --compaction leveled|tiered|none (default leveled; manual flush mode: no background
                                     compaction)
              --l0-trigger N (4)     --l0-slowdown N (8)   --l0-stop N (12)
              --level-base SIZE      (default 10 x memtable size)
              --level-multiplier N   (default 10)    --max-levels N        (default 7)
            SIZE is bytes, or a number with k, m or g (binary units).
            """;

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Args a = new Args(rest);
            switch (command) {
                case "shell" -> {
                    var dir = a.requireDir();
                    var options = a.engineOptions();
                    a.rejectUnused();
                    return new Shell(dir, options, in, out).run();
                }
                case "dump" -> {
                    var dir = a.requireDir();
                    int limit = (int) a.number("limit", 10, 0, Integer.MAX_VALUE);
                    a.rejectUnused();
                    return Dump.run(dir, limit, out);
                }
                case "compact" -> {
                    var dir = a.requireDir();
                    var options = a.engineOptions();
                    a.rejectUnused();
                    return CompactCommand.run(dir, options, out);
                }
                case "load" -> {
                    Load load = new Load(a, out);
                    a.rejectUnused();
                    return load.run();
                }
                case "verify" -> {
                    Verify verify = new Verify(a, out);
                    a.rejectUnused();
                    return verify.run();
                }
                case "workload" -> {
                    RunWorkload w = new RunWorkload(a, out);
                    a.rejectUnused();
                    return w.run();
                }
                case "bench" -> {
                    var config = BenchCommand.parse(a);
                    a.rejectUnused();
                    return new Bench(config, out).run() ? EXIT_OK : EXIT_FAILURE;
                }
                case "simulate" -> {
                    Simulate simulate = new Simulate(a, out);
                    a.rejectUnused();
                    return simulate.run();
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("lsmviz: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (CorruptionException e) {
            err.println("lsmviz: " + e.getMessage());
            return EXIT_CORRUPTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lsmviz: interrupted");
            return EXIT_FAILURE;
        } catch (java.nio.file.FileSystemException e) {
            err.println("lsmviz: " + describe(e));
            return EXIT_FAILURE;
        } catch (IOException | RuntimeException e) {
            err.println("lsmviz: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** The JDK says only the path ("DIR/000003.sst"): say what went wrong with it as well. */
    static String describe(java.nio.file.FileSystemException e) {
        String what;
        if (e instanceof java.nio.file.NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
            what = "already exists (and is in the way)";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof java.nio.file.NotDirectoryException) {
            what = "is not a directory";
        } else {
            what = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        }
        String file = e.getFile() == null ? "" : e.getFile() + ": ";
        String other = e.getOtherFile() == null ? "" : " (with " + e.getOtherFile() + ")";
        return file + what + other;
    }

    /** Bad command-line words: the message says which and why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
