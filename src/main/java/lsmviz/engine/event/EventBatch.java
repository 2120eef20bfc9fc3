package lsmviz.engine.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive events of one thread, handed to a listener in one call
 * ({@link EventListener#onEvents}), in the order they happened, with increasing sequence numbers,
 * exactly as if they had come one by one. (The numbers need not be consecutive: another thread's
 * event may fall between two of them.)
 *
 * <p>Why batches: a put at full detail is five events (started, state lock acquired and released,
 * memtable written, finished). Handed over one by one, each costs a sequence number, a call into
 * every listener and the record itself, even for a listener that only counts them. A batch costs
 * one call; {@link #get} builds an event only when a listener asks for it, and what the batch
 * can leave to that moment (its sequence numbers, the time of its last events, which happen as the
 * call is made) is settled when a listener first looks, during the call.
 *
 * <p>A batch is valid only during the {@link EventListener#onEvents} call that hands it over (the
 * engine reuses it for the thread's next operation): a listener that keeps events builds them
 * during the call, or keeps a {@link #copy()}, which is immutable and may be read on any thread.
 */
public interface EventBatch {
    /** The sequence number of the first event. */
    long firstSeq();

    /** How many events. */
    int size();

    /** The {@code i}-th event (0-based), built on each call. */
    EngineEvent get(int i);

    /** A batch with the same events that stays valid after the call: it may be kept and read on any thread. */
    EventBatch copy();

    /** All the events, in order. */
    default List<EngineEvent> events() {
        List<EngineEvent> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(get(i));
        }
        return out;
    }
}
