package lsmviz.cli;

import static lsmviz.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmviz.cli.MainTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's levels and compaction: shell compact/levels, compact --dir, dump's levels, options, damage. */
@Timeout(120)
class CompactionCommandsTest {
    private static final Pattern LEVEL = Pattern.compile("L(\\d+): (\\d+) tables?, .*");

    @TempDir
    Path dir;

    /** Puts n keys through the shell with small memtables, flushing as it goes (manual mode: nothing compacts). */
    private Result fill(int n, String... more) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < n; i++) {
            in.append("put key").append(String.format("%05d", (i * 7919) % n)).append(" value-").append(i).append('\n');
            if (i % 50 == 49) {
                in.append("freeze\nflush\n");
            }
        }
        in.append(String.join("\n", more)).append('\n');
        return run(in.toString(), "shell", "--dir", dir.toString(), "--flush-mode", "manual",
                "--memtable-size", "4k", "--block-size", "1k");
    }

    /** The levels that hold tables, in {@code lines} of a levels answer. */
    private static List<Integer> levelsWithTables(List<String> lines) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String l : lines) {
            Matcher m = LEVEL.matcher(l.strip());
            if (m.matches() && Integer.parseInt(m.group(2)) > 0) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private static int tablesIn(List<String> lines, int level) {
        for (String l : lines) {
            Matcher m = LEVEL.matcher(l.strip());
            if (m.matches() && Integer.parseInt(m.group(1)) == level) {
                return Integer.parseInt(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void shellCompactMergesEveryTableIntoOneLevelAndLevelsSaysSo() {
        Result r = fill(400, "levels", "compact", "levels", "get key00123", "scan key00010 key00012");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> out = r.out();
        List<Integer> ampLines = new java.util.ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("write amplification")) {
                ampLines.add(i);
            }
        }
        assertThat(ampLines).as("two levels answers: " + out).hasSize(2);
        int before = ampLines.get(0);
        int after = ampLines.get(1);
        List<String> first = out.subList(0, before + 1);
        assertThat(tablesIn(first, 0)).as("8 flushes, nothing compacted yet").isEqualTo(8);
        assertThat(out.get(before + 1)).as("compact answers").isEqualTo("OK");
        List<String> second = out.subList(before + 2, after + 1);
        assertThat(tablesIn(second, 0)).isZero();
        assertThat(levelsWithTables(second)).as(second.toString()).hasSize(1);
        assertThat(out.get(after + 1)).isEqualTo("value-" + indexOf(123, 400));
        assertThat(out.subList(after + 2, out.size())).containsExactly("key00010=value-" + indexOf(10, 400),
                "key00011=value-" + indexOf(11, 400), "(2 entries)");
    }

    /** The put number that wrote key {@code k} in {@link #fill}. */
    private static int indexOf(int k, int n) {
        for (int i = 0; i < n; i++) {
            if ((i * 7919) % n == k) {
                return i;
            }
        }
        throw new AssertionError(k);
    }

    @Test
    void compactDirPrintsLevelsBeforeAndAfterAndDumpShowsEachTablesLevel() {
        assertThat(fill(400).status()).isZero();
        Result c = run("", "compact", "--dir", dir.toString(), "--memtable-size", "4k", "--block-size", "1k");
        assertThat(c.status()).as(c.err()).isZero();
        int after = c.out().indexOf(c.out().stream().filter(l -> l.startsWith("after")).findFirst().orElseThrow());
        assertThat(c.out().get(0)).isEqualTo("before:");
        assertThat(tablesIn(c.out().subList(0, after), 0)).isEqualTo(8);
        List<String> afterLines = c.out().subList(after, c.out().size());
        assertThat(tablesIn(afterLines, 0)).isZero();
        assertThat(levelsWithTables(afterLines)).as(afterLines.toString()).hasSize(1);

        Result d = run("", "dump", "--dir", dir.toString());
        assertThat(d.status()).as(d.err()).isZero();
        List<String> tables = d.out().stream().filter(l -> l.startsWith("sstable #")).toList();
        assertThat(tables).isNotEmpty().allSatisfy(l -> assertThat(l).matches(".*, level L[1-9]$"));
        assertThat(d.out()).anySatisfy(l -> assertThat(l).contains("edit"));

        Result v = run("", "shell", "--dir", dir.toString(), "--flush-mode", "manual");
        assertThat(v.status()).isZero();
    }

    @Test
    void compactionOptionsAreCheckedLikeTheOthers() {
        Result bad = run("", "shell", "--dir", dir.toString(), "--compaction", "sideways");
        assertThat(bad.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("--compaction expects leveled, tiered or none, found 'sideways'");
        Result zero = run("", "shell", "--dir", dir.toString(), "--l0-trigger", "0");
        assertThat(zero.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(zero.err()).contains("--l0-trigger = 0 is outside the allowed range 1..1000");
        Result order = run("", "shell", "--dir", dir.toString(), "--l0-slowdown", "20", "--l0-stop", "10");
        assertThat(order.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(order.err()).contains("--l0-stop = 10");
        Result mult = run("", "shell", "--dir", dir.toString(), "--level-multiplier", "1");
        assertThat(mult.status()).isEqualTo(Main.EXIT_USAGE);
        Result ok = run("levels\n", "shell", "--dir", dir.toString(), "--compaction", "none", "--l0-trigger", "2",
                "--level-base", "64k", "--max-levels", "3");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("L0: 0 tables, 0 B (score 0.00)");
    }

    @Test
    void aTableTheManifestNamesButTheDirectoryLacksIsDamageWithExitTwoAndAdvice() throws Exception {
        assertThat(fill(200).status()).isZero();
        Path table;
        try (var files = Files.list(dir)) {
            table = files.filter(p -> p.toString().endsWith(".sst")).sorted().findFirst().orElseThrow();
        }
        Files.delete(table);
        for (String command : List.of("shell", "verify")) {
            Result r = run("", command, "--dir", dir.toString());
            assertThat(r.status()).as(command + ": " + r.err()).isEqualTo(Main.EXIT_CORRUPTION);
            assertThat(r.err()).contains(table.getFileName().toString()).contains("missing").contains("restore");
        }
    }

    @Test
    void dirNamingAPlainFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        Result r = run("", "shell", "--dir", file.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).contains(file.toString()).contains("is a file, not a directory");
    }
}
