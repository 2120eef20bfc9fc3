package lsmviz.lesson;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.types.Bytes;

/**
 * What a lesson may say and check about the engine's costs, each read from the engine's own
 * counters ({@link LevelsReport}, as {@code LsmEngine.levels(true)} gives it). A lesson's text names
 * one as a placeholder ({@code {writeAmplification}}, or {@code {leveled.writeAmplification}} for
 * the costs a {@code remember} step kept), and the {@code cost} check compares two of them.
 * Amplifications are shown with two decimals, as the level view's footer and the Costs tab show
 * them, so the class can find the narrated number on the screen.
 */
public enum Cost {
    /** (bytes flushes wrote + bytes compactions wrote) / bytes flushes wrote. */
    WRITE_AMPLIFICATION("writeAmplification"),
    /** Sorted runs a get may look in: each L0 table, and each non-empty level below (read amplification). */
    SORTED_RUNS("sortedRuns"),
    /** Bytes of all live SSTables / bytes of the live keys and values in them. */
    SPACE_AMPLIFICATION("spaceAmplification"),
    /** Tables in L0. */
    LEVEL0_TABLES("level0Tables"),
    /** Live SSTables in every level. */
    TABLES("tables"),
    /** Bytes of SSTables that flushes wrote, as "24.1 KB". */
    FLUSHED_BYTES("flushedBytes"),
    /** Bytes of SSTables that compactions wrote. */
    COMPACTED_BYTES("compactedBytes"),
    /** Bytes of all live SSTables. */
    DISK_BYTES("diskBytes"),
    /** Bytes of the live keys and values (the newest version of each key, not deleted). */
    LIVE_BYTES("liveBytes");

    private final String json;

    Cost(String json) {
        this.json = json;
    }

    /** The name a lesson file uses. */
    public String json() {
        return json;
    }

    /** Every name a lesson file may use, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Cost::json).toList();
    }

    /** The cost a lesson file names {@code name}, or null. */
    public static Cost named(String name) {
        for (Cost c : values()) {
            if (c.json.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The cost in {@code r} as a number (bytes for the byte counts; -1 when space was not measured). */
    public double of(LevelsReport r) {
        return switch (this) {
            case WRITE_AMPLIFICATION -> r.writeAmplification();
            case SORTED_RUNS -> r.readAmplification();
            case SPACE_AMPLIFICATION -> r.spaceAmplification();
            case LEVEL0_TABLES -> r.levels().isEmpty() ? 0 : r.levels().get(0).tables();
            case TABLES -> r.levels().stream().mapToInt(LevelsReport.Level::tables).sum();
            case FLUSHED_BYTES -> r.flushBytesWritten();
            case COMPACTED_BYTES -> r.compactionBytesWritten();
            case DISK_BYTES -> r.diskBytes();
            case LIVE_BYTES -> r.liveDataBytes();
        };
    }

    /** The cost in {@code r} as the class reads it: "2.13", "3", "24.1 KB". */
    public String text(LevelsReport r) {
        double v = of(r);
        return switch (this) {
            case WRITE_AMPLIFICATION, SPACE_AMPLIFICATION -> v < 0 ? "(not measured)"
                    : String.format(Locale.ROOT, "%.2f", v);
            case SORTED_RUNS, LEVEL0_TABLES, TABLES -> String.valueOf((long) v);
            case FLUSHED_BYTES, COMPACTED_BYTES, DISK_BYTES, LIVE_BYTES -> v < 0 ? "(not measured)" : Bytes.size((long) v);
        };
    }
}
