package lsmviz.app.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;

/** One lock as the projection folds it: holders (counting re-entrant holds) and waiters in queue order. */
final class MutableLock {
    final String name;
    /** thread -> hold, with a count for re-entrant holds. */
    final Map<String, HolderVis> holders = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();
    final Map<String, WaiterVis> waiters = new LinkedHashMap<>();

    MutableLock(String name) {
        this.name = name;
    }

    void acquired(String thread, String mode, long nanos) {
        waiters.remove(thread);
        String key = thread + "\u0000" + mode;
        int n = counts.merge(key, 1, Integer::sum);
        if (n == 1) {
            holders.put(key, new HolderVis(thread, mode, nanos));
        }
    }

    void released(String thread, String mode) {
        String key = thread + "\u0000" + mode;
        Integer n = counts.get(key);
        if (n == null) {
            return; // acquired before we started listening
        }
        if (n <= 1) {
            counts.remove(key);
            holders.remove(key);
        } else {
            counts.put(key, n - 1);
        }
    }

    /**
     * Takes the lock table's word for who holds and waits now; returns whether that changed the
     * picture. Holds the table shows once count once (it does not count re-entrant holds).
     */
    boolean sampled(LockVis now) {
        if (vis().equals(now)) {
            return false;
        }
        holders.clear();
        counts.clear();
        waiters.clear();
        for (HolderVis h : now.holders()) {
            String key = h.thread() + "\u0000" + h.mode();
            holders.put(key, h);
            counts.put(key, 1);
        }
        for (WaiterVis w : now.waiters()) {
            waiters.put(w.thread(), w);
        }
        return true;
    }

    LockVis vis() {
        return new LockVis(name, List.copyOf(holders.values()), List.copyOf(waiters.values()));
    }

    MutableLock copy() {
        MutableLock c = new MutableLock(name);
        c.holders.putAll(holders);
        c.counts.putAll(counts);
        c.waiters.putAll(waiters);
        return c;
    }
}
