package lsmviz.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writers for the crash race in {@link CrashableFileIOTest}: each appends a known pattern to its
 * own file and publishes, after every successful sync, how many bytes are durable; it stops at
 * the first failure (the crash).
 */
final class SyncingWriters {
    private SyncingWriters() {}

    /** The byte every writer puts at {@code offset} of its file. */
    static byte pattern(int seed, long offset) {
        return (byte) (offset * 31 + seed + 1);
    }

    private static byte[] chunk(int seed, long from, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = pattern(seed, from + i);
        }
        return b;
    }

    /** Appends chunks and fsyncs after each, until the crash fails a call. */
    static void channel(FileChannel ch, int seed, AtomicLong synced, CountDownLatch started) {
        started.countDown();
        long pos = 0;
        try {
            while (true) {
                ByteBuffer b = ByteBuffer.wrap(chunk(seed, pos, ThreadLocalRandom.current().nextInt(1, 300)));
                while (b.hasRemaining()) {
                    ch.write(b, pos + b.position());
                }
                pos += b.capacity();
                ch.force(false);
                synced.set(pos);
            }
        } catch (IOException expected) {
            // the crash
        }
    }

    /** Like the write-ahead log: puts records into a preallocated mapping and msyncs each. */
    static void mapped(CrashableFileIO layer, FileChannel ch, int seed, AtomicLong synced,
            CountDownLatch started) {
        started.countDown();
        try {
            int size = 1 << 18;
            ch.write(ByteBuffer.allocate(size), 0);
            ch.force(true);
            MappedByteBuffer map = ch.map(MapMode.READ_WRITE, 0, size);
            int pos = 0;
            while (pos < size - 300) {
                byte[] rec = chunk(seed, pos, ThreadLocalRandom.current().nextInt(1, 300));
                map.put(pos, rec);
                pos += rec.length;
                layer.syncMapped(map);
                synced.set(pos);
            }
        } catch (IOException expected) {
            // the crash
        }
    }
}
