package lsmviz.engine.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive events of one thread, handed to a listener in one call
 * ({@link EventListener#onEvents}). They are numbered {@code firstSeq()}, {@code firstSeq() + 1},
 * ... in the order they happened, exactly as if they had come one by one.
 *
 * <p>Why batches: a put at full detail is five events (started, state lock acquired and released,
 * memtable written, finished). Handed over one by one, each costs a sequence number, a call into
 * every listener and the record itself, even for a listener that only counts them. A batch costs
 * one sequence-number reservation and one call, and {@link #get} builds an event only when a
 * listener asks for it. A batch is immutable once handed over and may be kept and read on any
 * thread.
 */
public interface EventBatch {
    /** The sequence number of the first event; the i-th has {@code firstSeq() + i}. */
    long firstSeq();

    /** How many events. */
    int size();

    /** The {@code i}-th event (0-based), built on each call. */
    EngineEvent get(int i);

    /** All the events, in order. */
    default List<EngineEvent> events() {
        List<EngineEvent> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(get(i));
        }
        return out;
    }
}
