package lsmviz.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * The engine's directory (see the package documentation for its layout): held through its
 * {@code LOCK} file while an engine has it open, the names of its files, the file numbers that
 * memtables and SSTables share, and the fsync of the directory itself.
 */
final class DbDirectory implements AutoCloseable {
    /**
     * Directories open in this JVM (real paths). The OS lock on LOCK is not enough on its own:
     * POSIX drops every lock a process holds on a file when it closes any channel to that file,
     * so a refused second open in this JVM (which opens and closes LOCK) would silently unlock the
     * directory for other processes. An open in this JVM is refused here, before touching LOCK.
     */
    private static final Set<Path> OPEN_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileIO io;
    /** This directory's entry in {@link #OPEN_IN_THIS_JVM}. */
    private final Path jvmKey;
    private final FileChannel lockFile;
    private final FileLock lock;
    /** Memtables and SSTables share one sequence: a file's number says when it was made. */
    private final AtomicLong nextNumber = new AtomicLong(1);

    private DbDirectory(Path path, FileIO io, Path jvmKey, FileChannel lockFile, FileLock lock) {
        this.path = path;
        this.io = io;
        this.jvmKey = jvmKey;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Whether an engine, in this process or another, has {@code dir} open now: its {@code LOCK}
     * file is held. False for a directory that has no {@code LOCK} file.
     */
    static boolean inUse(Path dir) throws IOException {
        Path lockPath = dir.resolve("LOCK");
        if (!Files.exists(lockPath)) {
            return false;
        }
        if (OPEN_IN_THIS_JVM.contains(dir.toRealPath())) {
            return true; // never open a channel to a LOCK this JVM holds: closing it would drop the lock
        }
        try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock held = ch.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /**
     * Creates {@code dir} if needed and takes it: refused when an engine in this process or in
     * another one has it.
     */
    static DbDirectory lock(Path dir, FileIO io) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not a directory: the engine keeps its data in a directory"
                    + " (name a new or existing directory)");
        }
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        if (!OPEN_IN_THIS_JVM.add(key)) {
            throw new IOException("directory " + dir + " is in use by another engine in this process");
        }
        try {
            FileChannel ch = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null;
            }
            if (held == null) {
                ch.close();
                throw new IOException("directory " + dir + " is in use by another engine (its LOCK file is held)");
            }
            return new DbDirectory(dir, io, key, ch, held);
        } catch (IOException | RuntimeException | Error e) {
            OPEN_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** How the engine writes its files (the test seam for a failing disk). */
    FileIO io() {
        return io;
    }

    public static String sstableFileName(long id) {
        return String.format("%06d.sst", id);
    }

    public static String walFileName(long id) {
        return String.format("%06d%s", id, WriteAheadLog.SUFFIX);
    }

    Path sstable(long id) {
        return path.resolve(sstableFileName(id));
    }

    Path wal(long id) {
        return path.resolve(walFileName(id));
    }

    /** The id in a file name like {@code 000042.sst}, or 0 when the name is not of that form. */
    static long fileId(Path f, String suffix) {
        String n = f.getFileName().toString();
        if (!n.endsWith(suffix)) {
            return 0;
        }
        String digits = n.substring(0, n.length() - suffix.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    /** The number of the next memtable or SSTable. */
    long newFileNumber() {
        return nextNumber.getAndIncrement();
    }

    /** Recovery found files numbered up to {@code max}: new ones come after. */
    void fileNumbersAfter(long max) {
        nextNumber.set(max + 1);
    }

    /** Fsyncs the directory, so that the files created in it survive a crash by name. */
    void sync() throws IOException {
        io.syncDirectory(path);
    }

    void delete(Path f) throws IOException {
        io.delete(f);
    }

    /** Best effort: a leftover file is removed at the next open. */
    void deleteQuietly(Path f) {
        try {
            io.delete(f);
        } catch (IOException ignored) {
            // removed at the next open
        }
    }

    /** Lets go of the directory: another engine may open it now. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
            lockFile.close();
        } finally {
            OPEN_IN_THIS_JVM.remove(jvmKey);
        }
    }
}
