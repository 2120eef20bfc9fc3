package lsmviz.engine.inspect;

import lsmviz.engine.types.Bytes;

/**
 * Location and summary of one data block.
 *
 * @param blockNo    0-based number of the block in its table
 * @param firstKey   the smallest key in the block (treat as read-only)
 * @param lastKey    the largest key in the block (treat as read-only)
 * @param offset     byte offset of the block in the file
 * @param length     length of the block in bytes, including its trailer (offsets array, count, CRC)
 * @param entryCount number of records (puts and tombstones) in the block
 */
public record BlockHandle(int blockNo, byte[] firstKey, byte[] lastKey, long offset, int length, int entryCount) {
    @Override
    public String toString() {
        return "BlockHandle[#" + blockNo + " " + Bytes.display(firstKey) + ".." + Bytes.display(lastKey)
                + " @" + offset + "+" + length + " entries=" + entryCount + "]";
    }
}
