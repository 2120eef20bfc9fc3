package lsmviz.engine.lock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers, at any moment, who holds and who waits on each of the engine's locks. */
public final class LockTable {
    private final List<LockTrace> locks = new CopyOnWriteArrayList<>();
    /** The locks as they stood when the engine died, or null while it lives. */
    private volatile List<LockView> frozen;

    void register(LockTrace trace) {
        locks.add(trace);
    }

    /** Every lock, in the order they were created (freeze lock first, then the state lock). */
    public List<LockView> snapshot() {
        List<LockView> f = frozen;
        return f != null ? f : locks.stream().map(LockTrace::view).toList();
    }

    public LockView view(String lock) {
        return snapshot().stream().filter(v -> v.lock().equals(lock)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lock named " + lock));
    }

    /**
     * The engine crashed: from now on the table answers with who held and who waited at that
     * moment (the dead engine's threads let go as they unwind, which no crash would do).
     */
    public void freeze() {
        frozen = locks.stream().map(LockTrace::view).toList();
    }
}
