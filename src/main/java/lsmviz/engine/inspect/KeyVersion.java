package lsmviz.engine.inspect;

/**
 * One version of a key the engine still stores: where it is (a memtable, or an SSTable on a
 * level) and what it says (a value, or a tombstone that hides every older version).
 *
 * @param level the SSTable's level, or -1 for a memtable
 * @param id the memtable's or the SSTable's id
 * @param value the value, or null for a tombstone
 */
public record KeyVersion(int level, long id, byte[] value) {
    public boolean inMemtable() {
        return level < 0;
    }

    public boolean tombstone() {
        return value == null;
    }

    /** "memtable #4" or "SSTable #57 in L1". */
    public String where() {
        return inMemtable() ? "memtable #" + id : "SSTable #" + id + " in L" + level;
    }
}
