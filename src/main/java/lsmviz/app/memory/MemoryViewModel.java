package lsmviz.app.memory;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.GetVis;
import lsmviz.app.model.VisualState.MemtableVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.WindowPart;

/**
 * What the memory part of the window says: the active memtable (fill, entries, key range, newest
 * keys) and the immutable queue as a column of slots, newest on top, one slot per place the queue
 * has (at most {@link #MAX_SLOTS}; the last says how many more wait). Plain Java: derived from a
 * {@link VisualState} by {@link #update}, read through read-only properties.
 */
public final class MemoryViewModel implements WindowPart {
    /** The queue shows at most this many slots; a longer queue's last slot counts the rest. */
    public static final int MAX_SLOTS = 4;

    /** How a get's path touched a memtable. */
    public enum Probe { NONE, ASKED, FOUND }

    /**
     * One place in the immutable queue.
     *
     * @param id            the memtable's id, 0 for a free slot
     * @param title         "#3"; "free" for a free slot
     * @param oldest        whether it is the oldest, the one a flush takes next
     * @param detail        entries and size, "3 keys · 226 B"
     * @param range         its keys, "apple … cherry"
     * @param flushProgress how far its flush got (0..1), or -1 when it is not being flushed
     * @param flushText     "➜ SSTable #5" while it is flushed
     * @param hidden        for the last slot of a long queue: how many more memtables wait behind it
     */
    public record Slot(long id, String title, boolean oldest, String detail, String range, double flushProgress,
            String flushText, Probe probe, int hidden) {
        public boolean free() {
            return id == 0;
        }

        public boolean flushing() {
            return flushProgress >= 0;
        }
    }

    private final ReadOnlyLongWrapper activeId = new ReadOnlyLongWrapper(this, "activeId", -1);
    private final ReadOnlyStringWrapper activeTitle = new ReadOnlyStringWrapper(this, "activeTitle", "Active memtable");
    private final ReadOnlyDoubleWrapper fill = new ReadOnlyDoubleWrapper(this, "fill");
    private final ReadOnlyBooleanWrapper full = new ReadOnlyBooleanWrapper(this, "full");
    private final ReadOnlyStringWrapper gaugeText = new ReadOnlyStringWrapper(this, "gaugeText", "");
    private final ReadOnlyStringWrapper entries = new ReadOnlyStringWrapper(this, "entries", "");
    private final ReadOnlyStringWrapper range = new ReadOnlyStringWrapper(this, "range", "");
    private final ReadOnlyObjectWrapper<List<String>> recentKeys = new ReadOnlyObjectWrapper<>(this, "recentKeys", List.of());
    private final ReadOnlyObjectWrapper<Probe> activeProbe = new ReadOnlyObjectWrapper<>(this, "activeProbe", Probe.NONE);
    private final ReadOnlyStringWrapper queueTitle = new ReadOnlyStringWrapper(this, "queueTitle", "");
    private final ReadOnlyStringWrapper stall = new ReadOnlyStringWrapper(this, "stall", "");
    private final ReadOnlyObjectWrapper<List<Slot>> slots = new ReadOnlyObjectWrapper<>(this, "slots", List.of());
    private final ReadOnlyLongWrapper frozen = new ReadOnlyLongWrapper(this, "frozen", -1);

    @Override
    public void show(VisualState s, long now) {
        update(s);
    }

    /** Takes in the picture of one moment. */
    public void update(VisualState s) {
        MemtableVis a = s.active();
        long before = activeId.get();
        boolean froze = before >= 0 && a.id() != before && !s.immutables().isEmpty()
                && s.immutables().get(0).id() == before;
        activeId.set(a.id());
        set(activeTitle, a.id() == 0 ? "Active memtable: none yet" : "Active memtable #" + a.id());
        double f = Math.min(1.0, a.bytes() / (double) s.memtableLimit());
        fill.set(f);
        full.set(a.bytes() >= s.memtableLimit());
        set(gaugeText, gauge(a.bytes(), s.memtableLimit()));
        set(entries, Format.plural(a.entries(), "entry", "entries"));
        set(range, a.minKey() == null ? "no keys yet" : Format.keyRange(a.minKey(), a.maxKey()));
        if (!a.recentKeys().equals(recentKeys.get())) {
            recentKeys.set(a.recentKeys());
        }
        activeProbe.set(probe(s.getShown(), a.id()));

        int n = s.immutables().size();
        boolean queueFull = n >= s.maxImmutable();
        set(queueTitle, "Immutable queue, newest on top: " + n + " of " + s.maxImmutable() + (queueFull ? " (full)" : ""));
        set(stall, s.stalledWriters().isEmpty() ? "" : "Queue full, " + n + " of " + s.maxImmutable() + ": "
                + names(s.stalledWriters()) + (s.stalledWriters().size() == 1 ? " stalls" : " stall"));
        List<Slot> next = slots(s);
        if (!next.equals(slots.get())) {
            slots.set(next);
        }
        if (froze) {
            frozen.set(before);
        }
    }

    /** "writer-A, writer-B", or the first two and how many more. */
    static String names(List<String> threads) {
        return threads.size() <= 2 ? String.join(", ", threads)
                : threads.get(0) + ", " + threads.get(1) + " +" + (threads.size() - 2);
    }

    private static List<Slot> slots(VisualState s) {
        List<MemtableVis> queue = s.immutables();
        int count = Math.min(MAX_SLOTS, Math.max(s.maxImmutable(), queue.size()));
        List<Slot> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i >= queue.size()) {
                out.add(new Slot(0, "free", false, "", "", -1, "", Probe.NONE, 0));
                continue;
            }
            boolean last = i == count - 1;
            int hidden = last ? queue.size() - count : 0;
            // the last slot of a long queue shows the oldest memtable, the one the flusher takes
            MemtableVis m = hidden > 0 ? queue.get(queue.size() - 1) : queue.get(i);
            boolean oldest = m == queue.get(queue.size() - 1);
            out.add(slot(m, oldest, s.flush(), s.getShown(), hidden));
        }
        return List.copyOf(out);
    }

    private static Slot slot(MemtableVis m, boolean oldest, FlushVis flush, GetVis get, int hidden) {
        boolean flushing = flush != null && flush.memtableId() == m.id();
        double progress = !flushing ? -1 : flush.totalRecords() == 0 ? 1
                : Math.min(1.0, flush.recordsWritten() / (double) flush.totalRecords());
        String title = (hidden > 0 ? "+" + hidden + " more, then " : "") + "#" + m.id();
        return new Slot(m.id(), title, oldest, Format.plural(m.entries(), "key") + " · " + Format.bytes(m.bytes()),
                Format.keyRange(m.minKey(), m.maxKey()), progress, flushing ? "➜ SSTable #" + flush.sstableId() : "",
                probe(get, m.id()), hidden);
    }

    static Probe probe(GetVis get, long memtableId) {
        if (get == null) {
            return Probe.NONE;
        }
        Probe p = Probe.NONE;
        for (ProbeVis v : get.probes()) {
            if (v.memtable() && v.id() == memtableId) {
                p = v.verdict().equals("found") || v.verdict().equals("tombstone") ? Probe.FOUND : Probe.ASKED;
            }
        }
        return p;
    }

    private static void set(ReadOnlyStringWrapper w, String v) {
        if (!v.equals(w.get())) {
            w.set(v);
        }
    }

    public ReadOnlyLongProperty activeIdProperty() {
        return activeId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activeTitleProperty() {
        return activeTitle.getReadOnlyProperty();
    }

    /** How full the active memtable is, 0 to 1. */
    public ReadOnlyDoubleProperty fillProperty() {
        return fill.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fullProperty() {
        return full.getReadOnlyProperty();
    }

    /**
     * "14.5 / 16.0 KB 91%": the unit once when both sizes share it, so that the gauge reads whole in
     * a card squeezed by large text.
     */
    static String gauge(long bytes, long limit) {
        String used = Format.bytes(bytes);
        String max = Format.bytes(limit);
        String unit = max.substring(max.indexOf(' '));
        if (used.endsWith(unit)) {
            used = used.substring(0, used.length() - unit.length());
        }
        return used + " / " + max + " " + Math.round(100.0 * bytes / limit) + "%";
    }

    public ReadOnlyStringProperty gaugeTextProperty() {
        return gaugeText.getReadOnlyProperty();
    }

    /** "12 entries". */
    public ReadOnlyStringProperty entriesProperty() {
        return entries.getReadOnlyProperty();
    }

    /** "a001 … a012", the smallest and the largest key. */
    public ReadOnlyStringProperty rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** The newest keys written, newest first. */
    public ReadOnlyObjectProperty<List<String>> recentKeysProperty() {
        return recentKeys.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Probe> activeProbeProperty() {
        return activeProbe.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueTitleProperty() {
        return queueTitle.getReadOnlyProperty();
    }

    /** Who stalls waiting for a slot; empty when nobody does. */
    public ReadOnlyStringProperty stallProperty() {
        return stall.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Slot>> slotsProperty() {
        return slots.getReadOnlyProperty();
    }

    /** The id of the memtable frozen last (it now heads the queue): the view slides it there. */
    public ReadOnlyLongProperty frozenProperty() {
        return frozen.getReadOnlyProperty();
    }
}
