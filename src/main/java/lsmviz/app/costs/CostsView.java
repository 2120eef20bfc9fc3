package lsmviz.app.costs;

import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Costs tab: a chart of write amplification and L0's tables over time (a JavaFX chart, so a
 * teacher can point at the moment a compaction ran), the totals in words, and the per-level table
 * in the style of RocksDB's compaction stats.
 */
public final class CostsView extends VBox {
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, value);
    private final XYChart.Series<Number, Number> writeAmp = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> l0 = new XYChart.Series<>();
    private final Label summary = new Label();
    private final TableView<CostsViewModel.Row> table = new TableView<>();
    private CostsViewModel.Series pending;

    public CostsView() {
        getStyleClass().add("costs-view");
        setSpacing(4);
        time.setLabel("seconds since the engine opened (one point per flush or compaction)");
        time.setForceZeroInRange(false);
        value.setForceZeroInRange(true);
        writeAmp.setName("write amplification");
        l0.setName("L0 tables");
        chart.getData().add(writeAmp);
        chart.getData().add(l0);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setId("costsChart");
        chart.setMinHeight(220);
        chart.setPrefHeight(230);
        chart.setLegendVisible(true);
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.setId("costsSummary");
        table.setId("levelStats");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // scrolls sideways at large text
        table.getColumns().add(column("Level", CostsViewModel.Row::level));
        table.getColumns().add(column("Files", CostsViewModel.Row::files));
        table.getColumns().add(column("Size", CostsViewModel.Row::size));
        table.getColumns().add(column("Score", CostsViewModel.Row::score));
        table.getColumns().add(column("Read from above", CostsViewModel.Row::readAbove));
        table.getColumns().add(column("Read here", CostsViewModel.Row::readHere));
        table.getColumns().add(column("Wrote", CostsViewModel.Row::written));
        table.getColumns().add(column("Moved", CostsViewModel.Row::moved));
        table.getColumns().add(column("Compactions", CostsViewModel.Row::compactions));
        table.getColumns().add(column("W-Amp", CostsViewModel.Row::writeAmp));
        visibleProperty().addListener((o, was, on) -> {
            if (on && pending != null) {
                show(pending);
            }
        });
        table.setPlaceholder(new Label("No levels yet"));
        table.setPrefHeight(230);
        table.setMinHeight(150);
        getChildren().addAll(chart, summary, table);
    }

    private static TableColumn<CostsViewModel.Row, Object> column(String title,
            Function<CostsViewModel.Row, Object> value) {
        TableColumn<CostsViewModel.Row, Object> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        c.setMinWidth(Region.USE_PREF_SIZE);
        c.setPrefWidth(Math.max(52, title.length() * 9 + 18));
        return c;
    }

    public void bind(CostsViewModel m) {
        summary.textProperty().bind(m.summaryProperty());
        m.rowsProperty().addListener((o, was, rows) -> table.setItems(FXCollections.observableArrayList(rows)));
        m.seriesProperty().addListener((o, was, s) -> show(s));
        table.setItems(FXCollections.observableArrayList(m.rowsProperty().get()));
        show(m.seriesProperty().get());
    }

    /** The chart is redrawn only while its tab is shown (a chart of 480 points costs a frame). */
    private void show(CostsViewModel.Series s) {
        if (!isVisible()) {
            pending = s;
            return;
        }
        pending = null;
        writeAmp.getData().setAll(points(s.writeAmplification()));
        l0.getData().setAll(points(s.l0Tables()));
    }

    private static List<XYChart.Data<Number, Number>> points(List<double[]> ps) {
        return ps.stream().map(p -> new XYChart.Data<Number, Number>(p[0], p[1])).toList();
    }
}
