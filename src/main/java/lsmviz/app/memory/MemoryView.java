package lsmviz.app.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import lsmviz.app.Fxml;
import lsmviz.app.memory.MemoryViewModel.Probe;
import lsmviz.app.memory.MemoryViewModel.Slot;

/**
 * Memory: the active memtable with its fill gauge, and the immutable queue as a column of slots,
 * newest on top and the oldest (the one a flush takes) at the bottom, free slots dashed. A freeze
 * slides the frozen memtable from the active card into the queue while the new one fades in. The
 * view only binds to its {@link MemoryViewModel} and forwards clicks (inspect a memtable).
 */
public final class MemoryView extends VBox {
    private static final Duration SLIDE = Duration.millis(450);
    private static final PseudoClass FULL = PseudoClass.getPseudoClass("full");
    private static final PseudoClass PROBED = PseudoClass.getPseudoClass("probed");
    private static final PseudoClass FOUND = PseudoClass.getPseudoClass("found");
    private static final PseudoClass FLUSHING = PseudoClass.getPseudoClass("flushing");

    @FXML private VBox activeCard;
    @FXML private Label activeTitle;
    @FXML private StackPane gauge;
    @FXML private Region gaugeFill;
    @FXML private Label gaugeText;
    @FXML private Label entries;
    @FXML private Label range;
    @FXML private KeyChips recentKeys;
    @FXML private Label queueTitle;
    @FXML private VBox slots;

    private final List<SlotRow> rows = new ArrayList<>();
    private final List<javafx.animation.Animation> running = new ArrayList<>();
    private MemoryViewModel model;
    private LongConsumer onInspect = id -> { };

    public MemoryView() {
        Fxml.load(this, "memory.css");
        gauge.widthProperty().addListener((o, a, b) -> layoutGauge());
        gauge.heightProperty().addListener((o, a, b) -> layoutGauge());
        activeCard.setOnMouseClicked(e -> {
            if (model != null) {
                onInspect.accept(model.activeIdProperty().get());
            }
        });
        Tooltip.install(activeCard, new Tooltip("Click to see its entries"));
        activeCard.setMinHeight(0); // as tall as the row: the newest keys show as many as fit
        VBox.setVgrow(recentKeys, javafx.scene.layout.Priority.ALWAYS);
    }

    /** Shows {@code m} from now on. */
    public void bind(MemoryViewModel m) {
        model = m;
        activeTitle.textProperty().bind(m.activeTitleProperty());
        gaugeText.textProperty().bind(m.gaugeTextProperty());
        entries.textProperty().bind(m.entriesProperty());
        range.textProperty().bind(m.rangeProperty());
        m.fillProperty().addListener((o, a, b) -> layoutGauge());
        m.fullProperty().addListener((o, a, b) -> gaugeFill.pseudoClassStateChanged(FULL, b));
        m.recentKeysProperty().addListener((o, a, keys) -> recentKeys.show(keys));
        m.activeProbeProperty().addListener((o, a, p) -> probe(activeCard, p));
        m.queueTitleProperty().addListener((o, a, b) -> showQueueTitle());
        m.stallProperty().addListener((o, a, b) -> showQueueTitle());
        m.slotsProperty().addListener((o, a, list) -> showSlots(list));
        m.frozenProperty().addListener((o, a, id) -> animateFreeze());
        recentKeys.show(m.recentKeysProperty().get());
        showQueueTitle();
        showSlots(m.slotsProperty().get());
    }

    /** Called with a memtable's id when the user clicks it. */
    public void setOnInspect(LongConsumer onInspect) {
        this.onInspect = onInspect;
    }

    private void showQueueTitle() {
        String stall = model.stallProperty().get();
        boolean stalled = !stall.isEmpty();
        queueTitle.setText(stalled ? stall : model.queueTitleProperty().get());
        if (stalled != queueTitle.getStyleClass().contains("stalled")) {
            if (stalled) {
                queueTitle.getStyleClass().add("stalled");
            } else {
                queueTitle.getStyleClass().remove("stalled");
            }
        }
    }

    /** The slots are rows reused by position: at full speed memtables come and go a hundred times a second. */
    private void showSlots(List<Slot> list) {
        finishAnimations();
        while (rows.size() < list.size()) {
            rows.add(new SlotRow());
        }
        if (slots.getChildren().size() != list.size()) {
            slots.getChildren().setAll(rows.subList(0, list.size()));
        }
        for (int i = 0; i < list.size(); i++) {
            rows.get(i).show(list.get(i));
        }
    }

    private void layoutGauge() {
        double f = model == null ? 0 : model.fillProperty().get();
        gaugeFill.resizeRelocate(0, 0, Math.max(0, gauge.getWidth() * f), gauge.getHeight());
    }

    private static void probe(Node card, Probe p) {
        card.pseudoClassStateChanged(PROBED, p == Probe.ASKED);
        card.pseudoClassStateChanged(FOUND, p == Probe.FOUND);
    }

    /** The frozen memtable slides from the active card's place into the top slot; the new one fades in. */
    private void animateFreeze() {
        if (rows.isEmpty() || getScene() == null) {
            return;
        }
        SlotRow top = rows.get(0);
        applyCss();
        layout();
        Bounds from = activeCard.localToScene(activeCard.getBoundsInLocal());
        Bounds to = top.localToScene(top.getBoundsInLocal());
        if (from == null || to == null) {
            return;
        }
        finishAnimations();
        TranslateTransition slide = new TranslateTransition(SLIDE, top);
        slide.setFromX(from.getMinX() - to.getMinX());
        slide.setToX(0);
        FadeTransition fresh = new FadeTransition(SLIDE, activeCard);
        fresh.setFromValue(0.25);
        fresh.setToValue(1);
        ParallelTransition both = new ParallelTransition(slide, fresh);
        running.add(both);
        both.setOnFinished(e -> running.remove(both));
        both.play();
    }

    /** When events outrun an animation, it jumps to its end: no backlog. */
    private void finishAnimations() {
        for (javafx.animation.Animation a : List.copyOf(running)) {
            a.jumpTo(a.getTotalDuration());
            a.stop();
        }
        running.clear();
        activeCard.setOpacity(1);
        rows.forEach(r -> r.setTranslateX(0));
    }

    /** One place of the immutable queue. */
    private final class SlotRow extends HBox {
        private final Label title = new Label();
        private final Label oldest = new Label("oldest");
        private final Label detail = new Label();
        private final Label range = new Label();
        private final ProgressBar progress = new ProgressBar(0);
        private final Label flush = new Label();
        private final Tooltip tip = new Tooltip();
        private long id;

        SlotRow() {
            getStyleClass().add("queue-slot");
            title.getStyleClass().add("slot-title");
            title.setMinWidth(USE_PREF_SIZE);
            oldest.getStyleClass().add("slot-oldest");
            oldest.setMinWidth(USE_PREF_SIZE);
            detail.getStyleClass().add("slot-detail");
            detail.setMinWidth(USE_PREF_SIZE);
            range.getStyleClass().add("slot-range");
            HBox.setHgrow(range, Priority.ALWAYS);
            range.setMaxWidth(Double.MAX_VALUE);
            progress.getStyleClass().add("slot-progress");
            flush.getStyleClass().add("slot-flush");
            flush.setMinWidth(USE_PREF_SIZE);
            getChildren().addAll(title, oldest, detail, range, progress, flush);
            setOnMouseClicked(e -> {
                if (id != 0) {
                    onInspect.accept(id);
                }
            });
        }

        void show(Slot s) {
            id = s.id();
            title.setText(s.title());
            detail.setText(s.detail());
            range.setText(s.range());
            boolean flushing = s.flushing();
            progress.setProgress(Math.max(0, s.flushProgress()));
            flushText = s.flushText();
            flush.setText(flushText);
            // while it is flushed the flush's progress takes the key range's place
            shown(range, !flushing && !s.free());
            shown(progress, flushing);
            shown(flush, flushing);
            wantDetail = !s.free();
            wantOldest = s.oldest() && !flushing; // a flush always takes the oldest: its arrow says so
            shown(detail, wantDetail);
            shown(oldest, wantOldest);
            requestLayout();
            pseudoClassStateChanged(FLUSHING, flushing);
            probe(this, s.probe());
            if (s.free() != getStyleClass().contains("free")) {
                if (s.free()) {
                    getStyleClass().add("free");
                } else {
                    getStyleClass().remove("free");
                }
            }
            if (s.free()) {
                Tooltip.uninstall(this, tip);
            } else {
                tip.setText("Memtable #" + s.id() + ": " + s.detail() + ", keys " + s.range() + ". Click to see its entries");
                Tooltip.install(this, tip);
            }
        }

        /**
         * A narrow row (large text on a small screen) lets the entry count and the "oldest" tag go
         * first: the memtable's number and the flush's progress are what the picture is about.
         */
        @Override
        protected void layoutChildren() {
            fitOptional();
            super.layoutChildren();
        }

        /** As narrow as the row can be: the optional parts gone, the key range ellipsised. */
        @Override
        protected double computeMinWidth(double height) {
            double w = 0;
            int n = 0;
            for (Node c : getChildren()) {
                if (c.isManaged() && c != detail && c != oldest) {
                    w += c == range ? 0 : c == flush ? shortFlushWidth() : c.minWidth(-1);
                    n++;
                }
            }
            return snappedLeftInset() + snappedRightInset() + w + Math.max(0, n - 1) * getSpacing();
        }

        private double shortFlushWidth() {
            javafx.scene.text.Text t = new javafx.scene.text.Text(flushText.replace("SSTable ", ""));
            t.setFont(flush.getFont());
            return Math.ceil(t.getLayoutBounds().getWidth()) + 2;
        }

        private boolean wantDetail;
        private String flushText = "";
        private boolean wantOldest;

        private void fitOptional() {
            double room = getWidth() - snappedLeftInset() - snappedRightInset();
            if (flush.isManaged()) { // "➜ SSTable #5", or "➜ #5" where the row is narrow
                flush.setText(flushText);
                if (needed(false, false) > room) {
                    flush.setText(flushText.replace("SSTable ", ""));
                }
            }
            boolean detailFits = wantDetail && needed(true, wantOldest) <= room;
            boolean oldestFits = wantOldest && needed(detailFits, true) <= room;
            shown(detail, detailFits);
            shown(oldest, oldestFits);
        }

        /** The row's width with the detail and the oldest tag shown or not. */
        private double needed(boolean withDetail, boolean withOldest) {
            double w = 0;
            int n = 0;
            for (Node c : getChildren()) {
                boolean on = c == detail ? withDetail : c == oldest ? withOldest : c.isManaged();
                if (on) {
                    w += c == range ? 0 : c.prefWidth(-1);
                    n++;
                }
            }
            return w + Math.max(0, n - 1) * getSpacing();
        }

        private void shown(Node n, boolean on) {
            if (n.isVisible() != on) {
                n.setVisible(on);
                n.setManaged(on);
            }
        }
    }
}
