package lsmviz.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A channel opened through {@link CrashableFileIO}: every call fails once the layer crashed, and
 * every change to a tracked file is booked first (copy-on-first-write, fsyncs, mappings). The
 * bookkeeping and the real call happen together, holding the file's monitor inside the gate.
 */
final class CrashableChannel extends ForwardingFileChannel {
    private final FileChannel real;
    private final CrashGate gate;
    /** The file's bookkeeping; null for a read-only open, which a crash has nothing to undo in. */
    private final TrackedFile file;
    private final String name;
    private final Consumer<CrashableChannel> onClose;

    CrashableChannel(FileChannel real, Path path, TrackedFile file, CrashGate gate, Consumer<CrashableChannel> onClose) {
        super(real);
        this.real = real;
        this.gate = gate;
        this.file = file;
        this.name = String.valueOf(path.getFileName());
        this.onClose = onClose;
    }

    TrackedFile file() {
        return file;
    }

    /** Every forwarded call checks first that the layer has not crashed. */
    @Override
    protected FileChannel delegate() throws IOException {
        gate.check(name);
        return real;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return change("write to ", () -> super.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return change("write to ", () -> super.write(srcs, offset, length));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return change("write to ", () -> super.write(src, position));
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        return change("truncate of ", () -> super.truncate(size));
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return change("write to ", () -> super.transferFrom(src, position, count));
    }

    @Override
    public void force(boolean metaData) throws IOException {
        gate.pass("fsync of " + name, () -> {
            if (file == null) {
                super.force(metaData);
                return null;
            }
            synchronized (file) {
                super.force(metaData);
                file.forced();
            }
            return null;
        });
    }

    /**
     * A writable mapping of a tracked file: its writes cannot be seen, so the file's durable
     * content is kept from now on, and refreshed by each {@link CrashableFileIO#syncMapped}.
     */
    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return gate.pass("map of " + name, () -> {
            if (file == null || mode != MapMode.READ_WRITE) {
                return super.map(mode, position, size);
            }
            synchronized (file) {
                file.beforeChange(); // mapping may also grow the file
                MappedByteBuffer map = super.map(mode, position, size);
                file.mapped(map, position);
                return map;
            }
        });
    }

    /** A change to the file: its durable content is copied first if it is not kept yet. */
    private <T> T change(String what, CrashGate.IoCall<T> call) throws IOException {
        return gate.pass(what + name, () -> {
            if (file == null) {
                return call.call();
            }
            synchronized (file) {
                file.beforeChange();
                return call.call();
            }
        });
    }

    /** The crash closes the real channel; this one stays open, failing every call but close. */
    void closeReal() {
        try {
            real.close();
        } catch (IOException e) {
            // nothing left to flush: FileChannel.close never syncs
        }
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            super.implCloseChannel();
        } finally {
            onClose.accept(this);
        }
    }
}
