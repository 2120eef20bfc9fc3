package lsmviz.engine.types;


/** The two crashes {@link CrashableFileIO} simulates, and what each one loses. */
public enum CrashKind {
    /** The process dies (kill -9) while the machine keeps running. */
    PROCESS("Process crash", "the process crashed",
            "The process is killed (kill -9): everything it wrote to the operating system survives, synced or not."),
    /** The machine loses power. */
    POWER("Power cut", "the power was cut",
            "The power is cut: every byte not yet fsynced is lost, and files whose directory was not fsynced are forgotten.");

    private final String label;
    private final String cause;
    private final String description;

    CrashKind(String label, String cause, String description) {
        this.label = label;
        this.cause = cause;
        this.description = description;
    }

    /** A short name for a button or a headline: "Power cut". */
    public String label() {
        return label;
    }

    /** One sentence for the user: what this crash does and what it loses. */
    public String description() {
        return description;
    }

    /** Why a call failed after this crash: "write to 000012.wal: the power was cut (simulated)". */
    public String failure(String what) {
        return what + ": " + cause + " (simulated)";
    }
}
