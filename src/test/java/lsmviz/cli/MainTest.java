package lsmviz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MainTest {
    @TempDir
    Path dir;

    record Result(int status, List<String> out, String err) {}

    static Result run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        return new Result(status, o.isEmpty() ? List.of() : List.of(o.split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shellAnswersEachCommandInTheDocumentedFormat() {
        Result r = run("""
                put b 2
                put a 1
                put c 3
                get a
                get zz
                delete b
                scan
                scan a c
                scan b
                freeze
                flush
                flush
                """, "shell", "--dir", dir.toString(), "--flush-mode", "manual");
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsExactly(
                "OK", "OK", "OK",
                "1", "(nil)",
                "OK",
                "a=1", "c=3", "(2 entries)",
                "a=1", "(1 entries)",
                "c=3", "(1 entries)",
                "OK", "OK", "OK");
    }

    @Test
    void malformedCommandsAnswerErrAndTheShellGoesOn() {
        Result r = run("""
                frobnicate
                put onlykey
                get
                scan a b c
                put k v
                get k
                """, "shell", "--dir", dir.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).hasSize(6);
        assertThat(r.out().subList(0, 4)).allSatisfy(l -> assertThat(l).startsWith("ERR "));
        assertThat(r.out().get(0)).contains("unknown command 'frobnicate'");
        assertThat(r.out().get(1)).contains("put KEY VALUE");
        assertThat(r.out().subList(4, 6)).containsExactly("OK", "v");
    }

    @Test
    void endOfInputClosesCleanlyAndDataSurvivesTheNextShell() {
        run("put k1 v1\nput k2 v2\ndelete k1\n", "shell", "--dir", dir.toString());
        Result r = run("get k1\nget k2\nstats\n", "shell", "--dir", dir.toString());
        assertThat(r.out().subList(0, 2)).containsExactly("(nil)", "v2");
        assertThat(r.out().get(2)).contains("sstables: 1");
    }

    @Test
    void crashEndsTheSessionWithCrashedAndTheNextOpenRecoversWhatTheCrashKept() {
        Result power = run("put k1 v1\nput k2 v2\ncrash power\nput k3 v3\n", "shell", "--dir", dir.toString(),
                "--sync", "none");
        assertThat(power.status()).isZero();
        assertThat(power.out()).startsWith("OK", "OK", "CRASHED");
        assertThat(String.join("\n", power.out())).contains("2 writes in the write-ahead logs lost")
                .doesNotContain("k3");
        Result dump = run("", "dump", "--dir", dir.toString());
        assertThat(String.join("\n", dump.out())).contains("write-ahead logs: 0");
        assertThat(run("get k1\n", "shell", "--dir", dir.toString()).out()).containsExactly("(nil)");

        Result process = run("put k1 v1\nput k2 v2\ncrash process\n", "shell", "--dir", dir.toString(), "--sync",
                "none");
        assertThat(process.out()).contains("CRASHED");
        assertThat(String.join("\n", run("", "dump", "--dir", dir.toString()).out())).contains("put k1=v1", "put k2=v2");
        assertThat(run("get k1\nget k2\n", "shell", "--dir", dir.toString()).out()).containsExactly("v1", "v2");
        assertThat(run("crash sideways\nget k1\n", "shell", "--dir", dir.toString()).out().get(0))
                .startsWith("ERR usage: crash process|power");
    }

    @Test
    void smallMemtableOptionMakesSSTablesThatDumpShows() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            in.append("put key").append(String.format("%04d", i)).append(" value").append(i).append('\n');
        }
        // No compaction: with it, how many of the flushed tables are still live when the shell
        // ends depends on whether the compactor merged them first (CI saw exactly 5 once).
        Result shell = run(in.toString(), "shell", "--dir", dir.toString(), "--memtable-size", "1k",
                "--block-size", "256", "--compaction", "none");
        assertThat(shell.status()).isZero();
        Result dump = run("", "dump", "--dir", dir.toString());
        assertThat(dump.status()).isZero();
        String text = String.join("\n", dump.out());
        assertThat(text).contains("manifest:", "live sstables:", "data blocks:", "bloom:", "index:", "footer:");
        long tables = dump.out().stream().filter(l -> l.startsWith("sstable #")).count();
        assertThat(tables).isGreaterThan(5);
        assertThat(dump.out().stream().filter(l -> l.strip().startsWith("block ")).count()).isGreaterThan(tables);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheProblem() {
        Result r = run("", "shell", "--dir", dir.toString(), "--memtable-size", "12");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("memtableSizeBytes = 12", "1024");
        assertThat(run("", "shell").err()).contains("--dir DIR is required");
        assertThat(run("", "shell", "--dir", dir.toString(), "--colour", "red").err()).contains("unknown option --colour");
        assertThat(run("", "launch").status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("", "shell", "--dir", dir.toString(), "--flush-mode", "sometimes").err())
                .contains("background or manual");
    }

    @Test
    void corruptedTableMakesTheShellExitWithStatusTwo() throws Exception {
        run("put a 1\nput b 2\n", "shell", "--dir", dir.toString());
        Path sst;
        try (var files = Files.list(dir)) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        bytes[1] ^= 0x40; // inside the first data block
        Files.write(sst, bytes);
        Result r = run("get a\n", "shell", "--dir", dir.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_CORRUPTION);
        assertThat(r.out()).noneMatch(l -> l.equals("1"));
        assertThat(r.out().get(0) + r.err()).contains(sst.getFileName().toString());
    }

    @Test
    void benchPrintsDbBenchLinesWithTheSkipListRatio() {
        Result r = run("", "bench", "--num", "3000", "--memtable-size", "64k", "--dir", dir.resolve("b").toString());
        assertThat(r.status()).as(r.err()).isZero();
        for (String name : List.of("fillseq", "fillrandom", "readrandom")) {
            assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith(name).contains("micros/op", "skiplist", "ratio"));
        }
        assertThat(r.out()).anySatisfy(l -> assertThat(l).contains("of 3000 found"));
    }

    @Test
    void benchRepeatReportsTheMedianOfItsRuns() {
        Result r = run("", "bench", "--num", "2000", "--memtable-size", "32k", "--repeat", "3",
                "--benchmarks", "fillseq,fillrandom,readrandom", "--dir", dir.resolve("r").toString());
        assertThat(r.status()).as(r.err()).isZero();
        for (String name : List.of("fillseq", "fillrandom", "readrandom")) {
            assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith(name).endsWith("(median of 3 runs)"));
        }
        // the store read is the last fill's: every key it wrote is found
        assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith("readrandom").contains("of 2000 found"));
        Result bad = run("", "bench", "--repeat", "0", "--dir", dir.resolve("r0").toString());
        assertThat(bad.status()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void benchCountsEveryEventAndComparesInPairedRuns() {
        for (String listener : List.of("count", "count-each")) {
            Result r = run("", "bench", "--num", "2000", "--memtable-size", "32k", "--benchmarks", "fillseq,readrandom",
                    "--listener", listener, "--dir", dir.resolve(listener).toString());
            assertThat(r.status()).as(r.err()).isZero();
            String counted = r.out().stream().filter(l -> l.startsWith("events counted: ")).findFirst().orElseThrow();
            // five events for each of 4,000 puts (fillseq, then the store readrandom reads) and 2,000 gets
            assertThat(Long.parseLong(counted.substring("events counted: ".length()))).as(listener)
                    .isGreaterThanOrEqualTo(5L * 6000);
        }
        Result r = run("", "bench", "--num", "2000", "--memtable-size", "32k", "--repeat", "3", "--benchmarks",
                "fillseq,fillrandom,readrandom", "--listener", "compare", "--dir", dir.resolve("cmp").toString());
        assertThat(r.status()).as(r.err()).isZero();
        for (String name : List.of("fillseq", "fillrandom", "readrandom")) {
            assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith(name).contains("skiplist"));
            assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith(name)
                    .matches(".*micros/op with the counting listener \\| cost [-+]\\d+\\.\\d% \\(median of 1500 pairs of blocks of 2 ops\\)"));
        }
        assertThat(r.out().stream().filter(l -> l.trim()
                .matches("pairs' middle half [-+]\\d+\\.\\d% to [-+]\\d+\\.\\d%; all blocks' time [-+]\\d+\\.\\d%; allocated \\d+/\\d+ bytes per op"))).hasSize(3);
        // the listener heard half of each run: 1,000 of the 2,000 puts or gets, five events each,
        // three runs of three benchmarks, plus the freezes and flushes it saw
        String counted = r.out().stream().filter(l -> l.startsWith("events counted: ")).findFirst().orElseThrow();
        assertThat(Long.parseLong(counted.substring("events counted: ".length()))).isBetween(45_000L, 50_000L);
        // the window's own listener, as the bench models it, at the detail it asks for at full speed
        Result q = run("", "bench", "--num", "2000", "--memtable-size", "32k", "--benchmarks", "fillseq,readrandom",
                "--listener", "compare-queue", "--detail", "structure", "--dir", dir.resolve("queue").toString());
        assertThat(q.status()).as(q.err()).isZero();
        assertThat(q.out()).anySatisfy(l -> assertThat(l).contains("listener none and queueing", "detail structure"));
        for (String name : List.of("fillseq", "readrandom")) {
            assertThat(q.out()).anySatisfy(l -> assertThat(l).startsWith(name)
                    .matches(".*micros/op with the queueing listener \\| cost [-+]\\d+\\.\\d% \\(median of 500 pairs of blocks of 2 ops\\)"));
        }
        Result bad = run("", "bench", "--listener", "loud", "--dir", dir.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("--listener", "loud");
    }

    @Test
    void benchComparesTheHooksWithTwoCopiesOfTheEngineInOneProcess() {
        Result r = run("", "bench", "--num", "2000", "--memtable-size", "32k", "--repeat", "2", "--hooks", "compare",
                "--dir", dir.resolve("hooks").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).anySatisfy(l -> assertThat(l).contains("hooks on and compiled out"));
        for (String name : List.of("fillseq", "fillrandom", "readrandom")) {
            assertThat(r.out()).anySatisfy(l -> assertThat(l).startsWith(name).matches(".*micros/op with hooks, no listener"
                    + " \\| compiled out \\d+\\.\\d+ micros/op \\| cost [-+]\\d+\\.\\d% \\(median of 2000 pairs of blocks of 2 ops\\)"));
        }
        assertThat(System.getProperty("lsmviz.events")).as("the switch is as it was").isNull();
        assertThat(dir.resolve("hooks")).isEmptyDirectory();

        for (String[] wrong : List.of(new String[] {"--hooks", "loud"}, new String[] {"--hooks", "compare", "--listener", "count"},
                new String[] {"--hooks", "compare", "--benchmarks", "readseq"}, new String[] {"--listener", "compare", "--num", "1"})) {
            List<String> args = new java.util.ArrayList<>(List.of("bench", "--dir", dir.resolve("bad").toString()));
            args.addAll(List.of(wrong));
            if (!args.contains("--num")) {
                args.addAll(List.of("--num", "100"));
            }
            Result bad = run("", args.toArray(String[]::new));
            assertThat(bad.status()).as(String.join(" ", wrong)).isEqualTo(Main.EXIT_USAGE);
            assertThat(bad.err()).contains(wrong[wrong.length - 1]);
        }
    }

    @Test
    void sizesAcceptBinaryUnits() {
        assertThat(Args.parseSize("x", "4k")).isEqualTo(4096);
        assertThat(Args.parseSize("x", "2MiB")).isEqualTo(2L << 20);
        assertThat(Args.parseSize("x", "1g")).isEqualTo(1L << 30);
        assertThat(Args.parseSize("x", "123")).isEqualTo(123);
    }
}
