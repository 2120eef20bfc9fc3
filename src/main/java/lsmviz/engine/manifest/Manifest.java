package lsmviz.engine.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import lsmviz.engine.CorruptionException;
import lsmviz.engine.io.FileIO;

/**
 * The append-only record of which SSTables are live. See {@code package-info.java} for the bytes.
 * Appends are fsynced before they return. Not thread-safe: the engine appends under its freeze
 * lock.
 */
public final class Manifest implements AutoCloseable {
    public static final String FILE_NAME = "MANIFEST";

    /** Record types. */
    public static final byte SSTABLE_ADDED = 1;
    public static final byte SSTABLE_REMOVED = 2;

    static final int HEADER = 8; // u32 length, u32 crc
    static final int PAYLOAD = 17; // u8 type, u64 sstable id, u64 memtable id

    /** One decoded record, for tools. */
    public record Record(long offset, byte type, long id, long memtableId) {
        public String describe() {
            return type == SSTABLE_ADDED ? "add sstable " + id + " (flushed from memtable " + memtableId + ")"
                    : "remove sstable " + id;
        }
    }

    /** What replaying the file found. */
    public record Replay(List<Long> liveSSTablesOldestFirst, Set<Long> flushedMemtables, List<Record> records,
            long maxId, boolean tornTail, long validLength) {}

    private final Path path;
    private final FileChannel channel;

    private Manifest(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Reads the manifest of {@code dir} (empty when there is none yet). Does not change the file. */
    public static Replay read(Path dir) throws IOException {
        Path path = dir.resolve(FILE_NAME);
        if (!Files.exists(path)) {
            return new Replay(List.of(), Set.of(), List.of(), 0, false, 0);
        }
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        Set<Long> live = new LinkedHashSet<>();
        Set<Long> flushed = new java.util.HashSet<>();
        List<Record> records = new ArrayList<>();
        long maxId = 0;
        int pos = 0;
        boolean torn = false;
        while (pos < all.length) {
            if (all.length - pos < HEADER) {
                torn = true;
                break;
            }
            int len = buf.getInt(pos);
            int crc = buf.getInt(pos + 4);
            if (len != PAYLOAD) {
                if (all.length - pos < HEADER + PAYLOAD) {
                    torn = true; // a partial last record: the crash came mid-append
                    break;
                }
                throw new CorruptionException(path, pos, "record length " + PAYLOAD + " expected, found " + len);
            }
            if (all.length - pos < HEADER + len) {
                torn = true;
                break;
            }
            CRC32C c = new CRC32C();
            c.update(all, pos + HEADER, len);
            if ((int) c.getValue() != crc) {
                if (pos + HEADER + len == all.length && zeros(all, pos + HEADER, len)) {
                    // the last record's payload never reached the disk (the file was extended
                    // first): a torn write of the final append. A payload of other bytes with a
                    // bad checksum is damage, not a crash, and its table must not be dropped.
                    torn = true;
                    break;
                }
                throw new CorruptionException(path, pos, String.format("record crc32c 0x%08x expected, found 0x%08x",
                        crc, (int) c.getValue()));
            }
            byte type = all[pos + HEADER];
            long id = buf.getLong(pos + HEADER + 1);
            long memtableId = buf.getLong(pos + HEADER + 9);
            if (type == SSTABLE_ADDED) {
                live.add(id);
                if (memtableId != 0) {
                    flushed.add(memtableId);
                }
            } else if (type == SSTABLE_REMOVED) {
                live.remove(id);
            } else {
                throw new CorruptionException(path, pos, "record type 1 or 2 expected, found " + type);
            }
            records.add(new Record(pos, type, id, memtableId));
            maxId = Math.max(maxId, Math.max(id, memtableId));
            pos += HEADER + len;
        }
        return new Replay(List.copyOf(live), Set.copyOf(flushed), List.copyOf(records), maxId, torn, pos);
    }

    private static boolean zeros(byte[] a, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Opens for appending, cutting off a torn tail first (replay must have said where). */
    public static Manifest openForAppend(FileIO io, Path dir, Replay replay) throws IOException {
        Path path = dir.resolve(FILE_NAME);
        FileChannel ch = io.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (ch.size() != replay.validLength()) {
            ch.truncate(replay.validLength());
            ch.force(true);
        }
        ch.position(replay.validLength());
        return new Manifest(path, ch);
    }

    /** A flush made SSTable {@code sstableId} out of memtable {@code memtableId}. */
    public void recordAdded(long sstableId, long memtableId) throws IOException {
        append(SSTABLE_ADDED, sstableId, memtableId);
    }

    /** SSTable {@code sstableId} is no longer live (compaction replaced it). */
    public void recordRemoved(long sstableId) throws IOException {
        append(SSTABLE_REMOVED, sstableId, 0);
    }

    private void append(byte type, long id, long memtableId) throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        payload.put(type).putLong(id).putLong(memtableId).flip();
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        ByteBuffer rec = ByteBuffer.allocate(HEADER + PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(PAYLOAD).putInt((int) c.getValue()).put(payload).flip();
        while (rec.hasRemaining()) {
            channel.write(rec);
        }
        channel.force(true);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
