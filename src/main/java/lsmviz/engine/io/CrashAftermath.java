package lsmviz.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;

/**
 * What one crash does to the files, once {@link CrashableFileIO} has stopped every operation: it
 * changes them file by file, going on past a file it could not change, and then reports. Files
 * are rewritten with plain {@link FileChannel}s, never through the crashed layer.
 */
final class CrashAftermath {
    private final CrashKind kind;
    private final List<CrashReport.Entry> changed = new ArrayList<>();
    /** The first file that could not be changed; later ones are added as suppressed. */
    private IOException failure;

    CrashAftermath(CrashKind kind) {
        this.kind = kind;
    }

    /**
     * Leaves {@code file} as the crash would. A power cut puts back its durable content; a process
     * crash keeps what the operating system has. Either way a file mapped for writing is replaced
     * by a new file, so that writes through the old mapping go to the old, nameless one.
     */
    void restore(TrackedFile file) {
        Path path = file.path();
        byte[] kept;
        boolean mapped;
        synchronized (file) { // uncontended: no operation runs during the crash
            kept = kind == CrashKind.POWER ? file.synced() : null;
            mapped = file.mapped();
        }
        try {
            if ((kept == null && !mapped) || !Files.exists(path)) {
                return; // nothing lost, nothing to detach; or deleted behind the layer's back
            }
            byte[] now = Files.readAllBytes(path);
            if (kept == null) {
                kept = now;
            }
            CrashReport.Entry entry = CrashReport.changed(path, now, kept);
            if (mapped || entry != null) {
                replace(path, kept);
            }
            if (entry != null) {
                changed.add(entry);
            }
        } catch (IOException e) {
            failed(path, e);
        }
    }

    /** Deletes a file created after its directory's last fsync (a power cut forgets its name). */
    void forget(Path path) {
        try {
            if (Files.exists(path)) {
                long size = Files.size(path);
                Files.delete(path);
                changed.add(CrashReport.forgotten(path, size));
            }
        } catch (IOException e) {
            failed(path, e);
        }
    }

    /**
     * The report, in path order.
     *
     * @throws IOException when a file could not be left as the crash would leave it
     */
    CrashReport report() throws IOException {
        if (failure != null) {
            throw failure;
        }
        changed.sort(Comparator.comparing(CrashReport.Entry::path));
        return new CrashReport(kind, changed);
    }

    private void failed(Path path, IOException e) {
        IOException f = new IOException(kind.label() + " (simulated) could not change " + path + ": " + e.getMessage(), e);
        if (failure == null) {
            failure = f;
        } else {
            failure.addSuppressed(f);
        }
    }

    /**
     * Replaces the file by a new one holding {@code bytes}, synced: readers and mappings of the old
     * file keep the old one, which no longer has a name.
     */
    private static void replace(Path path, byte[] bytes) throws IOException {
        Files.delete(path);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf, buf.position());
            }
            ch.force(true);
        }
    }
}
