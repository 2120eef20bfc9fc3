/**
 * The write-ahead log: one file {@code NNNNNN.wal} per memtable, named by the memtable's id, holding
 * every put and delete of that memtable in the order they were applied. It is deleted once the
 * memtable's SSTable is on disk and in the manifest.
 *
 * <h2>Byte format (little-endian)</h2>
 * The file is a sequence of records:
 * <pre>
 * offset  size  field
 * 0       4     payload length N (u32, 3..67108864)
 * 4       4     CRC32C of the payload (u32)
 * 8       1     kind: 1 = put, 2 = delete
 * 9       v     key length (unsigned LEB128 varint, at least 1)
 * 9+v     w     value length (varint; 0 for a delete)
 * ...     K     key bytes
 * ...     V     value bytes
 * </pre>
 *
 * <h2>Durability ({@link lsmviz.engine.types.SyncMode})</h2>
 * {@code NONE}: the record is written to the OS before the put returns. {@code SYNC}: each put
 * fsyncs. {@code GROUP}: each put returns after an fsync that covers it, shared by the puts that
 * waited together.
 *
 * <h2>Recovery</h2>
 * A record that runs past the end of the file, a bad last record that ends exactly at the end of
 * the file, or a zero-filled tail is a <em>torn tail</em>: the crash came mid-append, the put was
 * never acknowledged, and the tail is cut off (and reported). Any other checksum or structure
 * mismatch is corruption ({@link lsmviz.engine.types.CorruptionException}).
 */
package lsmviz.engine.wal;
