package lsmviz.app.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.workload.Workload;

/**
 * What the window's parts may ask of the engine behind it, in plain values: commands, stepping,
 * inspection and the live lock table. No view or view-model holds an engine object; they hold
 * this. Every method returns at once: commands run on the session's worker threads (a paused
 * engine never freezes the window) and complete their future with one sentence to show, or fail
 * with the reason.
 */
public interface SessionPort {

    CompletableFuture<String> put(String key, String value);

    CompletableFuture<String> get(String key);

    CompletableFuture<String> delete(String key);

    /** Up to eight entries from {@code from} (null: the first key) and how many more there are. */
    CompletableFuture<String> scan(String from);

    CompletableFuture<String> freeze();

    CompletableFuture<String> flush();

    CompletableFuture<String> setAutoFlush(boolean on);

    /**
     * Crashes the engine (simulated): a process crash or a power cut. Completes with what the crash
     * lost, in words; the engine stays dead until {@link #recover()}.
     */
    CompletableFuture<String> crash(lsmviz.engine.types.CrashKind kind);

    /**
     * Opens the crashed directory again, with the flusher and compactor off so that what came back
     * stays on screen. Completes with what recovery found, compared with what the crash left.
     */
    CompletableFuture<String> recover();

    CompletableFuture<String> startWorkload(Workload.Settings settings);

    CompletableFuture<String> stopWorkload();

    /** The workload now (never blocks). */
    WorkloadStatus workload();

    /** The entries of a memtable still in memory, in key order, at most {@code limit}. */
    CompletableFuture<List<MemtableEntry>> memtableEntries(long memtableId, int limit);

    /** Everything about one live SSTable: its parts, its blocks. */
    CompletableFuture<TableDetails> sstable(long sstableId);

    /** Reads every block of a live SSTable and checks every checksum. */
    CompletableFuture<Void> verifySSTable(long sstableId);

    /** The step gate of whichever engine is open now (never blocks). */
    StepControl steps();

    /**
     * How many events the window wants: every event, or structure only (at full speed). The
     * engine is told on a worker thread.
     */
    void setEventDetail(lsmviz.engine.event.EventListener.Detail detail);

    /** Who holds and who waits for each lock right now, freeze lock first (never blocks; empty with no engine). */
    List<LockVis> liveLocks();

    /** The workload as the window shows it. */
    record WorkloadStatus(boolean running, long operations, long opsPerSecondSetting, String failure) {
        public static final WorkloadStatus NONE = new WorkloadStatus(false, 0, 0, null);

        /** A workload that runs faster than anyone can follow (unlimited, or above {@code fast}). */
        public boolean fasterThan(long fast) {
            return running && (opsPerSecondSetting == 0 || opsPerSecondSetting > fast);
        }
    }

    /** One entry of a memtable; {@code value} is null for a tombstone. */
    record MemtableEntry(String key, String value) {
        public boolean tombstone() {
            return value == null;
        }
    }

    /**
     * One SSTable, as its dialog shows it.
     *
     * @param facts  label and value pairs, in order: file, size, entries, keys, data, bloom filter,
     *               index, footer
     * @param blocks the data blocks as the block index lists them
     */
    record TableDetails(long id, List<Fact> facts, List<BlockRow> blocks) {
        public TableDetails {
            facts = List.copyOf(facts);
            blocks = List.copyOf(blocks);
        }
    }

    /** A label and its value. */
    record Fact(String label, String value) {}

    /** One data block: where it is, how big, how many keys and which. */
    record BlockRow(int blockNo, long offset, int bytes, int keys, String firstKey, String lastKey) {}
}
