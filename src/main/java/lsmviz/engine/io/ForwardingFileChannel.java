package lsmviz.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A {@link FileChannel} that hands every call to another one: the base of the file layers that
 * watch or disturb what the engine writes ({@link CrashableFileIO}'s channel, the tests' failing
 * one). A subclass overrides only the calls it cares about, and may override {@link #delegate()}
 * to refuse every call at once (a crashed layer). Closing this channel closes the wrapped one.
 */
public abstract class ForwardingFileChannel extends FileChannel {
    private final FileChannel wrapped;

    protected ForwardingFileChannel(FileChannel wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    /**
     * The channel that every call goes to. Overriding it to throw makes every call but
     * {@code close} fail.
     */
    protected FileChannel delegate() throws IOException {
        return wrapped;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate().read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate().read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate().read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate().write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return delegate().write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return delegate().write(src, position);
    }

    @Override
    public long position() throws IOException {
        return delegate().position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate().position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate().size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate().truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate().force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate().transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return delegate().transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate().map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate().lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate().tryLock(position, size, shared);
    }

    /** Closes the wrapped channel (never through {@link #delegate()}: closing always works). */
    @Override
    protected void implCloseChannel() throws IOException {
        wrapped.close();
    }
}
