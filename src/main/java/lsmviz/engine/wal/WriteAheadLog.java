package lsmviz.engine.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.types.SyncMode;

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
    private static final int HEADER = LogRecord.HEADER;
    private static final int MAX_PAYLOAD = LogRecord.MAX_PAYLOAD;
    /** The smallest mapped size, and the least a log grows by. */
    static final long MIN_CAPACITY = 64 << 10;

    /** Told after each fsync: how many bytes it covered and how long it took. */
    public interface SyncListener {
        void synced(long memtableId, long bytes, int writers, long nanos);
    }

    private final Path path;
    private final long memtableId;
    private final FileChannel channel;
    private final FileIO io;
    /** The file mapped from offset 0; grown by remapping. Guarded by appendLock (the reference). */
    private volatile MappedByteBuffer map;
    private final SyncMode mode;
    private final SyncListener listener;

    private final Object appendLock = new Object();
    /** End of the last complete record. Guarded by appendLock. */
    private long written;

    private final Object syncLock = new Object();
    /** Everything before this offset is on disk. Guarded by syncLock. */
    private long synced;
    private boolean syncInProgress;
    private int waitingWriters;
    private boolean closed;
    /** Why close() could not sync (a crash): writers still waiting must not be acknowledged. */
    private IOException closeFailure;

    private WriteAheadLog(FileIO io, Path path, long memtableId, FileChannel channel, long length, SyncMode mode,
            SyncListener listener, long capacity) throws IOException {
        this.io = io;
        this.path = path;
        this.memtableId = memtableId;
        this.channel = channel;
        this.mode = mode;
        this.listener = listener;
        this.written = length;
        this.synced = length;
        grow(Math.max(capacity, length + MIN_CAPACITY));
    }

    /**
     * A new, empty log (the file must not exist), with room for about {@code capacity} bytes of
     * records before it grows.
     */
    public static WriteAheadLog create(FileIO io, Path path, long memtableId, SyncMode mode, SyncListener listener,
            long capacity) throws IOException {
        FileChannel ch = io.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return new WriteAheadLog(io, path, memtableId, ch, 0, mode, listener, capacity);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reopens a recovered log to append after its last good record. Whatever followed it (a torn
     * tail, preallocated zeros) is cut off first, so that no old byte can follow a new record.
     */
    public static WriteAheadLog reopen(FileIO io, Path path, long memtableId, long validLength, SyncMode mode,
            SyncListener listener, long capacity) throws IOException {
        FileChannel ch = io.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (ch.size() != validLength) {
                ch.truncate(validLength);
                ch.force(true);
            }
            return new WriteAheadLog(io, path, memtableId, ch, validLength, mode, listener, capacity);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Makes the file at least {@code capacity} bytes long by writing zeros (real blocks, not a
     * sparse hole: a full disk shows up here as an IOException, never later as a fault on a mapped
     * page), then maps all of it.
     */
    private void grow(long capacity) throws IOException {
        long size = channel.size();
        if (capacity > Integer.MAX_VALUE) {
            throw new IOException("write-ahead log " + path + " would exceed 2 GiB");
        }
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        long pos = size;
        while (pos < capacity) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), capacity - pos));
            pos += channel.write(zeros, pos);
        }
        channel.force(true); // the new length and blocks, once per growth, not per record
        map = channel.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(size, capacity));
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
     * What an append did: {@code end}, the log offset that must be durable before the write is
     * acknowledged ({@link #awaitDurable}); {@code applied}, what {@code apply} returned.
     */
    public record Appended(long end, long applied) {}

    /**
     * Appends a put ({@code value != null}) or a delete, then runs {@code apply} under the same
     * lock, so that the log's order is the order {@code apply} sees. When the log cannot take the
     * record (it could not grow: a full disk), {@code apply} does not run.
     */
    public Appended append(byte[] key, byte[] value, LongSupplier apply) throws IOException {
        ByteBuffer rec = LogRecord.encode(key, value);
        synchronized (appendLock) {
            long start = written;
            int len = rec.limit();
            MappedByteBuffer m = map;
            if (start + len > m.capacity()) {
                try {
                    grow(Math.max(2L * m.capacity(), start + len + MIN_CAPACITY));
                } catch (IOException e) {
                    throw new IOException("write-ahead log " + path + " could not grow (disk full?): " + e.getMessage(), e);
                }
                m = map;
            }
            // header first, then payload: a crash mid-copy leaves a bad record followed by zeros,
            // which replay recognises as a torn tail
            m.put((int) start, rec.array(), 0, len);
            written = start + len;
            return new Appended(written, apply.getAsLong());
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
                    if (synced >= offset || closedSynced()) {
                        return; // close() synced it, or another writer's fsync came after it
                    }
                }
                long t0 = System.nanoTime();
                try {
                    forceMap();
                } catch (java.nio.channels.ClosedChannelException e) {
                    synchronized (syncLock) {
                        if (closedSynced()) {
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
                if (synced >= offset || closedSynced()) {
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
            forceMap();
        } catch (IOException e) {
            failure = e;
        }
        synchronized (syncLock) {
            syncInProgress = false;
            if (failure == null) {
                synced = Math.max(synced, target);
            }
            syncLock.notifyAll();
            if (failure instanceof java.nio.channels.ClosedChannelException && closedSynced()) {
                return; // a flush closed the log meanwhile; close() synced everything first
            }
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
                    forceMap();
                }
            } catch (IOException e) {
                closeFailure = e;
                throw e;
            } finally {
                closed = true;
                if (closeFailure == null) {
                    synced = Long.MAX_VALUE;
                }
                syncLock.notifyAll();
                channel.close();
            }
        }
    }

    /**
     * Holding syncLock: whether close() synced everything before closing. A close whose sync
     * failed (a crash) throws instead, so that a writer still waiting is not acknowledged.
     */
    private boolean closedSynced() throws IOException {
        if (closed && closeFailure != null) {
            throw new IOException("the log was closed before this write was synced: " + closeFailure.getMessage(),
                    closeFailure);
        }
        return closed;
    }

    /**
     * Makes the mapped records durable: msync(MS_SYNC), which on Linux syncs the file range like
     * fdatasync. The file's size never changes after a record is written (the log is preallocated
     * by writing zeros, and that growth is synced by {@link #grow}), so no separate metadata sync
     * is needed. Measured with {@code bench --benchmarks fillsync --sync sync}: 66 us per write,
     * against 90 us with an fdatasync after the msync.
     */
    private void forceMap() throws IOException {
        if (!channel.isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        io.syncMapped(map);
    }

    // ------------------------------------------------------------------------------------------
    // Replay

    /**
     * What a log holds: its records in write order, where the good part ends, and how many bytes
     * of a torn last record (a crash mid-append) follow it. Zeros after the last record are
     * preallocated room, not damage.
     */
    public record Replay(Path path, long memtableId, List<KeyValue> records, long validLength, long fileLength,
            long tornBytes) {
        public boolean tornTail() {
            return tornBytes > 0;
        }
    }

    /**
     * Reads a log. A bad record with nothing but zeros after it (or one that runs past the end of
     * the file) is a torn tail: the crash came mid-append and the put was never acknowledged. A bad
     * record followed by more data is corruption.
     */
    public static Replay replay(Path path, long memtableId) throws IOException {
        byte[] all = Files.readAllBytes(path);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<KeyValue> records = new ArrayList<>();
        int pos = 0;
        while (pos < all.length) {
            if (all.length - pos < HEADER) {
                break; // zeros (preallocated room) or torn: not even a whole header
            }
            int len = buf.getInt(pos);
            int crc = buf.getInt(pos + 4);
            if (len < 3 || len > MAX_PAYLOAD) {
                if (len == 0 && onlyZerosFrom(all, pos)) {
                    break; // preallocated room: the end of the records
                }
                if (onlyZerosFrom(all, pos + HEADER)) {
                    break; // torn: a half-written header
                }
                throw new CorruptionException(path, pos, "record length 3.." + MAX_PAYLOAD + " expected, found " + len);
            }
            if ((long) pos + HEADER + len > all.length) {
                break; // torn: the record runs past the end
            }
            CRC32C c = new CRC32C();
            c.update(all, pos + HEADER, len);
            if ((int) c.getValue() != crc) {
                if (onlyZerosFrom(all, pos + HEADER + len)) {
                    break; // torn: the last record was half-written
                }
                throw new CorruptionException(path, pos, String.format("record crc32c 0x%08x expected, found 0x%08x",
                        crc, (int) c.getValue()));
            }
            records.add(LogRecord.decode(path, pos, all, pos + HEADER, len));
            pos += HEADER + len;
        }
        int end = all.length;
        while (end > pos && all[end - 1] == 0) {
            end--;
        }
        return new Replay(path, memtableId, records, pos, all.length, end - pos);
    }

    private static boolean onlyZerosFrom(byte[] all, int pos) {
        for (int i = pos; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
