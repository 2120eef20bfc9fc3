package lsmviz.engine.sstable;

import static lsmviz.engine.sstable.Format.FOOTER_SIZE;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import lsmviz.engine.types.CorruptionException;

/**
 * The last 56 bytes of a table: where the bloom block and the index block are, and how many
 * records the table holds (see the package documentation). {@link #read} checks the magic first
 * (a truncated or foreign file fails there), then the CRC, then the version, then that bloom and
 * index tile the file up to the footer.
 */
record Footer(long bloomOffset, int bloomLength, long indexOffset, int indexLength, long entries,
        long tombstones, long offset) {

    static Footer read(Path path, ByteBuffer m, int fileSize) {
        int fo = fileSize - FOOTER_SIZE;
        long magic = m.getLong(fo + Format.F_MAGIC);
        if (magic != Format.MAGIC) {
            throw new CorruptionException(path, fo, String.format(
                    "footer: bad magic, expected 0x%016x got 0x%016x (not an SSTable, or truncated)", Format.MAGIC, magic));
        }
        int stored = m.getInt(fo + Format.F_CRC);
        int actual = Format.crc(m, fo, Format.F_CRC);
        if (stored != actual) {
            throw new CorruptionException(path, fo, Format.crcMismatch("footer", stored, actual));
        }
        int version = m.getInt(fo + Format.F_VERSION);
        if (version != Format.VERSION) {
            throw new CorruptionException(path, fo, "footer: format version " + version + ", expected " + Format.VERSION);
        }
        Footer f = new Footer(m.getLong(fo + Format.F_BLOOM_OFFSET), m.getInt(fo + Format.F_BLOOM_LENGTH),
                m.getLong(fo + Format.F_INDEX_OFFSET), m.getInt(fo + Format.F_INDEX_LENGTH),
                m.getLong(fo + Format.F_ENTRIES), m.getLong(fo + Format.F_TOMBSTONES), fo);
        if (f.bloomOffset < 0 || f.bloomLength < BloomFilter.HEADER_BYTES + 4 || f.indexLength < 8
                || f.bloomOffset + f.bloomLength != f.indexOffset || f.indexOffset + f.indexLength != fo) {
            throw new CorruptionException(path, fo, "footer: bloom @" + f.bloomOffset + "+" + f.bloomLength
                    + " and index @" + f.indexOffset + "+" + f.indexLength + " do not tile the file up to the footer at "
                    + fo);
        }
        if (f.entries < 0 || f.tombstones < 0 || f.tombstones > f.entries) {
            throw new CorruptionException(path, fo, "footer: impossible counts " + f.entries + " entries / "
                    + f.tombstones + " tombstones");
        }
        return f;
    }

    /** The bloom block, its CRC checked. */
    BloomFilter readBloom(Path path, ByteBuffer m) {
        int bo = (int) bloomOffset;
        int stored = m.getInt(bo + bloomLength - 4);
        int actual = Format.crc(m, bo, bloomLength - 4);
        if (stored != actual) {
            throw new CorruptionException(path, bo, Format.crcMismatch("bloom block", stored, actual));
        }
        byte[] bytes = new byte[bloomLength - 4];
        m.get(bo, bytes);
        try {
            return BloomFilter.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(path, bo, "bloom block: " + e.getMessage());
        }
    }
}
