package lsmviz.engine.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;

/**
 * The append-only record of which SSTables are live, and in which level. See
 * {@code package-info.java} for the bytes. Appends are fsynced before they return. Not
 * thread-safe: the engine appends under its freeze lock.
 */
public final class Manifest implements AutoCloseable {
    public static final String FILE_NAME = "MANIFEST";

    /** Record types. */
    public static final byte SSTABLE_ADDED = 1;
    public static final byte SSTABLE_REMOVED = 2;
    public static final byte EDIT = 3;

    static final int HEADER = 8; // u32 length, u32 crc
    static final int PAYLOAD = 17; // types 1 and 2: u8 type, u64 sstable id, u64 memtable id
    /** An edit's payload is at most this long (a compaction of about a million tables). */
    static final int MAX_EDIT = 16 << 20;

    /**
     * One decoded record, for tools. Types 1 and 2 fill {@code id} and {@code memtableId}; an edit
     * fills {@code edit} (and {@code id} is 0).
     */
    public record Record(long offset, byte type, long id, long memtableId, Edit edit) {
        public String describe() {
            return switch (type) {
                case SSTABLE_ADDED -> "add sstable " + id + " (flushed from memtable " + memtableId + ")";
                case SSTABLE_REMOVED -> "remove sstable " + id;
                default -> edit.describe();
            };
        }
    }

    /**
     * A compaction's change: tables added (each with its level), tables removed, compact pointers
     * moved. Plain ids and keys: the manifest knows files, not their contents.
     */
    public record Edit(Map<Long, Integer> added, List<Long> removed, Map<Integer, byte[]> pointers) {
        public Edit {
            added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
            removed = List.copyOf(removed);
            pointers = Collections.unmodifiableMap(new TreeMap<>(pointers));
        }

        /** "edit: add 12 (L1), 13 (L1); remove 4, 7, 9; pointer L1 after k0042". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) {
                parts.add("add " + added.entrySet().stream().map(e -> e.getKey() + " (L" + e.getValue() + ")")
                        .collect(Collectors.joining(", ")));
            }
            if (!removed.isEmpty()) {
                parts.add("remove " + removed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
            pointers.forEach((level, key) -> parts.add("pointer L" + level + " after " + Bytes.display(key)));
            return "edit: " + (parts.isEmpty() ? "nothing" : String.join("; ", parts));
        }
    }

    /**
     * What replaying the file found.
     *
     * @param liveSSTablesOldestFirst live tables in the order they were added
     * @param levels            each live table's level (a flushed table is in L0 until an edit moves it)
     * @param pointers          each level's compact pointer, where one was recorded
     * @param flushedMemtables  memtables whose records are in a table (their logs are obsolete)
     */
    public record Replay(List<Long> liveSSTablesOldestFirst, Map<Long, Integer> levels, Map<Integer, byte[]> pointers,
            Set<Long> flushedMemtables, List<Record> records, long maxId, boolean tornTail, long validLength) {}

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
            return new Replay(List.of(), Map.of(), Map.of(), Set.of(), List.of(), 0, false, 0);
        }
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        Map<Long, Integer> live = new LinkedHashMap<>();
        Map<Integer, byte[]> pointers = new TreeMap<>();
        Set<Long> flushed = new HashSet<>();
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
            if (len < 1 || len > MAX_EDIT) {
                if (all.length - pos < HEADER + PAYLOAD) {
                    torn = true; // a partial last record: the crash came mid-append
                    break;
                }
                throw new CorruptionException(path, pos, "record length 1.." + MAX_EDIT + " expected, found " + len);
            }
            if (all.length - pos < HEADER + len) {
                if (len != PAYLOAD && all.length - pos >= HEADER + PAYLOAD && crcMatches(all, pos, PAYLOAD, crc)) {
                    // a whole flush record whose length field is damaged, not a torn append
                    throw new CorruptionException(path, pos, "record length " + len
                            + " runs past the end of the file, but the record checks out as length " + PAYLOAD
                            + ": the length field is damaged");
                }
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
                throw new CorruptionException(path, pos, String.format(
                        "record crc32c 0x%08x expected, found 0x%08x over the %d bytes its length field gives",
                        crc, (int) c.getValue(), len));
            }
            Record r = decode(path, pos, buf.slice(pos + HEADER, len).order(ByteOrder.LITTLE_ENDIAN));
            switch (r.type()) {
                case SSTABLE_ADDED -> {
                    live.put(r.id(), 0);
                    if (r.memtableId() != 0) {
                        flushed.add(r.memtableId());
                    }
                }
                case SSTABLE_REMOVED -> live.remove(r.id());
                default -> {
                    r.edit().removed().forEach(live::remove);
                    live.putAll(r.edit().added());
                    pointers.putAll(r.edit().pointers());
                }
            }
            records.add(r);
            maxId = Math.max(maxId, Math.max(r.id(), r.memtableId()));
            if (r.edit() != null) {
                for (long id : r.edit().added().keySet()) {
                    maxId = Math.max(maxId, id);
                }
            }
            pos += HEADER + len;
        }
        return new Replay(List.copyOf(live.keySet()), Collections.unmodifiableMap(live),
                Collections.unmodifiableMap(pointers), Set.copyOf(flushed), List.copyOf(records), maxId, torn, pos);
    }

    private static Record decode(Path path, int offset, ByteBuffer p) {
        byte type = p.get();
        if (type == SSTABLE_ADDED || type == SSTABLE_REMOVED) {
            if (p.remaining() != PAYLOAD - 1) {
                throw new CorruptionException(path, offset, "record length " + PAYLOAD + " expected for type " + type
                        + ", found " + (p.remaining() + 1));
            }
            return new Record(offset, type, p.getLong(), p.getLong(), null);
        }
        if (type != EDIT) {
            throw new CorruptionException(path, offset, "record type 1, 2 or 3 expected, found " + type);
        }
        try {
            Map<Long, Integer> added = new LinkedHashMap<>();
            for (int i = count(p, 9); i > 0; i--) {
                added.put(p.getLong(), (int) p.get());
            }
            List<Long> removed = new ArrayList<>();
            for (int i = count(p, 8); i > 0; i--) {
                removed.add(p.getLong());
            }
            Map<Integer, byte[]> pointers = new TreeMap<>();
            for (int i = count(p, 5); i > 0; i--) {
                int level = p.get();
                byte[] key = new byte[count(p, 1)];
                p.get(key);
                pointers.put(level, key);
            }
            if (p.hasRemaining()) {
                throw new CorruptionException(path, offset, p.remaining() + " bytes after the end of an edit");
            }
            return new Record(offset, type, 0, 0, new Edit(added, removed, pointers));
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptionException(path, offset, "an edit record ends in the middle of an entry");
        }
    }

    /** A u32 count of entries of at least {@code entryBytes} each, checked against what is left. */
    private static int count(ByteBuffer p, int entryBytes) {
        int n = p.getInt();
        if (n < 0 || (long) n * entryBytes > p.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        return n;
    }

    private static boolean crcMatches(byte[] all, int pos, int len, int crc) {
        CRC32C c = new CRC32C();
        c.update(all, pos + HEADER, len);
        return (int) c.getValue() == crc;
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
        boolean created = !Files.exists(path);
        FileChannel ch = io.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (created) {
            io.syncDirectory(dir); // its name survives a power cut, before it records any table
        }
        if (ch.size() != replay.validLength()) {
            ch.truncate(replay.validLength());
            ch.force(true);
        }
        ch.position(replay.validLength());
        return new Manifest(path, ch);
    }

    /** A flush made SSTable {@code sstableId} out of memtable {@code memtableId}: it joins L0. */
    public void recordAdded(long sstableId, long memtableId) throws IOException {
        append(ByteBuffer.allocate(PAYLOAD).order(ByteOrder.LITTLE_ENDIAN)
                .put(SSTABLE_ADDED).putLong(sstableId).putLong(memtableId).flip());
    }

    /** SSTable {@code sstableId} is no longer live. */
    public void recordRemoved(long sstableId) throws IOException {
        append(ByteBuffer.allocate(PAYLOAD).order(ByteOrder.LITTLE_ENDIAN)
                .put(SSTABLE_REMOVED).putLong(sstableId).putLong(0).flip());
    }

    /** A compaction (or a trivial move) changed the levels: one record, all or nothing. */
    public void recordEdit(Edit edit) throws IOException {
        int size = 1 + 4 + 9 * edit.added().size() + 4 + 8 * edit.removed().size() + 4;
        for (byte[] key : edit.pointers().values()) {
            size += 5 + 4 + key.length;
        }
        if (size > MAX_EDIT) {
            throw new IOException("a manifest edit of " + size + " bytes is larger than " + MAX_EDIT);
        }
        ByteBuffer p = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        p.put(EDIT).putInt(edit.added().size());
        edit.added().forEach((id, level) -> p.putLong(id).put((byte) (int) level));
        p.putInt(edit.removed().size());
        edit.removed().forEach(p::putLong);
        p.putInt(edit.pointers().size());
        edit.pointers().forEach((level, key) -> p.put((byte) (int) level).putInt(key.length).put(key));
        append(p.flip());
    }

    private void append(ByteBuffer payload) throws IOException {
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        ByteBuffer rec = ByteBuffer.allocate(HEADER + payload.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(payload.remaining()).putInt((int) c.getValue()).put(payload).flip();
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
