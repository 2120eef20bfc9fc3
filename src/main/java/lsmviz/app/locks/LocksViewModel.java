package lsmviz.app.locks;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.LsmEngine;

/**
 * What the lock part of the window says about the freeze lock and the state lock: who holds each
 * (thread, mode, for how long, paused or not) and who waits, in queue order, with the mode they
 * want; a thread that has waited longer than {@link #BLOCKED_AFTER_NANOS} is marked blocked.
 * Plain Java: {@link #update} takes a picture and the time, the properties give plain records.
 */
public final class LocksViewModel implements WindowPart {
    /** Waiters shown per lock; more are counted. */
    public static final int MAX_WAITERS = 3;
    /** Readers named on a shared lock's holder line; more are counted. */
    public static final int MAX_HOLDERS = 3;
    /** A waiter that has waited this long is flagged: it is stuck behind someone. */
    public static final long BLOCKED_AFTER_NANOS = 1_000_000_000L;

    /**
     * One thread in a lock card: its name (for its colour), what to say about it, and, for the
     * holder, a second line (how long, paused or not).
     */
    public record ThreadLine(String thread, String text, String more, boolean paused, boolean blocked) {}

    /**
     * One lock as its card shows it.
     *
     * @param holders  who holds it: no line when it is free, else one (naming several readers when many share it)
     * @param waiters  the first {@link #MAX_WAITERS} waiters, in queue order
     * @param more     how many more wait behind those
     */
    public record Card(String lock, String title, String kind, List<ThreadLine> holders, List<ThreadLine> waiters,
            int more) {
        public boolean held() {
            return !holders.isEmpty();
        }
    }

    private final ReadOnlyObjectWrapper<Card> freeze = new ReadOnlyObjectWrapper<>(this, "freeze",
            card(LsmEngine.FREEZE_LOCK, null, List.of(), 0));
    private final ReadOnlyObjectWrapper<Card> state = new ReadOnlyObjectWrapper<>(this, "state",
            card(LsmEngine.STATE_LOCK, null, List.of(), 0));

    @Override
    public void show(VisualState s, long now) {
        update(s, now);
    }

    /** How long a lock has been held or waited for grows while nothing happens. */
    @Override
    public void tick(VisualState shown, long now) {
        update(shown, now);
    }

    /** Takes in the locks of {@code s} as they were at {@code nowNanos}. */
    public void update(VisualState s, long nowNanos) {
        set(freeze, card(LsmEngine.FREEZE_LOCK, s.lock(LsmEngine.FREEZE_LOCK), s.paused(), nowNanos));
        set(state, card(LsmEngine.STATE_LOCK, s.lock(LsmEngine.STATE_LOCK), s.paused(), nowNanos));
    }

    private static void set(ReadOnlyObjectWrapper<Card> w, Card c) {
        if (!c.equals(w.get())) {
            w.set(c);
        }
    }

    static Card card(String name, LockVis lock, List<PausedVis> paused, long now) {
        boolean freezeLock = name.equals(LsmEngine.FREEZE_LOCK);
        String title = freezeLock ? "Freeze lock" : "State lock";
        String kind = freezeLock ? "mutex: one freeze or flush at a time" : "read-write: guards the engine's state";
        List<HolderVis> hs = lock == null ? List.of() : lock.holders();
        List<WaiterVis> ws = lock == null ? List.of() : lock.waiters();
        List<ThreadLine> holders = new ArrayList<>();
        if (hs.size() == 1) {
            HolderVis h = hs.get(0);
            boolean p = isPaused(paused, h.thread());
            holders.add(new ThreadLine(h.thread(), h.thread() + " (" + h.mode() + ")",
                    "for " + Format.seconds(now - h.sinceNanos()) + (p ? " · paused at a step" : ""), p, false));
        } else if (!hs.isEmpty()) {
            // several readers share it: one line names the first few and counts the rest
            List<String> names = new ArrayList<>();
            int pausedCount = 0;
            for (int i = 0; i < hs.size(); i++) {
                pausedCount += isPaused(paused, hs.get(i).thread()) ? 1 : 0;
                if (i < MAX_HOLDERS) {
                    names.add(hs.get(i).thread());
                }
            }
            String more = hs.size() > MAX_HOLDERS ? " +" + (hs.size() - MAX_HOLDERS) : "";
            holders.add(new ThreadLine(hs.get(0).thread(), String.join(", ", names) + more + " (" + hs.get(0).mode() + ")",
                    Format.plural(hs.size(), "reader") + " share it" + (pausedCount > 0 ? " · " + pausedCount + " paused" : ""),
                    pausedCount > 0, false));
        }
        List<ThreadLine> waiters = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_WAITERS, ws.size()); i++) {
            WaiterVis w = ws.get(i);
            long waited = now - w.sinceNanos();
            boolean blocked = waited >= BLOCKED_AFTER_NANOS;
            boolean p = isPaused(paused, w.thread());
            // a waiter's time is told once it is long: then it is blocked (shown in red)
            waiters.add(new ThreadLine(w.thread(), (i + 1) + ". " + w.thread() + " wants " + w.mode()
                    + (blocked ? " (" + Format.seconds(waited) + ")" : "") + (p ? ", paused" : ""), "", p, blocked));
        }
        return new Card(name, title, kind, List.copyOf(holders), List.copyOf(waiters),
                Math.max(0, ws.size() - MAX_WAITERS));
    }

    private static boolean isPaused(List<PausedVis> paused, String thread) {
        return paused.stream().anyMatch(p -> p.thread().equals(thread));
    }

    public ReadOnlyObjectProperty<Card> freezeLockProperty() {
        return freeze.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Card> stateLockProperty() {
        return state.getReadOnlyProperty();
    }
}
