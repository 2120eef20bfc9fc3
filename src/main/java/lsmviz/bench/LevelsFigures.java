package lsmviz.bench;

import java.io.PrintStream;
import java.util.Locale;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.types.Bytes;

/** What the levels cost after a fill, and {@code compact} as a benchmark: {@link Bench}'s compaction figures. */
final class LevelsFigures {
    private LevelsFigures() {}

    /**
     * Waits (up to ten minutes each) until the flusher has written every frozen memtable (the
     * active one stays in memory) and the compactor is done: the store at rest, as db_bench reads
     * it after a fill. False if interrupted.
     */
    static boolean settle(LsmEngine engine) {
        try {
            engine.awaitFlushes(600_000);
            engine.awaitCompactions(600_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * After a fill: waits until the flusher and the compactor are done (not timed, as db_bench
     * reports a fill), then prints the levels' cost: write amplification, tables, bytes on disk
     * against the live data, sorted runs. False if interrupted.
     */
    static boolean atRest(PrintStream out, LsmEngine engine) {
        long t0 = System.nanoTime();
        if (!settle(engine)) {
            return false;
        }
        long waited = (System.nanoTime() - t0) / 1_000_000;
        LevelsReport l = engine.levels(true);
        int tables = l.levels().stream().mapToInt(LevelsReport.Level::tables).sum();
        out.printf(Locale.ROOT, "%-12s   at rest after %d ms more: write amplification %.2f, %d tables in %d sorted runs,"
                + " %s on disk, %s live (space amplification %.2f)%n", "", waited, l.writeAmplification(), tables,
                l.readAmplification(), Bytes.size(l.diskBytes()), Bytes.size(l.liveDataBytes()), l.spaceAmplification());
        out.flush();
        return true;
    }

    /** compact: compacts {@code filled} into one level; MB/s of input read. False if interrupted. */
    static boolean compact(PrintStream out, LsmEngine filled) {
        if (!atRest(out, filled)) {
            return false;
        }
        LevelsReport before = filled.levels(false);
        long t0 = System.nanoTime();
        try {
            filled.compact();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LevelsReport after = filled.levels(false);
        long read = after.compactionBytesRead() - before.compactionBytesRead();
        long written = after.compactionBytesWritten() - before.compactionBytesWritten();
        out.printf(Locale.ROOT, "%-12s : %10.3f s; %7.1f MB/s | read %s, wrote %s; %d sorted runs before, %d after%n",
                "compact", seconds, read / seconds / (1024.0 * 1024.0), Bytes.size(read), Bytes.size(written),
                before.readAmplification(), after.readAmplification());
        out.flush();
        return true;
    }
}
