package lsmviz.engine.io;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;

/**
 * A file layer that can crash a live engine in the same JVM, the way LevelDB's
 * {@code fault_injection_test} does: a process crash (kill -9: every byte the operating system has
 * survives) or a power cut (every byte not yet fsynced or msynced is lost, and every file created
 * since its directory's last fsync is forgotten). See {@code package-info.java} for the model.
 *
 * <p>Once {@link #crash} returned, every call through the layer and through every channel it
 * opened throws a {@link SimulatedCrashException}. The layer is then spent: to recover, open the
 * directory again with a new one.
 */
public final class CrashableFileIO implements FileIO {
    private final CrashGate gate = new CrashGate();
    /** Files opened for writing that are open, mapped, or hold unsynced changes; by absolute path. */
    private final ConcurrentHashMap<Path, TrackedFile> tracked = new ConcurrentHashMap<>();
    /** Per directory, the files created in it since its last fsync. Sets change only inside compute. */
    private final ConcurrentHashMap<Path, Set<Path>> unsyncedNames = new ConcurrentHashMap<>();
    /** Channels open through the layer: the crash closes their real channels. */
    private final Set<CrashableChannel> channels = ConcurrentHashMap.newKeySet();

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        List<OpenOption> opts = List.of(options);
        Path key = key(path);
        return gate.pass("open of " + path.getFileName(), () -> {
            if (!opts.contains(WRITE) && !opts.contains(APPEND)) {
                return register(new CrashableChannel(FileChannel.open(path, options), path, null, gate, this::closed));
            }
            sweep();
            boolean existed = Files.exists(key);
            TrackedFile file = tracked.compute(key, (k, f) -> {
                TrackedFile t = f == null ? new TrackedFile(k) : f;
                synchronized (t) {
                    t.opened();
                }
                return t;
            });
            FileChannel real;
            try {
                synchronized (file) {
                    if (existed && opts.contains(TRUNCATE_EXISTING)) {
                        file.beforeChange();
                    }
                    real = FileChannel.open(path, options);
                }
            } catch (IOException | RuntimeException e) {
                release(file);
                throw e;
            }
            if (!existed && (opts.contains(CREATE) || opts.contains(CREATE_NEW))) {
                unsyncedNames.compute(key.getParent(), (dir, names) -> {
                    Set<Path> s = names == null ? new HashSet<>() : names;
                    s.add(key);
                    return s;
                });
            }
            return register(new CrashableChannel(real, path, file, gate, this::closed));
        });
    }

    /**
     * Msyncs the mapping, then keeps what it holds as its file's durable content (a superset of
     * what the msync covered, which is all a caller may count on). The msync runs outside the
     * file's monitor, so that it does not hold up the file's channel writes.
     */
    @Override
    public void syncMapped(MappedByteBuffer map) throws IOException {
        gate.pass("msync of a mapped file", () -> {
            realSyncMapped(map);
            TrackedFile owner = owner(map); // null: not a writable mapping made through this layer
            if (owner != null) {
                synchronized (owner) {
                    owner.syncedMapping(map);
                }
            }
            return null;
        });
    }

    /** Fsyncs the directory: the files created in it before the call keep their names. */
    @Override
    public void syncDirectory(Path dir) throws IOException {
        Path key = key(dir);
        gate.pass("fsync of directory " + dir.getFileName(), () -> {
            List<Path> covered = new ArrayList<>();
            unsyncedNames.computeIfPresent(key, (k, names) -> {
                covered.addAll(names);
                return names;
            });
            realSyncDirectory(dir);
            unsyncedNames.computeIfPresent(key, (k, names) -> {
                covered.forEach(names::remove);
                return names.isEmpty() ? null : names;
            });
            return null;
        });
    }

    /**
     * Deletes the file and forgets it: a channel still open on it writes to a file without a name,
     * which no crash needs to restore. (The deletion itself counts as durable.)
     */
    @Override
    public void delete(Path path) throws IOException {
        Path key = key(path);
        gate.pass("delete of " + path.getFileName(), () -> {
            realDelete(path);
            tracked.remove(key);
            unsyncedNames.computeIfPresent(key.getParent(), (k, names) -> {
                names.remove(key);
                return names.isEmpty() ? null : names;
            });
            return null;
        });
    }

    /**
     * Crashes: waits for the file operations in progress, fails every later one, closes every
     * real channel the layer opened, and leaves the files as {@code kind} would. A file mapped
     * for writing is replaced by a new file with the bytes it keeps, so that engine threads still
     * writing into the old mapping change nothing that recovery will read.
     *
     * @throws IllegalStateException when the layer already crashed
     * @throws IOException when a file could not be put back (the layer is crashed all the same)
     */
    public CrashReport crash(CrashKind kind) throws IOException {
        return gate.crash(kind, () -> {
            channels.forEach(CrashableChannel::closeReal);
            channels.clear();
            Set<Path> forgotten = new HashSet<>();
            if (kind == CrashKind.POWER) {
                unsyncedNames.values().forEach(forgotten::addAll);
            }
            CrashAftermath aftermath = new CrashAftermath(kind);
            for (TrackedFile file : tracked.values()) {
                if (!forgotten.contains(file.path())) {
                    aftermath.restore(file);
                }
            }
            forgotten.forEach(aftermath::forget);
            tracked.clear();
            unsyncedNames.clear();
            return aftermath.report();
        });
    }

    /** Whether {@link #crash} ran: every file operation fails from then on. */
    public boolean crashed() {
        return gate.crashed() != null;
    }

    /** How many files the layer keeps bookkeeping for (open, mapped, or with unsynced changes). */
    int trackedFiles() {
        return tracked.size();
    }

    /** How many created files are waiting for a directory fsync. */
    int unsyncedNames() {
        return unsyncedNames.values().stream().mapToInt(Set::size).sum();
    }

    private CrashableChannel register(CrashableChannel channel) {
        channels.add(channel);
        return channel;
    }

    /** A channel was closed: its file is forgotten if nothing about it needs remembering. */
    private void closed(CrashableChannel channel) {
        gate.ifOpen(() -> {
            channels.remove(channel);
            if (channel.file() != null) {
                release(channel.file());
            }
        });
    }

    private void release(TrackedFile file) {
        tracked.computeIfPresent(file.path(), (k, f) -> {
            if (f != file) {
                return f; // deleted meanwhile, and a new file of that name opened
            }
            synchronized (f) {
                f.closed();
                return f.droppable() ? null : f;
            }
        });
    }

    /** Drops the closed files that became clean since (their mappings were collected). */
    private void sweep() {
        for (Path p : tracked.keySet()) {
            tracked.computeIfPresent(p, (k, f) -> {
                synchronized (f) {
                    return f.droppable() ? null : f;
                }
            });
        }
    }

    private TrackedFile owner(MappedByteBuffer map) {
        for (TrackedFile f : tracked.values()) {
            if (f.owns(map)) {
                return f;
            }
        }
        return null;
    }

    private void realSyncMapped(MappedByteBuffer map) throws IOException {
        FileIO.super.syncMapped(map);
    }

    private void realSyncDirectory(Path dir) throws IOException {
        FileIO.super.syncDirectory(dir);
    }

    private void realDelete(Path path) throws IOException {
        FileIO.super.delete(path);
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
