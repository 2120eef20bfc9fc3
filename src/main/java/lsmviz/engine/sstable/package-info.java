/**
 * SSTables: immutable, sorted, checksummed files of key/value records (tombstones included),
 * written once by {@link lsmviz.engine.sstable.SSTableWriter} and read through a memory map by
 * {@link lsmviz.engine.sstable.SSTableReader}.
 *
 * <h2>File layout</h2>
 * <pre>
 *   [data block 0] ... [data block n-1] [bloom block] [index block] [footer]
 * </pre>
 * The parts are contiguous: block 0 starts at offset 0, each part starts where the previous one
 * ends, and the footer is the last 56 bytes. All
 * fixed-width integers are <b>big-endian</b> and unsigned in meaning (the format keeps them below
 * 2<sup>31</sup> / 2<sup>63</sup>). {@code varint} is unsigned LEB128 (7 bits per byte, low group
 * first, high bit = more follows), minimal length, at most 5 bytes, value below 2<sup>31</sup>.
 * Every checksum is CRC32C ({@link java.util.zip.CRC32C}) stored as a u32 at the end of its part,
 * computed over all bytes of the part before it; every byte of the file belongs to exactly one
 * checksummed part, so any single changed byte is detected when that part is read.
 *
 * <h2>Data block</h2>
 * A block holds one or more records in strictly increasing unsigned-lexicographic key order. The
 * writer cuts a block before adding a record that would make it (trailer included) longer than
 * the configured block size, so a block exceeds the block size only when it holds a single large
 * record. {@code BlockHandle.length} covers the whole block, trailer included.
 * <table border="1">
 * <caption>Data block of {@code n} entries, {@code L} bytes</caption>
 * <tr><th>Offset in block</th><th>Size</th><th>Field</th></tr>
 * <tr><td>e<sub>i</sub></td><td>1</td><td>kind: {@code 0x01} put, {@code 0x02} tombstone (anything else is corruption)</td></tr>
 * <tr><td>e<sub>i</sub>+1</td><td>1..5</td><td>varint key length {@code k}</td></tr>
 * <tr><td></td><td>1..5</td><td>varint value length {@code v} (always 0 for a tombstone)</td></tr>
 * <tr><td></td><td>k</td><td>key bytes</td></tr>
 * <tr><td></td><td>v</td><td>value bytes</td></tr>
 * <tr><td colspan="3">... entries 0..n-1 back to back, entry 0 at offset 0 ...</td></tr>
 * <tr><td>L-8-4n</td><td>4 &times; n</td><td>u32 offset e<sub>i</sub> of entry i within the block (for binary search)</td></tr>
 * <tr><td>L-8</td><td>4</td><td>u32 entry count n (&ge; 1)</td></tr>
 * <tr><td>L-4</td><td>4</td><td>u32 CRC32C of bytes [0, L-4) of the block</td></tr>
 * </table>
 *
 * <h2>Bloom block</h2>
 * The serialized {@link lsmviz.engine.sstable.BloomFilter} (a cache-line-blocked filter over the
 * XXH64 hashes of all keys of the table, see that class for the probe scheme) followed by its CRC.
 * {@code SSTableInfo.bloomBytes} is the whole block, CRC included.
 * <table border="1">
 * <caption>Bloom block of {@code B} 64-byte filter blocks</caption>
 * <tr><th>Offset in block</th><th>Size</th><th>Field</th></tr>
 * <tr><td>0</td><td>4</td><td>u32 number of filter blocks B (0 = no filter: every key "might" be present)</td></tr>
 * <tr><td>4</td><td>2</td><td>u16 bits per key the filter was built with (0..100)</td></tr>
 * <tr><td>6</td><td>2</td><td>u16 probes per key (1..30; 0 when B = 0)</td></tr>
 * <tr><td>8</td><td>64 &times; B</td><td>filter blocks, each 8 u64 words; bit j of a filter block is bit (j &amp; 63) of word (j &gt;&gt;&gt; 6)</td></tr>
 * <tr><td>8+64B</td><td>4</td><td>u32 CRC32C of bytes [0, 8+64B)</td></tr>
 * </table>
 *
 * <h2>Index block</h2>
 * One handle per data block, in file order. On open the reader checks that the handles tile the
 * data area exactly (block 0 at 0, each block at the previous block's end, the last ending at the
 * bloom block), that keys are ordered within and across handles, and that the entry counts add
 * up to the footer's.
 * <table border="1">
 * <caption>Index block of {@code n} handles, {@code L} bytes</caption>
 * <tr><th>Offset in block</th><th>Size</th><th>Field</th></tr>
 * <tr><td>0</td><td>4</td><td>u32 number of data blocks n (0 for an empty table)</td></tr>
 * <tr><td colspan="3">per data block, back to back:</td></tr>
 * <tr><td></td><td>1..5</td><td>varint first-key length f</td></tr>
 * <tr><td></td><td>f</td><td>first key of the block</td></tr>
 * <tr><td></td><td>1..5</td><td>varint last-key length l</td></tr>
 * <tr><td></td><td>l</td><td>last key of the block</td></tr>
 * <tr><td></td><td>8</td><td>u64 offset of the block in the file</td></tr>
 * <tr><td></td><td>4</td><td>u32 length of the block (trailer included)</td></tr>
 * <tr><td></td><td>4</td><td>u32 entry count of the block</td></tr>
 * <tr><td>L-4</td><td>4</td><td>u32 CRC32C of bytes [0, L-4)</td></tr>
 * </table>
 *
 * <h2>Footer</h2>
 * Fixed size, the last 56 bytes of the file. The
 * reader checks the magic first (a truncated or foreign file fails here), then the CRC, then the
 * version, then that bloom and index tile the file up to the footer.
 * <table border="1">
 * <caption>Footer (56 bytes)</caption>
 * <tr><th>Offset in footer</th><th>Size</th><th>Field</th></tr>
 * <tr><td>0</td><td>8</td><td>u64 bloom block offset</td></tr>
 * <tr><td>8</td><td>4</td><td>u32 bloom block length (CRC included)</td></tr>
 * <tr><td>12</td><td>8</td><td>u64 index block offset (= bloom offset + bloom length)</td></tr>
 * <tr><td>20</td><td>4</td><td>u32 index block length (CRC included; footer offset = index offset + index length)</td></tr>
 * <tr><td>24</td><td>8</td><td>u64 number of records (tombstones included)</td></tr>
 * <tr><td>32</td><td>8</td><td>u64 number of tombstones</td></tr>
 * <tr><td>40</td><td>4</td><td>u32 format version, currently 1</td></tr>
 * <tr><td>44</td><td>8</td><td>u64 magic {@code 0x4C534D5653535431} ("LSMVSST1")</td></tr>
 * <tr><td>52</td><td>4</td><td>u32 CRC32C of footer bytes [0, 52)</td></tr>
 * </table>
 *
 * <h2>Integrity</h2>
 * Footer, bloom and index are verified when the reader opens the file; a data block is verified
 * each time it is read (point lookup, iterator, {@code readBlock}). A checksum mismatch, and any
 * structural impossibility (lengths or offsets past their part, counts that do not add up, keys
 * out of order), throws {@link lsmviz.engine.types.CorruptionException} naming the file, the offset of
 * the damaged part and what was expected; no value is ever returned from data that failed a check.
 * The writer creates the file with {@code CREATE_NEW}, fsyncs it before returning, and deletes it
 * if writing fails. Fsyncing the directory entry is the caller's job.
 */
package lsmviz.engine.sstable;
