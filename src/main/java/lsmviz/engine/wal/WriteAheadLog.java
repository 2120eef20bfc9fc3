package lsmviz.engine.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import lsmviz.engine.CorruptionException;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.iterator.KeyValue;

/**
 * The write-ahead log of one memtable. See {@code package-info.java} for the bytes.
 *
 * <p>{@link #append} writes a record and, under the same lock, applies it to the memtable, so the
 * log's order is the memtable's order. {@link #awaitDurable} then makes it as durable as the
 * {@link SyncMode} asks, outside that lock, so that in {@link SyncMode#GROUP} many writers share
 * one fsync.
 */
public final class WriteAheadLog implements AutoCloseable {
    public static final String SUFFIX = ".wal";
    static final int HEADER = 8; // u32 payload length, u32 crc32c of the payload
    static final byte PUT = 1;
    static final byte DELETE = 2;
    /** Largest payload a record may claim: anything larger is garbage, not a record. */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    /** Told after each fsync: how many bytes it covered and how long it took. */
    public interface SyncListener {
        void synced(long memtableId, long bytes, int writers, long nanos);
    }

    private final Path path;
    private final long memtableId;
    private final FileChannel channel;
    private final SyncMode mode;
    private final SyncListener listener;

    private final Object appendLock = new Object();
    /** End of the last complete record. Guarded by appendLock. */
    private long written;
    /** Set when a failed append could not be undone: the log takes no more records. */
    private volatile IOException broken;

    private final Object syncLock = new Object();
    /** Everything before this offset is on disk. Guarded by syncLock. */
    private long synced;
    private boolean syncInProgress;
    private int waitingWriters;
    private boolean closed;

    private WriteAheadLog(Path path, long memtableId, FileChannel channel, long length, SyncMode mode,
            SyncListener listener) {
        this.path = path;
        this.memtableId = memtableId;
        this.channel = channel;
        this.mode = mode;
        this.listener = listener;
        this.written = length;
        this.synced = length;
    }

    /** A new, empty log (the file must not exist). */
    public static WriteAheadLog create(FileIO io, Path path, long memtableId, SyncMode mode, SyncListener listener)
            throws IOException {
        FileChannel ch = io.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new WriteAheadLog(path, memtableId, ch, 0, mode, listener);
    }

    /** Reopens a recovered log to append after its last good record (a torn tail is cut off). */
    public static WriteAheadLog reopen(FileIO io, Path path, long memtableId, long validLength, SyncMode mode,
            SyncListener listener) throws IOException {
        FileChannel ch = io.open(path, StandardOpenOption.WRITE);
        if (ch.size() != validLength) {
            ch.truncate(validLength);
            ch.force(true);
        }
        ch.position(validLength);
        return new WriteAheadLog(path, memtableId, ch, validLength, mode, listener);
    }

    public Path path() {
        return path;
    }

    public long memtableId() {
        return memtableId;
    }

    /** Bytes of complete records. */
    public long length() {
        synchronized (appendLock) {
            return written;
        }
    }

    /**
     * Appends a put ({@code value != null}) or a delete, then runs {@code apply} under the same
     * lock. Returns the log offset that must be durable before the write is acknowledged. When the
     * write fails, {@code apply} does not run and the log is cut back to its last good record.
     */
    public long append(byte[] key, byte[] value, Runnable apply) throws IOException {
        ByteBuffer rec = encode(key, value);
        synchronized (appendLock) {
            IOException b = broken;
            if (b != null) {
                throw new IOException("write-ahead log " + path + " is unusable after an earlier failure: "
                        + b.getMessage(), b);
            }
            long start = written;
            try {
                while (rec.hasRemaining()) {
                    channel.write(rec);
                }
            } catch (IOException e) {
                try {
                    channel.truncate(start);
                    channel.position(start);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                    broken = e;
                }
                throw e;
            }
            written = start + rec.limit();
            apply.run();
            return written;
        }
    }

    /** Returns once everything up to {@code offset} is as durable as the sync mode promises. */
    public void awaitDurable(long offset) throws IOException {
        switch (mode) {
            case NONE -> {
                // the OS has it: a killed process loses nothing
            }
            case SYNC -> {
                synchronized (syncLock) {
                    if (closed || synced >= offset) {
                        return; // close() synced it, or another writer's fsync came after it
                    }
                }
                long t0 = System.nanoTime();
                try {
                    channel.force(false);
                } catch (java.nio.channels.ClosedChannelException e) {
                    synchronized (syncLock) {
                        if (closed) {
                            return; // closed meanwhile: close() synced before closing
                        }
                    }
                    throw e;
                }
                synchronized (syncLock) {
                    synced = Math.max(synced, offset);
                }
                if (listener != null) {
                    listener.synced(memtableId, offset, 1, System.nanoTime() - t0);
                }
            }
            case GROUP -> groupSync(offset);
            default -> throw new IllegalStateException(mode.toString());
        }
    }

    /**
     * One writer at a time becomes the leader and fsyncs everything written so far; writers that
     * arrive meanwhile wait, and either find their record covered when it is done or elect the next
     * leader among themselves. One fsync per group instead of one per write.
     */
    private void groupSync(long offset) throws IOException {
        int group;
        synchronized (syncLock) {
            while (true) {
                if (synced >= offset || closed) {
                    return; // covered by another writer's fsync (close() syncs before closing)
                }
                if (!syncInProgress) {
                    syncInProgress = true;
                    group = waitingWriters + 1;
                    break; // this writer leads the next fsync
                }
                waitingWriters++;
                try {
                    syncLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the group fsync", e);
                } finally {
                    waitingWriters--;
                }
            }
        }
        long target;
        synchronized (appendLock) {
            target = written; // includes this writer's record and every record before it
        }
        long t0 = System.nanoTime();
        IOException failure = null;
        try {
            channel.force(false);
        } catch (IOException e) {
            failure = e;
        }
        synchronized (syncLock) {
            syncInProgress = false;
            if (failure == null) {
                synced = Math.max(synced, target);
            }
            syncLock.notifyAll();
        }
        if (failure != null) {
            throw failure;
        }
        if (listener != null) {
            listener.synced(memtableId, target, group, System.nanoTime() - t0);
        }
    }

    /** Syncs and closes the log; writers waiting for a group fsync are released. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (syncLock) {
            if (closed) {
                return;
            }
            try {
                if (channel.isOpen()) {
                    channel.force(false);
                }
            } finally {
                closed = true;
                synced = Long.MAX_VALUE;
                syncLock.notifyAll();
                channel.close();
            }
        }
    }

    static ByteBuffer encode(byte[] key, byte[] value) {
        int payload = 1 + varintSize(key.length) + varintSize(value == null ? 0 : value.length) + key.length
                + (value == null ? 0 : value.length);
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload).order(ByteOrder.LITTLE_ENDIAN);
        b.position(HEADER);
        b.put(value == null ? DELETE : PUT);
        putVarint(b, key.length);
        putVarint(b, value == null ? 0 : value.length);
        b.put(key);
        if (value != null) {
            b.put(value);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), HEADER, payload);
        b.putInt(0, payload).putInt(4, (int) crc.getValue());
        b.flip();
        return b;
    }

    // ------------------------------------------------------------------------------------------
    // Replay

    /**
     * What a log holds: its records in write order, where the good part ends, and whether a torn
     * tail (a partial or half-written last record from a crash) follows.
     */
    public record Replay(Path path, long memtableId, List<KeyValue> records, long validLength, long fileLength) {
        public boolean tornTail() {
            return fileLength > validLength;
        }
    }

    /**
     * Reads a log. A record that runs past the end of the file, or a bad last record that ends
     * exactly at the end of the file, is a torn tail (the crash came mid-append); a bad record
     * followed by more data is corruption.
     */
    public static Replay replay(Path path, long memtableId) throws IOException {
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<KeyValue> records = new ArrayList<>();
        int pos = 0;
        while (pos < all.length) {
            if (all.length - pos < HEADER) {
                break; // torn: not even a whole header
            }
            int len = buf.getInt(pos);
            int crc = buf.getInt(pos + 4);
            if (len < 3 || len > MAX_PAYLOAD) {
                if (onlyZerosFrom(all, pos)) {
                    break; // a preallocated or zero-filled tail: torn
                }
                throw new CorruptionException(path, pos, "record length 3.." + MAX_PAYLOAD + " expected, found " + len);
            }
            if ((long) pos + HEADER + len > all.length) {
                break; // torn: the record runs past the end
            }
            CRC32C c = new CRC32C();
            c.update(all, pos + HEADER, len);
            if ((int) c.getValue() != crc) {
                if (pos + HEADER + len == all.length) {
                    break; // torn: the last record was half-written
                }
                throw new CorruptionException(path, pos, String.format("record crc32c 0x%08x expected, found 0x%08x",
                        crc, (int) c.getValue()));
            }
            records.add(decode(path, pos, all, pos + HEADER, len));
            pos += HEADER + len;
        }
        return new Replay(path, memtableId, records, pos, all.length);
    }

    private static boolean onlyZerosFrom(byte[] all, int pos) {
        for (int i = pos; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static KeyValue decode(Path path, long recordOffset, byte[] all, int p, int len) {
        int end = p + len;
        byte kind = all[p++];
        int[] cursor = {p};
        long keyLen = getVarint(all, cursor, end);
        long valueLen = getVarint(all, cursor, end);
        if ((kind != PUT && kind != DELETE) || keyLen <= 0 || valueLen < 0
                || cursor[0] + keyLen + valueLen != end || (kind == DELETE && valueLen != 0)) {
            throw new CorruptionException(path, recordOffset, "a put or delete record expected, found kind " + kind
                    + " with key length " + keyLen + " and value length " + valueLen + " in a " + len + "-byte payload");
        }
        int k = cursor[0];
        byte[] key = java.util.Arrays.copyOfRange(all, k, k + (int) keyLen);
        if (kind == DELETE) {
            return KeyValue.tombstone(key);
        }
        return new KeyValue(key, java.util.Arrays.copyOfRange(all, k + (int) keyLen, end));
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static void putVarint(ByteBuffer b, int v) {
        while ((v & ~0x7F) != 0) {
            b.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put((byte) v);
    }

    /** -1 when malformed. */
    private static long getVarint(byte[] a, int[] cursor, int end) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (cursor[0] >= end) {
                return -1;
            }
            byte x = a[cursor[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }
}
