package lsmviz.engine.step;

/**
 * The named places in the engine where the step gate may pause a thread. Each has a one-line
 * narration and a marker comment {@code // @probe NAME} on the line above its call in the engine
 * source, so a viewer can show the real line of code that is about to run.
 */
public enum ProbePoint {
    PUT_MAKE_ROOM(Kind.PUT, "Put: make room before writing — write at once, freeze the full memtable, or stall (no lock held)"),
    PUT_WRITE_MEMTABLE(Kind.PUT, "Put: write the key into the active memtable (state read lock held)"),
    PUT_CHECK_ROOM(Kind.PUT, "Put: the active memtable is full — make room by freezing it"),
    DELETE_WRITE_TOMBSTONE(Kind.PUT, "Delete: write a tombstone for the key into the active memtable"),
    GET_PROBE_MEMTABLE(Kind.GET, "Get: look for the key in a memtable, newest first"),
    GET_PROBE_SSTABLE(Kind.GET, "Get: ask an SSTable — key range, then bloom filter, then one block"),
    FREEZE_RECHECK(Kind.FREEZE, "Freeze: freeze lock held — re-check that the memtable still needs freezing"),
    FREEZE_SWAP(Kind.FREEZE, "Freeze: state write lock held — the active memtable joins the immutable queue, a new one takes its place"),
    FLUSH_SELECT_OLDEST(Kind.FLUSH, "Flush, step 1 of 5: select the oldest immutable memtable (state read lock held)"),
    FLUSH_ITERATE(Kind.FLUSH, "Flush, step 2 of 5: iterate over the memtable's records in key order (no state lock held)"),
    FLUSH_WRITE_RECORD(Kind.FLUSH, "Flush, step 3 of 5: write the next record into the new SSTable"),
    FLUSH_ADD_SSTABLE(Kind.FLUSH, "Flush, step 4 of 5: add the new SSTable to the engine's list (state write lock held)"),
    FLUSH_REMOVE_MEMTABLE(Kind.FLUSH, "Flush, step 5 of 5: remove the flushed memtable from the queue (same write-locked swap)"),
    COMPACT_PICK(Kind.COMPACT, "Compact: the policy picked tables to merge (no lock held: the tables are immutable)"),
    COMPACT_MERGE_RECORD(Kind.COMPACT, "Compact: merge the next record (the newest version of each key wins; no lock held)"),
    COMPACT_SEAL_OUTPUT(Kind.COMPACT, "Compact: an output table reached its target size — finish it and fsync it"),
    COMPACT_INSTALL(Kind.COMPACT, "Compact: freeze lock held — record the change in the manifest, then swap under the state write lock"),
    COMPACT_DELETE_OBSOLETE(Kind.COMPACT, "Compact: the input tables are obsolete — delete each file once no reader uses it"),
    RECOVER_MANIFEST(Kind.RECOVER, "Recover: replay the manifest — which SSTables are live, and in which level"),
    RECOVER_REMOVE_LEFTOVER(Kind.RECOVER, "Recover: remove a file nobody needs — left by a flush or compaction that died half-way"),
    RECOVER_REPLAY_LOG(Kind.RECOVER, "Recover: replay a write-ahead log into its own memtable — a torn tail is cut off");

    /**
     * Kinds, for breakpoints by kind of operation. Each kind's points are marked in one source
     * file of the engine (package {@code lsmviz.engine}): the file of that story.
     */
    public enum Kind {
        PUT("LsmEngine"), GET("Lookup"), FREEZE("Freeze"), FLUSH("Flush"), COMPACT("Compaction"), RECOVER("Recovery");

        private final String story;

        Kind(String story) {
            this.story = story;
        }

        /** The class whose source holds this kind's markers, e.g. {@code Flush}. */
        public String story() {
            return story;
        }
    }

    /** Every engine source file that holds markers, each once, in the order of the kinds. */
    public static java.util.List<String> sourceFiles() {
        return java.util.Arrays.stream(Kind.values()).map(k -> k.story() + ".java").distinct().toList();
    }

    private final Kind kind;
    private final String narration;

    ProbePoint(Kind kind, String narration) {
        this.kind = kind;
        this.narration = narration;
    }

    public Kind kind() {
        return kind;
    }

    public String narration() {
        return narration;
    }

    /** The marker text that precedes this point's call in the engine source. */
    public String marker() {
        return "// @probe " + name();
    }
}
