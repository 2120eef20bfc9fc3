package lsmviz.engine.lock;

/** How a lock is held or wanted. */
public enum LockMode {
    /** The freeze lock: one holder at a time. */
    EXCLUSIVE("exclusive"),
    /** The state lock's shared side. */
    READ("read"),
    /** The state lock's exclusive side. */
    WRITE("write");

    private final String label;

    LockMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
