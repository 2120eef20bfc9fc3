package lsmviz.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file layer that fails on command, for tests: a full disk (writes fail once a byte budget is
 * spent), failing fsyncs (of files, or of the directory alone), and failing opens. Everything else goes to the real file.
 */
public final class FaultyFileIO implements FileIO {
    /** Bytes that may still be written; negative means unlimited. */
    private final AtomicLong budget = new AtomicLong(-1);
    private final AtomicBoolean failSync = new AtomicBoolean();
    private final AtomicBoolean failOpen = new AtomicBoolean();
    private final AtomicBoolean failDirectorySync = new AtomicBoolean();
    private final AtomicLong injected = new AtomicLong();

    /** From now on, at most {@code bytes} more bytes can be written, then "No space left on device". */
    public void diskFullAfter(long bytes) {
        budget.set(bytes);
    }

    public void diskHasRoom() {
        budget.set(-1);
    }

    public void failSyncs(boolean fail) {
        failSync.set(fail);
    }

    /** Directory fsyncs fail (files' own fsyncs go on working). */
    public void failDirectorySyncs(boolean fail) {
        failDirectorySync.set(fail);
    }

    public void failOpens(boolean fail) {
        failOpen.set(fail);
    }

    /** How many failures were injected so far. */
    public long injected() {
        return injected.get();
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        if (failOpen.get()) {
            injected.incrementAndGet();
            throw new IOException(path + ": Input/output error (injected)");
        }
        return new Channel(FileChannel.open(path, options));
    }

    @Override
    public void syncMapped(MappedByteBuffer map) throws IOException {
        if (failSync.get()) {
            injected.incrementAndGet();
            throw new IOException("msync failed: Input/output error (injected)");
        }
        FileIO.super.syncMapped(map);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        if (failDirectorySync.get()) {
            injected.incrementAndGet();
            throw new IOException(dir + ": fsync of the directory failed: Input/output error (injected)");
        }
        FileIO.super.syncDirectory(dir);
    }

    private int take(int wanted) throws IOException {
        while (true) {
            long b = budget.get();
            if (b < 0) {
                return wanted;
            }
            if (b == 0) {
                injected.incrementAndGet();
                throw new IOException("No space left on device (injected)");
            }
            int n = (int) Math.min(b, wanted);
            if (budget.compareAndSet(b, b - n)) {
                return n;
            }
        }
    }

    /** Writes spend the byte budget and fsyncs may fail; everything else goes to the real channel. */
    private final class Channel extends ForwardingFileChannel {
        Channel(FileChannel real) {
            super(real);
        }

        private int write0(ByteBuffer src, long pos) throws IOException {
            int n = take(src.remaining());
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + n);
            int written = pos < 0 ? super.write(part) : super.write(part, pos);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return write0(src, -1);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write0(srcs[i], -1);
            }
            return total;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return write0(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failSync.get()) {
                injected.incrementAndGet();
                throw new IOException("fsync failed: Input/output error (injected)");
            }
            super.force(metaData);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("transferFrom is not supported by the test file layer");
        }
    }
}
