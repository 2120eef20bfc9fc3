package lsmviz.engine.inspect;

import java.nio.file.Path;
import java.util.List;
import lsmviz.engine.types.Bytes;

/**
 * Everything known about one SSTable file (all plain data). Byte arrays are shared with the
 * reader that produced this record and must be treated as read-only.
 *
 * @param id              the table id the engine gave it (not stored in the file)
 * @param path            the file
 * @param fileSize        size of the file in bytes
 * @param entryCount      records in the table, tombstones included
 * @param tombstoneCount  tombstones among them
 * @param minKey          smallest key, {@code null} for an empty table
 * @param maxKey          largest key, {@code null} for an empty table
 * @param blocks          the data blocks in file order (unmodifiable)
 * @param bloomOffset     offset of the bloom block
 * @param bloomBytes      length of the bloom block including its CRC
 * @param bloomBitsPerKey bits per key the bloom filter was built with (0 = no filter)
 * @param bloomHashes     probes per key of the bloom filter
 * @param indexOffset     offset of the index block
 * @param indexBytes      length of the index block including its CRC
 * @param footerOffset    offset of the footer
 * @param footerBytes     length of the footer (always 56)
 */
public record SSTableInfo(long id, Path path, long fileSize, long entryCount, long tombstoneCount,
        byte[] minKey, byte[] maxKey, List<BlockHandle> blocks,
        long bloomOffset, int bloomBytes, int bloomBitsPerKey, int bloomHashes,
        long indexOffset, int indexBytes, long footerOffset, int footerBytes) {

    public SSTableInfo {
        blocks = List.copyOf(blocks);
    }

    @Override
    public String toString() {
        return "SSTableInfo[id=" + id + " path=" + path + " size=" + fileSize + " entries=" + entryCount
                + " tombstones=" + tombstoneCount + " keys=" + Bytes.display(minKey) + ".." + Bytes.display(maxKey)
                + " blocks=" + blocks.size() + " bloom=@" + bloomOffset + "+" + bloomBytes
                + " (" + bloomBitsPerKey + " bits/key, " + bloomHashes + " hashes) index=@" + indexOffset + "+"
                + indexBytes + " footer=@" + footerOffset + "+" + footerBytes + "]";
    }
}
