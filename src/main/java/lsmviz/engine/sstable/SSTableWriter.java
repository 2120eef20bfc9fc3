package lsmviz.engine.sstable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import lsmviz.engine.inspect.BlockHandle;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/** Writes one immutable SSTable file in the format described in the package documentation. */
public final class SSTableWriter {
    private SSTableWriter() {}

    /** Called while a table is written: per record, and when a data block is sealed. Called on the writing thread. */
    public interface Progress {
        /** Does nothing. */
        Progress NONE = new Progress() {
            @Override
            public void recordWritten(long index, byte[] key) {}

            @Override
            public void blockSealed(BlockHandle block) {}
        };

        /**
         * A record was added to the current block.
         *
         * @param index 0-based record number in the table
         * @param key   the record's key (the caller's array; do not modify)
         */
        void recordWritten(long index, byte[] key);

        /** A data block was completed and handed to the file. */
        void blockSealed(BlockHandle block);
    }

    /**
     * Writes all entries (strictly increasing key order, tombstones allowed) into a new file at
     * {@code path} (which must not exist), then fsyncs the file. Data blocks are cut so that a block
     * (trailer included) stays within {@code blockSize} bytes unless it holds a single larger entry.
     * The bloom filter is sized for the real number of entries. An empty iterator produces a valid
     * table with zero blocks. On any failure the partly written file is deleted.
     *
     * @param bloomBitsPerKey 0 (no filter) to 100; 10 gives about 1% false positives
     * @throws IllegalArgumentException if keys are not strictly increasing, a record or key is
     *                                  null, or a size parameter is out of range
     * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
     */
    public static SSTableInfo write(Path path, long id, Iterator<KeyValue> entries,
            int blockSize, int bloomBitsPerKey, Progress progress) throws IOException {
        return write(FileIO.DEFAULT, path, id, entries, blockSize, bloomBitsPerKey, progress);
    }

    /** The same, opening the file through {@code io} (a test seam for write failures). */
    public static SSTableInfo write(FileIO io, Path path, long id, Iterator<KeyValue> entries,
            int blockSize, int bloomBitsPerKey, Progress progress) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(entries, "entries");
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > BloomFilter.MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bloomBitsPerKey " + bloomBitsPerKey + " outside 0.." + BloomFilter.MAX_BITS_PER_KEY);
        }
        Progress p = progress == null ? Progress.NONE : progress;
        // opened outside the cleanup guard: if the file already exists it is not ours to delete
        FileChannel channel = io.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean ok = false;
        try (FileChannel ch = channel) {
            SSTableInfo info = new Builder(ch, path, id, blockSize, bloomBitsPerKey, p).run(entries);
            ch.force(true);
            ok = true;
            return info;
        } finally {
            if (!ok) {
                try {
                    io.delete(path); // through the file layer: after a simulated crash it fails, as a dead process would
                } catch (IOException | RuntimeException suppressed) {
                    // best effort: the original failure is what matters
                }
            }
        }
    }

    private static final class Builder {
        private final FileChannel ch;
        private final Path path;
        private final long id;
        private final int blockSize;
        private final int bitsPerKey;
        private final Progress progress;

        private final ByteBuffer out = ByteBuffer.allocate(1 << 16);
        private long filePos;

        private final Format.Sink block;
        private int[] entryOffsets = new int[64];
        private int blockEntries;
        private byte[] blockFirstKey;
        private final List<BlockHandle> handles = new ArrayList<>();

        private long[] hashes = new long[1024];
        private long count;
        private long tombstones;
        private byte[] prevKey;
        private byte[] minKey;

        Builder(FileChannel ch, Path path, long id, int blockSize, int bitsPerKey, Progress progress) {
            this.ch = ch;
            this.path = path;
            this.id = id;
            this.blockSize = blockSize;
            this.bitsPerKey = bitsPerKey;
            this.progress = progress;
            this.block = new Format.Sink(Math.min(blockSize, 1 << 20) + 64);
        }

        SSTableInfo run(Iterator<KeyValue> entries) throws IOException {
            while (entries.hasNext()) {
                add(entries.next());
            }
            if (blockEntries > 0) {
                seal();
            }
            // bloom block
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many entries for one table: " + count);
            }
            BloomFilter bloom = BloomFilter.build(hashes, (int) count, bitsPerKey);
            long bloomOffset = filePos;
            Format.Sink bloomBlock = new Format.Sink(bloom.sizeBytes() + 4);
            bloomBlock.putBytes(bloom.toBytes());
            bloomBlock.putCrc();
            write(bloomBlock.buf, 0, bloomBlock.size);
            // index block
            long indexOffset = filePos;
            Format.Sink index = new Format.Sink(64 + handles.size() * 48);
            index.putInt(handles.size());
            for (BlockHandle h : handles) {
                index.putVarint(h.firstKey().length);
                index.putBytes(h.firstKey());
                index.putVarint(h.lastKey().length);
                index.putBytes(h.lastKey());
                index.putLong(h.offset());
                index.putInt(h.length());
                index.putInt(h.entryCount());
            }
            index.putCrc();
            write(index.buf, 0, index.size);
            // footer
            long footerOffset = filePos;
            Format.Sink footer = new Format.Sink(Format.FOOTER_SIZE);
            footer.putLong(bloomOffset);
            footer.putInt(bloomBlock.size);
            footer.putLong(indexOffset);
            footer.putInt(index.size);
            footer.putLong(count);
            footer.putLong(tombstones);
            footer.putInt(Format.VERSION);
            footer.putLong(Format.MAGIC);
            footer.putCrc();
            assert footer.size == Format.FOOTER_SIZE;
            write(footer.buf, 0, footer.size);
            flush();
            byte[] maxKey = handles.isEmpty() ? null : handles.get(handles.size() - 1).lastKey();
            return new SSTableInfo(id, path, filePos, count, tombstones, minKey, maxKey, handles,
                    bloomOffset, bloomBlock.size, bloom.bitsPerKey(), bloom.hashCount(),
                    indexOffset, index.size, footerOffset, Format.FOOTER_SIZE);
        }

        private void add(KeyValue kv) throws IOException {
            if (kv == null) {
                throw new IllegalArgumentException("null record at index " + count);
            }
            byte[] key = kv.key();
            if (key == null) {
                throw new IllegalArgumentException("null key at index " + count);
            }
            if (prevKey != null && Bytes.compare(key, prevKey) <= 0) {
                throw new IllegalArgumentException("keys must be strictly increasing: record " + count + " key "
                        + Bytes.display(key) + " follows " + Bytes.display(prevKey));
            }
            byte[] value = kv.value();
            int vlen = value == null ? 0 : value.length;
            long entrySize = 1L + Format.varintSize(key.length) + Format.varintSize(vlen) + key.length + vlen;
            if (blockEntries > 0
                    && block.size + entrySize + 4L * (blockEntries + 1) + Format.BLOCK_TRAILER > blockSize) {
                seal();
            }
            if (blockEntries == 0) {
                blockFirstKey = key.clone();
            }
            if (blockEntries == entryOffsets.length) {
                entryOffsets = Arrays.copyOf(entryOffsets, blockEntries * 2);
            }
            entryOffsets[blockEntries++] = block.size;
            block.putByte(value == null ? Format.KIND_TOMBSTONE : Format.KIND_PUT);
            block.putVarint(key.length);
            block.putVarint(vlen);
            block.putBytes(key);
            if (value != null) {
                block.putBytes(value);
            } else {
                tombstones++;
            }
            if (count == hashes.length) {
                if (hashes.length >= Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("too many entries for one table");
                }
                hashes = Arrays.copyOf(hashes, (int) Math.min(Integer.MAX_VALUE - 8, 2L * hashes.length));
            }
            hashes[(int) count] = BloomFilter.hash(key);
            if (minKey == null) {
                minKey = key.clone();
            }
            prevKey = key;
            progress.recordWritten(count, key);
            count++;
        }

        private void seal() throws IOException {
            for (int i = 0; i < blockEntries; i++) {
                block.putInt(entryOffsets[i]);
            }
            block.putInt(blockEntries);
            block.putCrc();
            BlockHandle h = new BlockHandle(handles.size(), blockFirstKey, prevKey.clone(), filePos, block.size, blockEntries);
            write(block.buf, 0, block.size);
            handles.add(h);
            block.reset();
            blockEntries = 0;
            blockFirstKey = null;
            progress.blockSealed(h);
        }

        private void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, out.remaining());
                out.put(b, off, n);
                off += n;
                len -= n;
                filePos += n;
                if (!out.hasRemaining()) {
                    flush();
                }
            }
        }

        private void flush() throws IOException {
            out.flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            out.clear();
        }
    }
}
