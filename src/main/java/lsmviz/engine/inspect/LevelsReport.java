package lsmviz.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmviz.engine.types.Bytes;

/**
 * The levels and what compaction has cost, from exact counters (RocksDB's compaction stats are
 * the model). Counters start at zero when the engine opens.
 *
 * @param levels                 one row per level, L0 first
 * @param flushBytesWritten      bytes of SSTables flushes wrote
 * @param compactionBytesRead    bytes of input tables compactions read (trivial moves read none)
 * @param compactionBytesWritten bytes of output tables compactions wrote
 * @param readAmplification      sorted runs a get may look in: L0 tables plus non-empty levels
 * @param gets                   gets that reached the SSTables (not answered by a memtable)
 * @param tablesProbed           SSTables those gets asked (bloom filter first)
 * @param diskBytes              bytes of all live SSTables
 * @param liveDataBytes          key and value bytes of the live records in the SSTables (the newest
 *                               version of each key, not deleted), or -1 when not measured
 */
public record LevelsReport(List<Level> levels, long flushBytesWritten, long compactionBytesRead,
        long compactionBytesWritten, int readAmplification, long gets, long tablesProbed, long diskBytes,
        long liveDataBytes) {

    /**
     * One level.
     *
     * @param level        0 for L0
     * @param tables       its tables now
     * @param bytes        their bytes
     * @param score        how full it is: 1.0 means a compaction is due
     * @param targetBytes  its target size, -1 when it has none (L0, the last level, tiered)
     * @param readFromAbove bytes compactions into this level read from the level above (RocksDB's Rn)
     * @param readHere     bytes they read from this level itself (Rnp1)
     * @param written      bytes they wrote into this level (W); flushes count for L0
     * @param compactions  compactions into this level, trivial moves included
     * @param movedBytes   bytes of tables that moved into this level without being rewritten
     */
    public record Level(int level, int tables, long bytes, double score, long targetBytes, long readFromAbove,
            long readHere, long written, long compactions, long movedBytes) {
        /** W-Amp, as RocksDB has it: bytes written into the level over bytes read from above (0 if none). */
        public double writeAmplification() {
            return readFromAbove == 0 ? 0 : (double) written / readFromAbove;
        }
    }

    public LevelsReport {
        levels = List.copyOf(levels);
    }

    /** (flush + compaction bytes written) / bytes flushed; 0 before the first flush. */
    public double writeAmplification() {
        return flushBytesWritten == 0 ? 0 : (double) (flushBytesWritten + compactionBytesWritten) / flushBytesWritten;
    }

    /** SSTables the average get asked, of those that reached the SSTables. */
    public double tablesPerGet() {
        return gets == 0 ? 0 : (double) tablesProbed / gets;
    }

    /** Bytes on disk over bytes of live data; -1 when live data was not measured or is zero. */
    public double spaceAmplification() {
        return liveDataBytes <= 0 ? -1 : (double) diskBytes / liveDataBytes;
    }

    /**
     * The shell's {@code levels}: "L0: 3 tables, 212.0 KB" for each level that has tables or a
     * target, then one line of amplification.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Level l : levels) {
            if (l.tables() == 0 && l.level() > 0 && l.compactions() == 0) {
                continue;
            }
            StringBuilder b = new StringBuilder("L" + l.level() + ": " + l.tables()
                    + (l.tables() == 1 ? " table, " : " tables, ") + Bytes.size(l.bytes()));
            if (l.targetBytes() > 0) {
                b.append(String.format(Locale.ROOT, " (target %s, score %.2f)", Bytes.size(l.targetBytes()),
                        l.score()));
            } else if (l.level() == 0) {
                b.append(String.format(Locale.ROOT, " (score %.2f)", l.score()));
            }
            if (l.compactions() > 0) {
                b.append(String.format(Locale.ROOT, "; %d compaction%s into it read %s + %s, wrote %s, moved %s",
                        l.compactions(), l.compactions() == 1 ? "" : "s", Bytes.size(l.readFromAbove()), Bytes.size(l.readHere()),
                        Bytes.size(l.written()), Bytes.size(l.movedBytes())));
            }
            out.add(b.toString());
        }
        if (out.isEmpty()) {
            out.add("no tables");
        }
        out.add(amplificationLine());
        return out;
    }

    /** "write amplification 2.31, read amplification 4 runs (1.52 tables per get), space amplification 1.08". */
    public String amplificationLine() {
        String space = spaceAmplification() < 0 ? "not measured"
                : String.format(Locale.ROOT, "%.2f (%s on disk, %s live)", spaceAmplification(), Bytes.size(diskBytes),
                        Bytes.size(liveDataBytes));
        return String.format(Locale.ROOT,
                "write amplification %.2f, read amplification %d sorted runs (%.2f tables per get), "
                        + "space amplification %s",
                writeAmplification(), readAmplification, tablesPerGet(), space);
    }
}
