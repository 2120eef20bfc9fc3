package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import lsmviz.engine.inspect.LevelsReport;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;

/** Exact counters behind {@link LevelsReport}: what flushes, compactions and gets have done. */
public final class CompactionStats {
    private final AtomicLong flushBytes = new AtomicLong();
    /** Per output level: bytes read from the level above, from the level itself, written, moved; runs. */
    private final AtomicLongArray readFromAbove;
    private final AtomicLongArray readHere;
    private final AtomicLongArray written;
    private final AtomicLongArray moved;
    private final AtomicLongArray compactions;
    private final LongAdder gets = new LongAdder();
    private final LongAdder tablesProbed = new LongAdder();

    public CompactionStats(int maxLevels) {
        int n = maxLevels + 1;
        readFromAbove = new AtomicLongArray(n);
        readHere = new AtomicLongArray(n);
        written = new AtomicLongArray(n);
        moved = new AtomicLongArray(n);
        compactions = new AtomicLongArray(n);
    }

    public void flushed(long tableBytes) {
        flushBytes.addAndGet(tableBytes);
        written.addAndGet(0, tableBytes);
    }

    /** A compaction into {@code level} read {@code above} + {@code here} bytes and wrote {@code out}. */
    public void compacted(int level, long above, long here, long out) {
        readFromAbove.addAndGet(level, above);
        readHere.addAndGet(level, here);
        written.addAndGet(level, out);
        compactions.incrementAndGet(level);
    }

    public void moved(int level, long bytes) {
        moved.addAndGet(level, bytes);
        compactions.incrementAndGet(level);
    }

    /** A get that reached the SSTables asked {@code tables} of them. */
    public void got(int tables) {
        gets.increment();
        tablesProbed.add(tables);
    }

    public LevelsReport report(Levels levels, CompactionPolicy policy, long liveDataBytes) {
        List<LevelsReport.Level> rows = new ArrayList<>();
        long read = 0;
        long wrote = 0;
        for (int n = 0; n <= levels.maxLevel(); n++) {
            CompactionPolicy.LevelScore s = policy.score(levels, n);
            rows.add(new LevelsReport.Level(n, levels.level(n).size(), levels.bytes(n), s.score(), s.targetBytes(),
                    readFromAbove.get(n), readHere.get(n), written.get(n), compactions.get(n), moved.get(n)));
            read += readFromAbove.get(n) + readHere.get(n);
            if (n > 0) {
                wrote += written.get(n);
            }
        }
        return new LevelsReport(rows, flushBytes.get(), read, wrote, levels.sortedRuns(), gets.sum(),
                tablesProbed.sum(), levels.totalBytes(), liveDataBytes);
    }

    /** A compaction was installed: its bytes into the output level (RocksDB's Rn, Rnp1, W, Moved). */
    public void countIn(Task task, long bytesWritten) {
        int out = task.outputLevel();
        if (task.trivialMove()) {
            moved(out, task.inputBytes());
            return;
        }
        long above = 0;
        long here = 0;
        for (Task.Input in : task.inputs()) {
            long b = in.tables().stream().mapToLong(TableMeta::bytes).sum();
            if (in.level() == out) {
                here += b;
            } else {
                above += b;
            }
        }
        compacted(out, above, here, bytesWritten);
    }
}
