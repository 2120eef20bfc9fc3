package lsmviz.engine.types;


/** When a write-ahead log record reaches the disk. */
public enum SyncMode {
    /** Written to the OS before the put returns; survives a killed process, not a power cut. */
    NONE,
    /** fsynced before each put returns. */
    SYNC,
    /** fsynced before each put returns, with one fsync shared by all puts waiting at that moment. */
    GROUP
}
