package lsmviz.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import lsmviz.cli.Main.UsageException;
import lsmviz.engine.compaction.CompactionPolicies;
import lsmviz.engine.compaction.CompactionPolicy;
import lsmviz.engine.compaction.Task;
import lsmviz.engine.state.Key;
import lsmviz.engine.state.Levels;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.CompactionOptions.Style;

/**
 * {@code simulate}: a compaction policy on its own, with no files and no threads (mini-lsm's
 * compaction simulator). Each flush adds one L0 table; then the policy picks and the levels change
 * as it says, until it picks nothing. Every step prints the levels on one row.
 *
 * <p>The model, the same every run for a given {@code --seed}: the keys are the numbers
 * 0..{@code --keys}-1 and every record takes {@code --record-size} bytes. A flush writes
 * {@code --memtable-size} bytes of records: distinct keys drawn uniformly at random, each a new
 * version of its key. A compaction keeps the newest version of each key of its inputs and cuts
 * its output into tables of {@code --sstable-size} bytes; a trivial move writes nothing. There are
 * no deletes, so tombstones are not modelled.
 *
 * <p>At the end, the amplifications:
 * <ul>
 *   <li>write: bytes flushes and compactions wrote, over bytes flushed;</li>
 *   <li>read: the sorted runs a get may look in (each L0 table, each non-empty level);</li>
 *   <li>space: bytes in all tables, over bytes of live data (each key written, once: the model
 *       knows it exactly).</li>
 * </ul>
 * Then a check: each level below L0 is sorted and disjoint, and a read of every key written,
 * looking in L0 newest first and then L1..Lmax, finds the version its last write wrote.
 */
final class Simulate {
    /** A table's records: keys ascending, and the version (the flush that wrote it) of each. */
    private record Records(long[] keys, int[] versions) {
        int versionOf(long key) {
            int i = Arrays.binarySearch(keys, key);
            return i < 0 ? 0 : versions[i];
        }
    }

    private final Style style;
    private final CompactionPolicy policy;
    private final int maxLevels;
    private final int flushes;
    private final long memtableBytes;
    private final long sstableBytes;
    private final int recordBytes;
    private final int keys;
    private final long seed;
    private final PrintStream out;

    /** The records of every table in the levels, by id. */
    private final Map<Long, Records> records = new HashMap<>();
    /** The version of each key's last write; 0: never written. */
    private int[] latest;
    private long nextId = 1;
    private long flushedBytes;
    private long compactedBytes;
    private int compactions;
    private int trivialMoves;
    private int mostRuns;

    Simulate(Args a, PrintStream out) {
        this.out = out;
        String name = a.string("compaction", "leveled").toUpperCase(Locale.ROOT);
        try {
            style = Style.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compaction expects leveled, tiered or none, found '"
                    + name.toLowerCase(Locale.ROOT) + "'");
        }
        flushes = (int) a.number("flushes", -1, 1, 100_000);
        if (flushes < 0) {
            throw new UsageException("--flushes N is required");
        }
        memtableBytes = a.size("memtable-size", 4L << 20);
        sstableBytes = a.size("sstable-size", memtableBytes);
        recordBytes = (int) a.number("record-size", 100, 1, 1 << 20);
        keys = (int) a.number("keys", 1_000_000, 1, 10_000_000);
        seed = a.number("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        if (memtableBytes < recordBytes || sstableBytes < recordBytes) {
            throw new UsageException("--memtable-size and --sstable-size must hold one record of --record-size "
                    + recordBytes + " bytes");
        }
        CompactionOptions options = compactionOptions(a, style);
        maxLevels = options.maxLevels();
        policy = CompactionPolicies.of(options, memtableBytes);
    }

    /** The engine's compaction options, as far as the command line gives them. */
    private static CompactionOptions compactionOptions(Args a, Style style) {
        CompactionOptions d = CompactionOptions.defaults();
        int trigger = (int) a.number("l0-trigger", d.l0Trigger(), 1, 1000);
        long base = a.size("level-base", d.levelBaseBytes());
        int multiplier = (int) a.number("level-multiplier", d.levelMultiplier(), 2, 100);
        int levels = (int) a.number("max-levels", d.maxLevels(), 1, 16);
        int spaceAmp = (int) a.number("max-space-amp", d.maxSpaceAmpPercent(), 1, 100_000);
        int ratio = (int) a.number("size-ratio", d.sizeRatioPercent(), 0, 10_000);
        int runs = (int) a.number("run-trigger", d.runTrigger(), 2, 1000);
        try {
            return d.withStyle(style)
                    .withL0(trigger, Math.max(trigger, d.l0Slowdown()), Math.max(trigger, d.l0Stop()))
                    .withLevels(base, multiplier, levels)
                    .withTiered(spaceAmp, ratio, runs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    int run() {
        latest = new int[keys];
        Random random = new Random(seed);
        int perFlush = (int) Math.min(keys, memtableBytes / recordBytes);
        out.println("simulate " + style.name().toLowerCase(Locale.ROOT) + ": " + flushes + " flushes of "
                + perFlush + " keys (" + Bytes.size((long) perFlush * recordBytes) + ") drawn from " + keys
                + ", tables of " + Bytes.size(sstableBytes) + ", L1..L" + maxLevels + ", seed " + seed);
        Levels levels = Levels.empty(maxLevels);
        for (int flush = 1; flush <= flushes; flush++) {
            levels = levels.withFlushed(flushed(flush, perFlush, random));
            row("flush " + flush, levels, "");
            mostRuns = Math.max(mostRuns, levels.sortedRuns());
            int picks = 0;
            for (Optional<Task> task = policy.pick(levels); task.isPresent(); task = policy.pick(levels)) {
                if (++picks > 10_000) {
                    throw new IllegalStateException("after flush " + flush + " the policy kept picking: " + levels);
                }
                levels = compact(levels, task.get());
                row("compaction " + compactions, levels, "  (" + describe(task.get()) + ")");
            }
        }
        summary(levels);
        check(levels);
        return Main.EXIT_OK;
    }

    /** A flush: distinct random keys, each at version {@code flush}, as one L0 table. */
    private TableMeta flushed(int flush, int count, Random random) {
        long[] drawn = new long[count];
        for (int i = 0; i < count; i++) {
            drawn[i] = random.nextInt(keys);
        }
        long[] distinct = Arrays.stream(drawn).sorted().distinct().toArray();
        int[] versions = new int[distinct.length];
        Arrays.fill(versions, flush);
        for (long k : distinct) {
            latest[(int) k] = flush;
        }
        TableMeta table = table(new Records(distinct, versions));
        flushedBytes += table.bytes();
        return table;
    }

    /** The outputs of {@code task}, merged and cut, and the levels once they replace its inputs. */
    private Levels compact(Levels levels, Task task) {
        compactions++;
        List<TableMeta> outputs = new ArrayList<>();
        if (task.trivialMove()) {
            trivialMoves++;
            outputs.add(task.inputTables().get(0));
        } else {
            outputs.addAll(cut(merged(task)));
            compactedBytes += outputs.stream().mapToLong(TableMeta::bytes).sum();
        }
        CompactionPolicy.Applied applied = policy.apply(levels, task, outputs);
        applied.obsolete().forEach(t -> records.remove(t.id()));
        return applied.levels();
    }

    /** The newest version of each key of the inputs, in key order. */
    private Records merged(Task task) {
        int total = task.inputTables().stream().mapToInt(t -> records.get(t.id()).keys().length).sum();
        long[] packed = new long[total]; // key in the high 32 bits, version in the low: sorts by key, then version
        int n = 0;
        for (TableMeta t : task.inputTables()) {
            Records r = records.get(t.id());
            for (int i = 0; i < r.keys().length; i++) {
                packed[n++] = (r.keys()[i] << 32) | r.versions()[i];
            }
        }
        Arrays.sort(packed);
        long[] keysOut = new long[total];
        int[] versionsOut = new int[total];
        int m = 0;
        for (int i = 0; i < total; i++) {
            boolean newest = i == total - 1 || (packed[i + 1] >>> 32) != (packed[i] >>> 32);
            if (newest) {
                keysOut[m] = packed[i] >>> 32;
                versionsOut[m++] = (int) packed[i];
            }
        }
        return new Records(Arrays.copyOf(keysOut, m), Arrays.copyOf(versionsOut, m));
    }

    /** {@code all} as tables of at most {@code --sstable-size} bytes. */
    private List<TableMeta> cut(Records all) {
        int perTable = (int) Math.max(1, Math.min(Integer.MAX_VALUE, sstableBytes / recordBytes));
        List<TableMeta> tables = new ArrayList<>();
        for (int from = 0; from < all.keys().length; from += perTable) {
            int to = Math.min(all.keys().length, from + perTable);
            tables.add(table(new Records(Arrays.copyOfRange(all.keys(), from, to),
                    Arrays.copyOfRange(all.versions(), from, to))));
        }
        return tables;
    }

    private TableMeta table(Records r) {
        long id = nextId++;
        records.put(id, r);
        int n = r.keys().length;
        return new TableMeta(id, (long) n * recordBytes, n, key(r.keys()[0]), key(r.keys()[n - 1]));
    }

    private static Key key(long k) {
        return Key.of(String.format(Locale.ROOT, "k%010d", k));
    }

    /** "flush 12      L0: 3 tables, 192.0 KB | L1: 10 tables, 640.0 KB": the non-empty levels. */
    private void row(String step, Levels levels, String note) {
        List<String> cells = new ArrayList<>();
        for (int n = 0; n <= levels.maxLevel(); n++) {
            int count = levels.level(n).size();
            if (count > 0) {
                cells.add("L" + n + ": " + count + (count == 1 ? " table, " : " tables, ") + Bytes.size(levels.bytes(n)));
            }
        }
        out.printf(Locale.ROOT, "%-15s %s%s%n", step, cells.isEmpty() ? "no tables" : String.join(" | ", cells), note);
    }

    /** "L0+L1 -> L1: L0 has 4 tables (trigger 4)". */
    private static String describe(Task task) {
        StringBuilder b = new StringBuilder();
        for (Task.Input in : task.inputs()) {
            b.append(b.isEmpty() ? "" : "+").append("L").append(in.level());
        }
        b.append(task.trivialMove() ? " moves to L" : " -> L").append(task.outputLevel()).append(": ").append(task.reason());
        return b.toString();
    }

    private void summary(Levels levels) {
        long live = Arrays.stream(latest).filter(v -> v > 0).count() * recordBytes;
        out.println("flushed " + Bytes.size(flushedBytes) + "; " + compactions + " compactions (" + trivialMoves
                + " trivial moves) wrote " + Bytes.size(compactedBytes));
        out.printf(Locale.ROOT, "write amplification %.2f (bytes flushed and compacted, over bytes flushed)%n",
                (double) (flushedBytes + compactedBytes) / flushedBytes);
        out.println("read amplification " + levels.sortedRuns() + " sorted runs (L0 tables + non-empty levels), "
                + "at most " + mostRuns + " after a flush");
        out.printf(Locale.ROOT, "space amplification %.2f (%s in tables, over %s of live data)%n",
                (double) levels.totalBytes() / live, Bytes.size(levels.totalBytes()), Bytes.size(live));
    }

    /** Levels below L0 sorted and disjoint; every key read back, the way a get looks, at its last write. */
    private void check(Levels levels) {
        for (int n = 1; n <= levels.maxLevel(); n++) {
            List<TableMeta> level = levels.level(n);
            for (int i = 1; i < level.size(); i++) {
                if (level.get(i - 1).largest().compareTo(level.get(i).smallest()) >= 0) {
                    throw new IllegalStateException("L" + n + " is not sorted and disjoint: " + level);
                }
            }
        }
        int written = 0;
        for (int k = 0; k < keys; k++) {
            if (latest[k] > 0) {
                written++;
                int found = read(levels, k);
                if (found != latest[k]) {
                    throw new IllegalStateException("key " + k + ": a read finds the version of flush " + found
                            + ", but flush " + latest[k] + " wrote it last");
                }
            }
        }
        out.println("check: L1..L" + levels.maxLevel() + " sorted and disjoint; all " + written
                + " keys written read back at their newest version");
    }

    /** The version a get finds: the first table holding {@code k}, L0 newest first, then L1..Lmax. */
    private int read(Levels levels, long k) {
        for (TableMeta t : levels.level(0)) {
            int v = records.get(t.id()).versionOf(k);
            if (v > 0) {
                return v;
            }
        }
        for (int n = 1; n <= levels.maxLevel(); n++) {
            List<TableMeta> level = levels.level(n);
            int lo = 0;
            int hi = level.size() - 1;
            while (lo <= hi) { // the one table whose key range may hold k
                int mid = (lo + hi) >>> 1;
                Records r = records.get(level.get(mid).id());
                if (r.keys()[r.keys().length - 1] < k) {
                    lo = mid + 1;
                } else if (r.keys()[0] > k) {
                    hi = mid - 1;
                } else {
                    int v = r.versionOf(k);
                    if (v > 0) {
                        return v;
                    }
                    break;
                }
            }
        }
        return 0;
    }
}
