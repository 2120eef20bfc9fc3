package lsmviz.engine.types;

import java.nio.file.Path;

/**
 * A checksum or structure mismatch in a file the engine owns. The engine never returns a value
 * from data that failed its check; it throws this instead. The message names the file, the
 * offset and what was expected.
 */
public final class CorruptionException extends RuntimeException {
    private final transient Path file;
    private final long offset;

    /** {@code offset} -1: the damage is the file as a whole (a missing file), not a place in it. */
    public CorruptionException(Path file, long offset, String what) {
        super(offset < 0 ? file + ": " + what : "corruption in " + file + " at offset " + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
