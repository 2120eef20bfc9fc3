package lsmviz.app.disk;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.SSTableVis;
import lsmviz.app.model.WindowPart;

/**
 * What the disk part of the window shows: a title that counts the tables and bytes, and the
 * picture of the levels ({@link LevelsPicture}: tables, flush, compactions, obsolete tables, the
 * latest get, the levels' report, the key line). Plain Java, derived from a {@link VisualState}.
 */
public final class DiskViewModel implements WindowPart {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Disk: no SSTables yet");
    /** The table list {@link #levels} was counted from (lists are shared while no table comes or goes). */
    private List<SSTableVis> levelsOf;
    private String levels = "";
    private final ReadOnlyObjectWrapper<LevelsPicture> picture = new ReadOnlyObjectWrapper<>(this, "picture",
            LevelsPicture.EMPTY);
    private final javafx.beans.property.StringProperty key = new javafx.beans.property.SimpleStringProperty(this, "key");
    private VisualState last;

    public DiskViewModel() {
        key.addListener((o, was, k) -> {
            if (last != null) {
                update(last);
            }
        });
    }

    /** The key typed in the key field: its line runs down through the levels. */
    public javafx.beans.property.StringProperty keyProperty() {
        return key;
    }

    @Override
    public void show(VisualState s, long now) {
        update(s);
    }

    /** Hundreds of tables take a while to lay out: redrawn less often then. */
    @Override
    public boolean heavy() {
        return true;
    }

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
        last = s;
        LevelsPicture next = LevelsPicture.of(s, key.get());
        if (!next.equals(picture.get())) {
            picture.set(next);
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

    public ReadOnlyObjectProperty<LevelsPicture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }
}
