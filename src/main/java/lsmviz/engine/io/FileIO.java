package lsmviz.engine.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The engine's one way to open files for writing: a test seam. Production uses {@link #DEFAULT};
 * tests pass a fault-injecting implementation (write errors, a full disk) to check that the engine
 * reports the error and keeps what it acknowledged.
 */
public interface FileIO {
    FileIO DEFAULT = new FileIO() {
        @Override
        public FileChannel open(Path path, OpenOption... options) throws IOException {
            return FileChannel.open(path, options);
        }
    };

    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Makes a writable mapping's changes durable (msync); a test layer can make it fail. */
    default void syncMapped(MappedByteBuffer map) throws IOException {
        try {
            map.force();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Makes the directory's entries durable (a new file's name survives a crash): the fsync of the
     * directory itself that POSIX asks for after creating a file. A failure is an
     * {@link IOException}, never ignored. Windows alone skips it: a directory cannot be opened
     * as a file there, and NTFS journals its directory entries itself.
     */
    default void syncDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    default void delete(Path path) throws IOException {
        Files.deleteIfExists(path);
    }
}
