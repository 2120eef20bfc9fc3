package lsmviz.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.engine.iterator.ConcatenatingIterator;
import lsmviz.engine.iterator.MergingIterator;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/**
 * The SSTables at one moment, by level, as LevelDB's {@code Version}: L0 newest first, then each
 * level L1..Lmax in key order. Never changed: a flush or a compaction makes a new one, a freeze
 * keeps it.
 *
 * <p>Pins: the current version holds one; every get and scan pins the version it reads (under
 * the state read lock, so that it is still current) and lets go when done. When the last pin
 * goes, the version lets go of its tables ({@link TableFile#unref}), and a table that a
 * compaction made obsolete is deleted once no version holds it.
 */
public final class Version {
    private final Levels levels;
    private final Map<Long, TableFile> files;
    private final List<SSTableReader> level0;
    /** sorted.get(n - 1): the tables of Ln in key order, with their key ranges for binary search. */
    private final List<SortedLevel> sorted;
    private final AtomicInteger pins = new AtomicInteger(1);

    /** One level below L0: tables in key order, no two overlapping. */
    public record SortedLevel(SSTableReader[] tables, byte[][] smallest, byte[][] largest) {
        /** The one table whose key range holds {@code key}, or null: a binary search on the ranges. */
        public SSTableReader tableFor(byte[] key) {
            int lo = 0;
            int hi = tables.length - 1;
            while (lo <= hi) { // the first table whose largest key is >= key
                int mid = (lo + hi) >>> 1;
                if (Bytes.compare(largest[mid], key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return lo < tables.length && Bytes.compare(smallest[lo], key) <= 0 ? tables[lo] : null;
        }
    }

    public Version(Levels levels, Map<Long, TableFile> files) {
        this.levels = levels;
        this.files = Map.copyOf(files);
        this.level0 = levels.level(0).stream().map(t -> reader(t)).toList();
        List<SortedLevel> deeper = new ArrayList<>();
        for (int n = 1; n <= levels.maxLevel(); n++) {
            List<TableMeta> level = levels.level(n);
            SSTableReader[] tables = new SSTableReader[level.size()];
            byte[][] smallest = new byte[level.size()][];
            byte[][] largest = new byte[level.size()][];
            for (int i = 0; i < tables.length; i++) {
                tables[i] = reader(level.get(i));
                smallest[i] = tables[i].info().minKey();
                largest[i] = tables[i].info().maxKey();
            }
            deeper.add(new SortedLevel(tables, smallest, largest));
        }
        this.sorted = List.copyOf(deeper);
        this.files.values().forEach(f -> f.ref(this));
    }

    private SSTableReader reader(TableMeta t) {
        TableFile f = files.get(t.id());
        if (f == null) {
            throw new IllegalStateException("table " + t.id() + " is in a level but has no open file");
        }
        return f.reader();
    }

    public static Version empty(int maxLevels) {
        return new Version(Levels.empty(maxLevels), Map.of());
    }

    public Levels levels() {
        return levels;
    }

    /** L0's tables, newest first. */
    public List<SSTableReader> level0() {
        return level0;
    }

    /** Levels below L0 that a get looks in: L1 first. */
    public List<SortedLevel> sortedLevels() {
        return sorted;
    }

    /** Every table: L0 newest first, then each level in key order (the order a get asks them). */
    public List<TableFile> tables() {
        return levels.all().stream().map(t -> files.get(t.id())).toList();
    }

    /**
     * The tables' records with {@code from <= key < to} (null: open), newest source first: each
     * L0 table, then one concatenating iterator per level (only its tables whose range meets the
     * bounds).
     */
    public List<Iterator<KeyValue>> iterators(byte[] from, byte[] to) {
        List<Iterator<KeyValue>> sources = new ArrayList<>();
        for (SSTableReader t : level0) {
            sources.add(t.iterator(from, to));
        }
        for (SortedLevel level : sorted) {
            List<SSTableReader> inRange = new ArrayList<>();
            for (int i = 0; i < level.tables().length; i++) {
                boolean below = from != null && Bytes.compare(level.largest()[i], from) < 0;
                boolean above = to != null && Bytes.compare(level.smallest()[i], to) >= 0;
                if (!below && !above) {
                    inRange.add(level.tables()[i]);
                }
            }
            if (!inRange.isEmpty()) {
                sources.add(new ConcatenatingIterator(inRange.stream().map(t -> t.iterator(from, to)).iterator()));
            }
        }
        return sources;
    }

    public TableFile file(long id) {
        return files.get(id);
    }

    /** Flush step 4: the new table joins L0 as its newest. */
    public Version withFlushed(TableFile table) {
        Map<Long, TableFile> next = new HashMap<>(files);
        next.put(table.id(), table);
        return new Version(levels.withFlushed(table.meta()), next);
    }

    /** After a compaction: {@code next} levels, made of this version's tables and {@code outputs}. */
    public Version withLevels(Levels next, List<TableFile> outputs) {
        Map<Long, TableFile> all = new HashMap<>(files);
        outputs.forEach(f -> all.put(f.id(), f));
        Map<Long, TableFile> kept = new HashMap<>();
        for (TableMeta t : next.all()) {
            kept.put(t.id(), all.get(t.id()));
        }
        return new Version(next, kept);
    }

    /** Tables of this version that {@code next} does not have. */
    public List<TableFile> droppedIn(Version next) {
        return files.values().stream().filter(f -> next.file(f.id()) == null).toList();
    }

    /** Called under the state read lock, on the current version: it cannot be let go of meanwhile. */
    public Version pin() {
        pins.incrementAndGet();
        return this;
    }

    /** Readers pinning this version now, besides its being current (an estimate for events). */
    public int readers() {
        return Math.max(0, pins.get() - 1);
    }

    /** Pins now: for a version that is no longer current, its readers. */
    public int pins() {
        return pins.get();
    }

    /** A reader is done, or a new version replaced this one: the last one out lets go of the tables. */
    public void unpin() {
        if (pins.decrementAndGet() == 0) {
            files.values().forEach(f -> f.unref(this));
        }
    }

    /** The bytes of live data (the newest version of each key, deleted keys left out): reads every table. */
    public long liveDataBytes() {
        long bytes = 0;
        Iterator<KeyValue> it = MergingIterator.liveOnly(new MergingIterator(iterators(null, null)));
        while (it.hasNext()) {
            KeyValue kv = it.next();
            bytes += kv.key().length + kv.value().length;
        }
        return bytes;
    }
}
