package lsmviz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmviz.cli.MainTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SimulateTest {
    private static final Pattern CELL = Pattern.compile("L(\\d+): (\\d+) tables?, ");

    private static Result simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("simulate"));
        args.addAll(List.of(options));
        if (!args.contains("--keys")) {
            args.addAll(List.of("--memtable-size", "16k", "--keys", "5000")); // 163 keys a flush, 500 KB live
        }
        return MainTest.run("", args.toArray(String[]::new));
    }

    /** The rows that show the levels once the policy picks nothing more: the last row after each flush. */
    private static List<String> settled(List<String> out) {
        List<String> rows = new ArrayList<>();
        String last = null;
        for (String line : out) {
            if (line.startsWith("flush ") && !line.startsWith("flushed")) {
                if (last != null) {
                    rows.add(last);
                }
                last = line;
            } else if (line.startsWith("compaction ")) {
                last = line;
            }
        }
        rows.add(last);
        return rows;
    }

    /** Tables per level in a row: index n is Ln. */
    private static int[] tables(String row) {
        int[] count = new int[17];
        Matcher m = CELL.matcher(row.split("  \\(")[0]);
        while (m.find()) {
            count[Integer.parseInt(m.group(1))] = Integer.parseInt(m.group(2));
        }
        return count;
    }

    private static int runs(String row) {
        int[] count = tables(row);
        int runs = count[0];
        for (int n = 1; n < count.length; n++) {
            runs += count[n] > 0 ? 1 : 0;
        }
        return runs;
    }

    private static String line(Result r, String prefix) {
        return r.out().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void leveledKeepsL0BelowItsTriggerAndEveryLevelSorted() {
        Result r = simulate("--compaction", "leveled", "--flushes", "60");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> settled = settled(r.out());
        assertThat(settled).hasSize(60).allSatisfy(row -> assertThat(tables(row)[0]).as(row).isLessThan(4));
        assertThat(r.out()).anyMatch(l -> l.contains("L0+L1 -> L1: L0 has 4 tables (trigger 4)"));
        assertThat(tables(settled.get(59))[2]).as("data reached L2").isPositive();
        assertThat(line(r, "check: ")).matches("check: L1..L7 sorted and disjoint; all \\d+ keys written read back"
                + " at their newest version");
        assertThat(line(r, "write amplification ")).matches("write amplification [2-9]\\.\\d\\d .*");
    }

    @Test
    void theEngineCompactionOptionsShapeTheLevels() {
        Result r = simulate("--flushes", "30", "--l0-trigger", "2", "--level-base", "32k", "--level-multiplier", "3",
                "--max-levels", "3");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(settled(r.out())).allSatisfy(row -> assertThat(tables(row)[0]).as(row).isLessThan(2));
        assertThat(r.out()).anyMatch(l -> l.contains("L0 has 2 tables (trigger 2)"))
                .anyMatch(l -> l.contains("over its target of 96.0 KB"))
                .noneMatch(l -> l.contains("L4:"));
    }

    @Test
    void tieredKeepsTheSortedRunsBelowTheTrigger() {
        Result r = simulate("--compaction", "tiered", "--flushes", "120");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(settled(r.out())).hasSize(120).allSatisfy(row -> assertThat(runs(row)).as(row).isLessThan(4));
        assertThat(r.out()).anyMatch(l -> l.contains("space amplification") && l.contains("% > 200%"))
                .anyMatch(l -> l.contains("sorted runs (trigger 4)"));
        assertThat(line(r, "check: ")).contains("read back at their newest version");

        Result three = simulate("--compaction", "tiered", "--flushes", "60", "--run-trigger", "3", "--max-levels", "1");
        assertThat(three.status()).as(three.err()).isZero();
        assertThat(settled(three.out())).allSatisfy(row -> assertThat(runs(row)).as(row).isLessThan(3));
        assertThat(three.out()).anyMatch(l -> l.contains("with L1 (no empty level above it)"));
    }

    @Test
    void withoutCompactionEveryFlushStaysAnL0Table() {
        Result r = simulate("--compaction", "none", "--flushes", "12", "--memtable-size", "16k", "--keys", "100000");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).noneMatch(l -> l.startsWith("compaction "));
        assertThat(tables(settled(r.out()).get(11))[0]).isEqualTo(12);
        assertThat(line(r, "write amplification ")).startsWith("write amplification 1.00 ");
        assertThat(line(r, "read amplification ")).startsWith("read amplification 12 sorted runs");
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        List<String> a = simulate("--compaction", "tiered", "--flushes", "20", "--seed", "7").out();
        assertThat(simulate("--compaction", "tiered", "--flushes", "20", "--seed", "7").out()).isEqualTo(a);
        assertThat(simulate("--compaction", "tiered", "--flushes", "20", "--seed", "8").out()).isNotEqualTo(a);
    }

    @Test
    void badOptionsExitWithUsage() {
        List<List<String>> bad = List.of(
                List.of("--compaction", "sideways", "--flushes", "3"),
                List.of("--compaction", "leveled"),
                List.of("--flushes", "0"),
                List.of("--flushes", "many"),
                List.of("--flushes", "3", "--l0-trigger", "0"),
                List.of("--flushes", "3", "--max-levels", "17"),
                List.of("--flushes", "3", "--run-trigger", "1"),
                List.of("--flushes", "3", "--record-size", "20000"),
                List.of("--flushes", "3", "--level-base", "lots"),
                List.of("--flushes", "3", "--dir", "/tmp"));
        for (List<String> options : bad) {
            Result r = simulate(options.toArray(String[]::new));
            assertThat(r.status()).as("%s: %s", options, r.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).startsWith("lsmviz: ").contains("usage: lsmviz");
        }
    }
}
