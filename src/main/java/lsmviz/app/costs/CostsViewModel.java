package lsmviz.app.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.CostPoint;
import lsmviz.app.model.WindowPart;
import lsmviz.engine.inspect.LevelsReport;

/**
 * What the Costs tab shows, derived from the picture: one row per level in the style of RocksDB's
 * compaction stats (files, size, score, bytes read from above and from the level, written, moved,
 * compactions, W-Amp), the totals in words, and the cost over time (write amplification and L0's
 * tables, one point per report of the levels). Plain Java.
 */
public final class CostsViewModel implements WindowPart {
    /** One level's row; byte counts as text. */
    public record Row(String level, int files, String size, String score, String readAbove, String readHere,
            String written, String moved, long compactions, String writeAmp) {}

    /** The series, in seconds since the first point. */
    public record Series(List<double[]> writeAmplification, List<double[]> l0Tables) {
        public static final Series EMPTY = new Series(List.of(), List.of());
    }

    private final ReadOnlyObjectWrapper<List<Row>> rows = new ReadOnlyObjectWrapper<>(this, "rows", List.of());
    private final ReadOnlyObjectWrapper<Series> series = new ReadOnlyObjectWrapper<>(this, "series", Series.EMPTY);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary",
            "No levels yet: the engine reports them after its first flush.");
    private VisualState.LevelsVis shownLevels;
    private List<CostPoint> shownCosts;

    /** The chart is of minutes: it follows at the ticks, twice a second, not at every redraw. */
    @Override
    public void show(VisualState s, long now) {
    }

    @Override
    public void tick(VisualState shown, long now) {
        update(shown);
    }

    public void update(VisualState s) {
        if (s.levels() != shownLevels) {
            shownLevels = s.levels();
            rows.set(shownLevels == null ? List.of() : rows(shownLevels.report()));
            summary.set(shownLevels == null ? "No levels yet: the engine reports them after its first flush."
                    : summary(shownLevels));
        }
        if (s.costs() != shownCosts) {
            shownCosts = s.costs();
            series.set(series(shownCosts));
        }
    }

    static List<Row> rows(LevelsReport r) {
        List<Row> out = new ArrayList<>();
        for (LevelsReport.Level l : r.levels()) {
            if (l.level() > 0 && l.tables() == 0 && l.compactions() == 0) {
                continue;
            }
            out.add(new Row("L" + l.level(), l.tables(), Format.bytes(l.bytes()),
                    String.format(Locale.ROOT, "%.2f", l.score()), Format.bytes(l.readFromAbove()),
                    Format.bytes(l.readHere()), Format.bytes(l.written()), Format.bytes(l.movedBytes()), l.compactions(),
                    l.level() == 0 ? "" : String.format(Locale.ROOT, "%.1f", l.writeAmplification())));
        }
        return List.copyOf(out);
    }

    static String summary(VisualState.LevelsVis v) {
        LevelsReport r = v.report();
        return String.format(Locale.ROOT,
                "%s compaction. Flushes wrote %s; compactions read %s and wrote %s: write amplification %.2f. "
                        + "A get may look in %d sorted runs (%.2f tables per get so far).",
                v.style(), Format.bytes(r.flushBytesWritten()), Format.bytes(r.compactionBytesRead()),
                Format.bytes(r.compactionBytesWritten()), r.writeAmplification(), r.readAmplification(),
                r.tablesPerGet());
    }

    static Series series(List<CostPoint> points) {
        if (points.isEmpty()) {
            return Series.EMPTY;
        }
        long t0 = points.get(0).nanos();
        List<double[]> wa = new ArrayList<>(points.size());
        List<double[]> l0 = new ArrayList<>(points.size());
        for (CostPoint p : points) {
            double t = (p.nanos() - t0) / 1e9;
            wa.add(new double[] {t, p.writeAmplification()});
            l0.add(new double[] {t, p.l0Tables()});
        }
        return new Series(List.copyOf(wa), List.copyOf(l0));
    }

    public ReadOnlyObjectProperty<List<Row>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Series> seriesProperty() {
        return series.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
