/**
 * The manifest: an append-only file named {@code MANIFEST} in the data directory that says which
 * SSTables are live and in which level.
 *
 * <h2>Byte format (little-endian)</h2>
 * The file is a sequence of records, nothing else. Every record is
 * <pre>
 * offset  size  field
 * 0       4     length of the payload (u32): 17 for types 1 and 2, 1 to 16 MiB for type 3
 * 4       4     CRC32C of the payload (u32)
 * 8       ...   the payload, whose first byte is its type
 * </pre>
 * Type 1, SSTable added (a flush), and type 2, SSTable removed:
 * <pre>
 * 8       1     type: 1 or 2
 * 9       8     SSTable id (u64); the file is {@code <id as 6+ digits>.sst}
 * 17      8     for "added": the id of the memtable it was flushed from (its write-ahead log
 *               {@code <id>.wal} is obsolete from then on); 0 otherwise
 * </pre>
 * Type 3, an edit (a compaction or a trivial move), all of it one change:
 * <pre>
 * 8       1     type: 3
 *         4     A: number of tables added (u32), then A times: SSTable id (u64), level (u8)
 *         4     R: number of tables removed (u32), then R times: SSTable id (u64)
 *         4     P: number of compact pointers moved (u32), then P times: level (u8),
 *               key length (u32), key bytes
 * </pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Replaying the records in order gives the live set: an SSTable is live when the last record
 *       that names it adds it. A table added by type 1 is in level 0; an edit says each added
 *       table's level (a table an edit both removes and adds has moved). Their order of addition
 *       is the tables' age (oldest first). A level's compact pointer is the last one recorded.</li>
 *   <li>Each append is fsynced before the engine makes its change visible: an SSTable is written
 *       and fsynced (and the directory), then its record, then the in-memory state is swapped, and
 *       only then are a compaction's input files deleted.</li>
 *   <li>A torn tail (a partial last record, or a last record whose payload is all zeros because the
 *       crash came after the file grew but before the bytes landed) is cut off at open: that append
 *       never completed, so its change was never visible. Any other mismatch, a bad checksum over
 *       non-zero bytes included, is corruption ({@link lsmviz.engine.types.CorruptionException}): dropping
 *       a table on a flipped bit would lose data.</li>
 *   <li>Types 1 and 2 are written exactly as before levels existed, so a directory written by an
 *       older version opens as all of its tables in level 0.</li>
 * </ul>
 */
package lsmviz.engine.manifest;
