package lsmviz.app.trace;

import java.io.IOException;

/**
 * A trace file that cannot be read as a trace: the message names the line (1-based) and what is
 * wrong with it, e.g. {@code line 7: unknown event type "MemtableMelted"}.
 */
public final class TraceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long line;

    /**
     * @param line   the 1-based line number the problem is on
     * @param detail what is wrong there
     */
    public TraceFormatException(long line, String detail) {
        super("line " + line + ": " + detail);
        this.line = line;
    }

    /**
     * @param line   the 1-based line number the problem is on
     * @param detail what is wrong there
     * @param cause  the parser's or decoder's own complaint
     */
    public TraceFormatException(long line, String detail, Throwable cause) {
        super("line " + line + ": " + detail, cause);
        this.line = line;
    }

    /** The 1-based line number of the problem. */
    public long line() {
        return line;
    }
}
