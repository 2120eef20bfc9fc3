package lsmviz.engine.io;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@link CrashableFileIO} knows of one file opened for writing: what a power cut would leave
 * of it. While the file is clean (its content is all on disk) nothing is kept; the first change
 * after a sync copies the file's bytes first, and a sync drops the copy again. Writes through a
 * mapping cannot be seen, so a mapped file always keeps a copy, taken when it is mapped and
 * refreshed from the mapping by each msync.
 *
 * <p>REQUIRES: every method but {@link #path()} and {@link #owns} runs holding this object's
 * monitor (the channel holds it across the real call, so that no write slips between an fsync
 * and its bookkeeping).
 */
final class TrackedFile {
    /** A writable mapping of the file from {@code position}; weak, so that it can be collected. */
    private record Mapping(WeakReference<MappedByteBuffer> buffer, long position) {}

    private final Path path;
    /** The file's durable content, or null when its current content is all durable. */
    private byte[] synced;
    /**
     * Writable mappings that may still be alive: writes through them change the file unseen.
     * Copy-on-write: {@link #owns} reads it without the monitor.
     */
    private final List<Mapping> mappings = new CopyOnWriteArrayList<>();
    /** The file was mapped since it was last found clean: its copy must be checked before dropping it. */
    private boolean wasMapped;
    /** Channels open on it through the layer. */
    private int openChannels;

    TrackedFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** A channel is being opened on it. */
    void opened() {
        openChannels++;
    }

    void closed() {
        openChannels--;
    }

    /**
     * Before a channel write or truncate, an open that truncates, or a writable mapping: copy the
     * durable content if it is not kept yet.
     */
    void beforeChange() throws IOException {
        if (synced == null) {
            synced = current();
        }
    }

    /**
     * After an fsync of the file: everything written is durable. On Linux it also writes the
     * pages dirtied through mappings, so a mapped file's copy becomes its whole current content.
     */
    void forced() throws IOException {
        synced = mapped() ? current() : null;
    }

    /**
     * After a writable mapping was made ({@link #beforeChange} ran before it: writes through it
     * cannot be seen, so the durable content is kept from now on).
     */
    void mapped(MappedByteBuffer buffer, long position) {
        mappings.add(new Mapping(new WeakReference<>(buffer), position));
        wasMapped = true;
    }

    /**
     * Whether {@code buffer} is one of this file's mappings (by identity: equals compares
     * contents). The one method that needs no monitor: a lookup must not wait for another file's
     * fsync.
     */
    boolean owns(MappedByteBuffer buffer) {
        return mappings.stream().anyMatch(m -> m.buffer().get() == buffer);
    }

    /** After an msync of {@code buffer}: the bytes it holds now are durable. */
    void syncedMapping(MappedByteBuffer buffer) throws IOException {
        for (Mapping m : mappings) {
            if (m.buffer().get() == buffer) {
                int len = buffer.capacity();
                int at = Math.toIntExact(m.position());
                byte[] copy = synced == null ? current() : synced;
                if (copy.length < at + len) {
                    copy = Arrays.copyOf(copy, at + len);
                }
                buffer.get(0, copy, at, len);
                synced = copy;
                return;
            }
        }
    }

    /** Whether a writable mapping of the file may still be written (one not yet collected). */
    boolean mapped() {
        mappings.removeIf(m -> m.buffer().get() == null);
        return !mappings.isEmpty();
    }

    /** The content a power cut leaves, or null when it is the current content. */
    byte[] synced() {
        return synced;
    }

    /**
     * Whether nothing about the file needs remembering: no channel open, no mapping alive, and its
     * content all on disk. Once its mappings are gone, a file that was mapped is compared with
     * its copy, once: nothing can change it any more.
     */
    boolean droppable() {
        if (openChannels > 0 || mapped()) {
            return false;
        }
        if (wasMapped) {
            wasMapped = false;
            try {
                if (Arrays.equals(synced, current())) {
                    synced = null;
                }
            } catch (IOException e) {
                // keep the copy: a power cut will put it back
            }
        }
        return synced == null;
    }

    /** The file's bytes as the operating system has them (written, mapped, synced or not). */
    private byte[] current() throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new byte[0]; // deleted behind the layer's back: a crash leaves it alone
        }
    }
}
