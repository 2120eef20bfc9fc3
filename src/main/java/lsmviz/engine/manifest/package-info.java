/**
 * The manifest: an append-only file named {@code MANIFEST} in the data directory that says which
 * SSTables are live.
 *
 * <h2>Byte format (little-endian)</h2>
 * The file is a sequence of records, nothing else:
 * <pre>
 * offset  size  field
 * 0       4     length of the payload (u32, always 17)
 * 4       4     CRC32C of the payload (u32)
 * 8       1     type: 1 = SSTable added, 2 = SSTable removed
 * 9       8     SSTable id (u64); the file is {@code <id as 6+ digits>.sst}
 * 17      8     for "added": the id of the memtable it was flushed from (its write-ahead log
 *               {@code <id>.wal} is obsolete from then on); 0 otherwise
 * </pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>An SSTable is live when its last record is "added". Replaying the records in order gives
 *       the live set; their order of addition is the tables' age (oldest first).</li>
 *   <li>Each append is fsynced before the engine makes the table visible: an SSTable is written and
 *       fsynced first, then its "added" record, then the in-memory state is swapped.</li>
 *   <li>A torn tail (a partial last record, or a last record whose payload is all zeros because the
 *       crash came after the file grew but before the bytes landed) is cut off at open: that append
 *       never completed, so its table was never visible and its memtable's log was never deleted.
 *       Any other mismatch, a bad checksum over non-zero bytes included, is corruption
 *       ({@link lsmviz.engine.CorruptionException}): dropping a table on a flipped bit would lose
 *       data.</li>
 * </ul>
 */
package lsmviz.engine.manifest;
