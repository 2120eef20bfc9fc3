package lsmviz.engine.io;

import java.io.IOException;
import lsmviz.engine.types.CrashKind;

/**
 * What every file operation throws once {@link CrashableFileIO#crash} has run: to the engine an
 * ordinary I/O error; to the window, a way to tell a simulated crash from a real failure.
 */
public final class SimulatedCrashException extends IOException {
    private static final long serialVersionUID = 1L;

    private final CrashKind kind;

    SimulatedCrashException(CrashKind kind, String what) {
        super(kind.failure(what));
        this.kind = kind;
    }

    public CrashKind kind() {
        return kind;
    }
}
