package lsmviz.engine.types;


/**
 * How the engine compacts its SSTables. Every value is checked when the record is built: a bad one
 * throws an {@link IllegalArgumentException} naming the option, the value and the allowed range.
 *
 * @param style            {@link Style#LEVELED} (LevelDB, RocksDB's default), {@link Style#TIERED}
 *                         (RocksDB's universal compaction) or {@link Style#NONE}
 * @param l0Trigger        leveled: L0 compacts into L1 once it holds this many tables
 * @param l0Slowdown       writers are slowed (a millisecond each) once L0 holds this many tables
 * @param l0Stop           writers stop until compaction catches up once L0 holds this many tables
 * @param levelBaseBytes   leveled: the target size of L1; 0 means ten times the memtable size
 * @param levelMultiplier  leveled: each level's target is this many times the one above
 * @param maxLevels        levels below L0 (L1 to L{@code maxLevels})
 * @param maxSpaceAmpPercent tiered: compact everything once the runs above the oldest hold more
 *                         than this percent of its bytes
 * @param sizeRatioPercent tiered: a run joins the runs newer than it while it is at most this
 *                         percent larger than all of them together (100 + this ratio)
 * @param runTrigger       tiered: compact once there are this many sorted runs
 */
public record CompactionOptions(Style style, int l0Trigger, int l0Slowdown, int l0Stop, long levelBaseBytes,
        int levelMultiplier, int maxLevels, int maxSpaceAmpPercent, int sizeRatioPercent, int runTrigger) {

    /** The compaction styles. */
    public enum Style {
        /** Levels L1..Lmax, each sorted and ten times the one above; L0 merges into L1. */
        LEVELED,
        /** Sorted runs, merged by space amplification, then size ratio, then their number. */
        TIERED,
        /** No compaction: every flush adds an L0 table, and they stay. */
        NONE
    }

    public CompactionOptions {
        if (style == null) {
            throw new IllegalArgumentException("compaction = null is not allowed: use leveled, tiered or none");
        }
        check("l0Trigger", l0Trigger, 1, 1000);
        check("l0Slowdown", l0Slowdown, l0Trigger, 10_000);
        check("l0Stop", l0Stop, l0Slowdown, 10_000);
        check("levelBaseBytes", levelBaseBytes, 0, 1L << 40);
        check("levelMultiplier", levelMultiplier, 2, 100);
        check("maxLevels", maxLevels, 1, 16);
        check("maxSpaceAmpPercent", maxSpaceAmpPercent, 1, 100_000);
        check("sizeRatioPercent", sizeRatioPercent, 0, 10_000);
        check("runTrigger", runTrigger, 2, 1000);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range "
                    + min + ".." + max);
        }
    }

    /** LevelDB's: leveled, L0 trigger 4, slowdown 8, stop 12, L1 ten memtables, each level 10x, 7 levels. */
    public static CompactionOptions defaults() {
        return new CompactionOptions(Style.LEVELED, 4, 8, 12, 0, 10, 7, 200, 1, 4);
    }

    /** The target size of L1 for memtables of {@code memtableSizeBytes}. */
    public long levelBase(long memtableSizeBytes) {
        return levelBaseBytes > 0 ? levelBaseBytes : 10 * memtableSizeBytes;
    }

    public CompactionOptions withStyle(Style v) {
        return new CompactionOptions(v, l0Trigger, l0Slowdown, l0Stop, levelBaseBytes, levelMultiplier, maxLevels,
                maxSpaceAmpPercent, sizeRatioPercent, runTrigger);
    }

    public CompactionOptions withL0(int trigger, int slowdown, int stop) {
        return new CompactionOptions(style, trigger, slowdown, stop, levelBaseBytes, levelMultiplier, maxLevels,
                maxSpaceAmpPercent, sizeRatioPercent, runTrigger);
    }

    public CompactionOptions withLevels(long base, int multiplier, int levels) {
        return new CompactionOptions(style, l0Trigger, l0Slowdown, l0Stop, base, multiplier, levels,
                maxSpaceAmpPercent, sizeRatioPercent, runTrigger);
    }

    public CompactionOptions withTiered(int spaceAmpPercent, int ratioPercent, int trigger) {
        return new CompactionOptions(style, l0Trigger, l0Slowdown, l0Stop, levelBaseBytes, levelMultiplier, maxLevels,
                spaceAmpPercent, ratioPercent, trigger);
    }
}
