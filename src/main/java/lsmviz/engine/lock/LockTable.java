package lsmviz.engine.lock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers, at any moment, who holds and who waits on each of the engine's locks. */
public final class LockTable {
    private final List<LockTrace> locks = new CopyOnWriteArrayList<>();

    void register(LockTrace trace) {
        locks.add(trace);
    }

    /** Every lock, in the order they were created (freeze lock first, then the state lock). */
    public List<LockView> snapshot() {
        return locks.stream().map(LockTrace::view).toList();
    }

    public LockView view(String lock) {
        return locks.stream().filter(t -> t.name().equals(lock)).findFirst()
                .map(LockTrace::view)
                .orElseThrow(() -> new IllegalArgumentException("no lock named " + lock));
    }
}
