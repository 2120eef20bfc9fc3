package lsmviz.engine.inspect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lsmviz.engine.types.KeyValue;

/**
 * Plain facts about a directory at rest, read without opening an engine on it (nothing is
 * changed): what {@code lsmviz dump} shows.
 */
public final class DirectoryFacts {
    private DirectoryFacts() {}

    /**
     * The manifest.
     *
     * @param records                 every good record, in file order
     * @param validLength             bytes up to the end of the last good record
     * @param tornTail                whether bytes after that were cut (a record half written)
     * @param liveSSTablesOldestFirst the tables the records leave live
     * @param flushedMemtables        the memtables those tables were flushed from
     * @param levels                  the level of each live table (0 for L0)
     */
    public record Manifest(List<Entry> records, long validLength, boolean tornTail, List<Long> liveSSTablesOldestFirst,
            Set<Long> flushedMemtables, Map<Long, Integer> levels) {
        /** The level of live table {@code id} (0 when the records do not say: L0). */
        public int levelOf(long id) {
            return levels.getOrDefault(id, 0);
        }

        /** One record: where it starts, and what it says. */
        public record Entry(long offset, String description) {}
    }

    /**
     * One write-ahead log.
     *
     * @param path        the file
     * @param memtableId  the memtable it belongs to
     * @param records     its good records, in order
     * @param validLength bytes up to the end of the last good record
     * @param tornBytes   bytes of a half-written last record after that (0: the log is whole)
     */
    public record Log(Path path, long memtableId, List<KeyValue> records, long validLength, long tornBytes) {
        public boolean tornTail() {
            return tornBytes > 0;
        }
    }
}
