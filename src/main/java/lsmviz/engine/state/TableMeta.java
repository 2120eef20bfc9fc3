package lsmviz.engine.state;


/**
 * An SSTable as compaction sees it: plain facts, no file.
 *
 * @param id       the table's number (its file is {@code <id>.sst})
 * @param bytes    the file's size
 * @param entries  records in it, tombstones included
 * @param smallest its smallest key
 * @param largest  its largest key
 */
public record TableMeta(long id, long bytes, long entries, Key smallest, Key largest) {
    public TableMeta {
        if (smallest.compareTo(largest) > 0) {
            throw new IllegalArgumentException("table " + id + ": smallest key " + smallest + " > largest " + largest);
        }
    }

    /** Whether this table's keys and [{@code from}, {@code to}] share any key (both ends included). */
    public boolean overlaps(Key from, Key to) {
        return smallest.compareTo(to) <= 0 && largest.compareTo(from) >= 0;
    }

    public boolean overlaps(TableMeta o) {
        return overlaps(o.smallest, o.largest);
    }
}
