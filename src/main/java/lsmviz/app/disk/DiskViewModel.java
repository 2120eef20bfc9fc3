package lsmviz.app.disk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.ProbeVis;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * What the disk part of the window shows: a title that counts the tables and bytes, and the shelf
 * (the tables newest first, the one a flush is writing, and what the latest get's path said of
 * each table). Plain Java, derived from a {@link VisualState}.
 */
public final class DiskViewModel {

    /**
     * The shelf's contents.
     *
     * @param tables   the live SSTables, newest first
     * @param flush    the flush under way, or null
     * @param verdicts what the latest get said of each table it asked, by table id
     */
    public record Shelf(List<SSTableVis> tables, FlushVis flush, Map<Long, String> verdicts) {
        public static final Shelf EMPTY = new Shelf(List.of(), null, Map.of());

        /** How many tiles: the tables and the one being written. */
        public int tiles() {
            return tables.size() + (flush != null ? 1 : 0);
        }
    }

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Disk: no SSTables yet");
    /** The table list {@link #levels} was counted from (lists are shared while no table comes or goes). */
    private List<SSTableVis> levelsOf;
    private String levels = "";
    private final ReadOnlyObjectWrapper<Shelf> shelf = new ReadOnlyObjectWrapper<>(this, "shelf", Shelf.EMPTY);

    public void update(VisualState s) {
        int n = s.sstables().size();
        FlushVis f = s.flush();
        if (s.sstables() != levelsOf) {
            levelsOf = s.sstables();
            levels = perLevel(levelsOf);
        }
        String t = "Disk: " + Format.plural(n, "SSTable") + ", " + Format.bytes(s.bytesOnDisk()) + levels
                + (f != null ? "  ·  writing SSTable #" + f.sstableId() + " from memtable #" + f.memtableId() : "");
        if (!t.equals(title.get())) {
            title.set(t);
        }
        Map<Long, String> verdicts = new HashMap<>();
        if (s.lastGet() != null) {
            for (ProbeVis p : s.lastGet().probes()) {
                if (!p.memtable()) {
                    verdicts.put(p.id(), p.verdict());
                }
            }
        }
        Shelf next = new Shelf(s.sstables(), f, Map.copyOf(verdicts));
        Shelf now = shelf.get();
        // the table list is shared between pictures while no table comes or goes: compare cheaply
        if (now.tables() != next.tables() || !java.util.Objects.equals(now.flush(), next.flush())
                || !now.verdicts().equals(next.verdicts())) {
            shelf.set(next);
        }
    }

    /** " (L0 3 · L1 4)": tables per level, or nothing when there are none. */
    private static String perLevel(List<SSTableVis> tables) {
        java.util.TreeMap<Integer, Integer> count = new java.util.TreeMap<>();
        for (SSTableVis t : tables) {
            count.merge(t.level(), 1, Integer::sum);
        }
        if (count.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        count.forEach((level, c) -> b.append(b.length() > 2 ? " · " : "").append('L').append(level).append(' ')
                .append(Format.count(c)));
        return b.append(')').toString();
    }

    /** "Disk: 7 SSTables, 1.2 KB (L0 3 · L1 4)", and the table a flush is writing. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Shelf> shelfProperty() {
        return shelf.getReadOnlyProperty();
    }
}
