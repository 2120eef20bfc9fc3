package lsmviz.engine.event;

import java.util.List;
import lsmviz.engine.event.EngineEvent.SSTableSummary;

/**
 * The engine's structure at one moment, as plain facts for tools and views.
 *
 * @param active     the active memtable
 * @param immutables immutable memtables, newest first
 * @param sstables   SSTables, newest first
 * @param listenerErrors how many times an event listener has thrown (each is also reported as an
 *                   error event: see {@link lsmviz.engine.event.EventBus})
 */
public record EngineSnapshot(MemtableSummary active, List<MemtableSummary> immutables, List<SSTableSummary> sstables,
        long listenerErrors) {

    /** Plain facts about one memtable. Key bounds are null when it is empty. */
    public record MemtableSummary(long id, long sizeBytes, long entries, String minKey, String maxKey) {}

    public long sstableBytes() {
        return sstables.stream().mapToLong(SSTableSummary::fileSize).sum();
    }

    public long memtableBytes() {
        return active.sizeBytes() + immutables.stream().mapToLong(MemtableSummary::sizeBytes).sum();
    }

    /** One line for a status bar or the CLI's {@code stats}. */
    public String summaryLine() {
        return "memtables: 1 active (#" + active.id() + ", " + active.entries() + " entries, " + active.sizeBytes()
                + " B) + " + immutables.size() + " immutable (" + (memtableBytes() - active.sizeBytes()) + " B)"
                + "; sstables: " + sstables.size() + " (" + sstables.stream().mapToLong(SSTableSummary::entries).sum()
                + " entries, " + sstableBytes() + " B on disk)"
                + (listenerErrors == 0 ? "" : "; listener errors: " + listenerErrors);
    }
}
