package lsmviz.engine.types;



/**
 * One record as it travels between memtables, SSTables and scans: a key and its value, where a
 * {@code null} value is a tombstone (the key was deleted).
 */
public record KeyValue(byte[] key, byte[] value) {
    public static KeyValue tombstone(byte[] key) {
        return new KeyValue(key, null);
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** Approximate bytes this record takes in a memtable or a block. */
    public int sizeBytes() {
        return key.length + (value == null ? 0 : value.length);
    }

    @Override
    public String toString() {
        return Bytes.display(key) + "=" + (value == null ? "<tombstone>" : Bytes.display(value));
    }
}
