package lsmviz.app.dialogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import lsmviz.engine.types.CorruptionException;

/**
 * What went wrong, told apart by the type of what was thrown, and said in words for the user: what
 * happened and what to do. One place knows the kinds.
 */
public final class Problems {
    private Problems() {}

    /** Kinds of failure the window treats differently. */
    public enum Kind {
        /** A file of the data directory is damaged (a checksum, a record that cannot be read). */
        DAMAGED,
        /** The directory or a file may not be written. */
        NOT_WRITABLE,
        /** The disk has no room left. */
        DISK_FULL,
        /** Another input or output failure. */
        DISK,
        /** The user's input or request cannot be done (a bad key, no engine open). */
        REFUSED,
        /** Anything else: a bug, worth the exception's name. */
        OTHER
    }

    public static Kind kind(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof CorruptionException) {
            return Kind.DAMAGED;
        }
        if (c instanceof AccessDeniedException) {
            return Kind.NOT_WRITABLE;
        }
        if (c instanceof IOException io) {
            return isDiskFull(io) ? Kind.DISK_FULL : Kind.DISK;
        }
        if (c instanceof IllegalArgumentException || c instanceof IllegalStateException) {
            return Kind.REFUSED;
        }
        return Kind.OTHER;
    }

    /**
     * Java has no exception type for a full disk: the operating system's reason ({@code ENOSPC},
     * "No space left on device") is the only sign, in the exception's reason or message.
     */
    private static boolean isDiskFull(IOException io) {
        String reason = io instanceof FileSystemException f && f.getReason() != null ? f.getReason() : io.getMessage();
        return reason != null && reason.contains("No space left");
    }

    /** Whether the failure concerns the data directory: worth a dialog, not only a line. */
    public static boolean aboutTheDisk(Throwable t) {
        Kind k = kind(t);
        return k == Kind.DAMAGED || k == Kind.NOT_WRITABLE || k == Kind.DISK_FULL || k == Kind.DISK;
    }

    /** What happened and what to do, in words for the user. */
    public static String explain(Throwable t) {
        Throwable c = unwrap(t);
        return switch (kind(c)) {
            case DAMAGED -> "Damaged data: " + c.getMessage() + ". Nothing was changed. Open another directory, or run "
                    + "'lsmviz verify' on this one to see every damaged file.";
            case NOT_WRITABLE -> "Cannot write to " + ((AccessDeniedException) c).getFile()
                    + ": choose a directory you may write to.";
            case DISK_FULL -> "The disk is full: " + c.getMessage() + ". What was stored is safe; free some space and go on.";
            case DISK -> "The disk said no: " + c.getMessage() + ". What was stored is safe.";
            case REFUSED -> c.getMessage();
            case OTHER -> c.getClass().getSimpleName() + ": " + c.getMessage();
        };
    }

    /** The heading of a problem's dialog. */
    public static String heading(Throwable t) {
        return switch (kind(t)) {
            case DAMAGED -> "A file in the data directory is damaged";
            case DISK_FULL -> "The disk is full";
            default -> "The data directory cannot be used";
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof UncheckedIOException || c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
