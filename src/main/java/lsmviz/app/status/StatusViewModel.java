package lsmviz.app.status;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.Format;
import lsmviz.app.locks.LocksViewModel;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.app.model.WindowPart;

/**
 * The status bar's counts and flags: operations a second, memtables, SSTables, bytes on disk, the
 * directory, and a flag when writers are held up: stalled by a full immutable queue, or blocked
 * for more than {@link LocksViewModel#BLOCKED_AFTER_NANOS} behind a lock (a writer waiting for
 * the freeze lock a paused flusher holds is stalled just as surely). Plain Java.
 */
public final class StatusViewModel implements WindowPart {
    private final ReadOnlyStringWrapper ops = new ReadOnlyStringWrapper(this, "ops", "ops/s: 0");
    private final ReadOnlyStringWrapper memtables = new ReadOnlyStringWrapper(this, "memtables", "");
    private final ReadOnlyStringWrapper sstables = new ReadOnlyStringWrapper(this, "sstables", "");
    private final ReadOnlyStringWrapper disk = new ReadOnlyStringWrapper(this, "disk", "");
    private final ReadOnlyStringWrapper flag = new ReadOnlyStringWrapper(this, "flag", "");
    private final ReadOnlyStringWrapper directory = new ReadOnlyStringWrapper(this, "directory", "");

    @Override
    public void show(VisualState s, long now) {
        update(s, now);
    }

    /** A stall's duration grows while nothing happens. */
    @Override
    public void tick(VisualState shown, long now) {
        update(shown, now);
    }

    /** Takes in the picture of one moment ({@code nowNanos}: when, for how long threads have waited). */
    public void update(VisualState s, long nowNanos) {
        set(memtables, "memtables: 1 active + " + s.immutables().size() + " immutable");
        set(sstables, "SSTables: " + Format.count(s.sstables().size()));
        set(disk, "on disk: " + Format.bytes(s.bytesOnDisk()));
        set(flag, flag(s, nowNanos));
        set(directory, s.directory());
    }

    static String flag(VisualState s, long now) {
        List<String> parts = new ArrayList<>();
        if (s.crash() != null) {
            return "ENGINE DEAD: " + s.crash().kind().toLowerCase(java.util.Locale.ROOT) + " (Recover opens it again)";
        }
        if (!s.stalledWriters().isEmpty()) {
            parts.add("WRITE STALL: " + String.join(", ", s.stalledWriters()) + " (queue full)");
        }
        int blocked = 0;
        for (LockVis l : s.locks()) {
            for (WaiterVis w : l.waiters()) {
                long waited = now - w.sinceNanos();
                if (waited >= LocksViewModel.BLOCKED_AFTER_NANOS && !s.stalledWriters().contains(w.thread())) {
                    if (blocked++ == 0) {
                        parts.add("BLOCKED " + Format.seconds(waited) + ": " + w.thread() + " waits for the " + l.name());
                    }
                }
            }
        }
        if (blocked > 1) {
            parts.add("+" + (blocked - 1) + " more");
        }
        return String.join("  ·  ", parts);
    }

    /** Operations a second, measured by the window twice a second. */
    public void setOpsPerSecond(double opsPerSecond) {
        set(ops, opsPerSecond < 0 ? "ops/s: –" : "ops/s: " + Format.count(Math.round(opsPerSecond)));
    }

    private static void set(ReadOnlyStringWrapper w, String v) {
        if (!v.equals(w.get())) {
            w.set(v);
        }
    }

    public ReadOnlyStringProperty opsProperty() {
        return ops.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memtablesProperty() {
        return memtables.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sstablesProperty() {
        return sstables.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diskProperty() {
        return disk.getReadOnlyProperty();
    }

    /** A stall or a long block, or empty. */
    public ReadOnlyStringProperty flagProperty() {
        return flag.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty directoryProperty() {
        return directory.getReadOnlyProperty();
    }
}
