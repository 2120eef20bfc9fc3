package lsmviz.app.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.FlushVis;
import lsmviz.app.model.VisualState.GetVis;
import lsmviz.app.model.VisualState.MemtableVis;
import lsmviz.app.model.VisualState.ProbeVis;

/**
 * Memory: the active memtable with its fill gauge, key range and newest keys, and the queue of
 * immutable memtables, newest to oldest. A freeze slides the active memtable into the queue while
 * a fresh one fades in; the memtable being flushed shows how far the flush got.
 */
public final class MemoryView extends VBox {
    private static final Duration SLIDE = Duration.millis(450);

    private final VBox activeCard = new VBox(6);
    private final Label activeTitle = new Label();
    private final Region gaugeFill = new Region();
    private final Label gaugeText = new Label();
    private final StackPane gauge = new StackPane();
    private final Label activeEntries = new Label();
    private final Label activeRange = new Label();
    private final FlowPane recentKeys = new WholeChipsPane();
    private final Label queueTitle = new Label();
    private final HBox queue = new HBox(10);
    /** The queue's cards, reused by position: at full speed memtables come and go 100 times a second. */
    private final List<ImmutableCard> cards = new ArrayList<>();
    private final Label noneWaiting = new Label("none waiting");
    private final List<javafx.animation.Animation> running = new ArrayList<>();
    private List<Long> shownIds = List.of();
    private long shownActiveId = -1;
    private LongConsumer onInspect = id -> { };
    private double fill;

    public MemoryView() {
        getStyleClass().add("memory-view");
        setSpacing(10);
        Label title = new Label("Memory");
        title.getStyleClass().add("section-title");

        activeTitle.getStyleClass().add("card-title");
        gauge.getStyleClass().add("gauge");
        gaugeFill.getStyleClass().add("gauge-fill");
        gaugeFill.setManaged(false);
        gaugeText.getStyleClass().add("gauge-text");
        gauge.getChildren().addAll(gaugeFill, gaugeText);
        gauge.setMinHeight(34);
        gauge.widthProperty().addListener((o, a, b) -> layoutGauge());
        gauge.heightProperty().addListener((o, a, b) -> layoutGauge());
        activeRange.getStyleClass().add("key-range");
        recentKeys.getStyleClass().add("recent-keys");
        activeCard.getStyleClass().addAll("memtable-card", "active");
        activeCard.getChildren().addAll(activeTitle, gauge, activeEntries, activeRange, recentKeys);
        activeCard.setPrefWidth(330);
        activeCard.setMinWidth(260);
        activeCard.setOnMouseClicked(e -> onInspect.accept(shownActiveId));
        Tooltip.install(activeCard, new Tooltip("Click to see its entries"));

        Label arrow = new Label("freeze ➜");
        arrow.getStyleClass().add("flow-arrow");
        arrow.setMinWidth(Region.USE_PREF_SIZE);

        noneWaiting.getStyleClass().add("placeholder");
        queue.getChildren().add(noneWaiting); // until the first freeze
        queueTitle.getStyleClass().add("queue-title");
        queue.getStyleClass().add("queue");
        queue.setAlignment(Pos.CENTER_LEFT);
        VBox queueBox = new VBox(6, queueTitle, queue);
        HBox.setHgrow(queueBox, Priority.ALWAYS);

        HBox row = new HBox(14, activeCard, arrow, queueBox);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, row);
    }

    /**
     * The recent keys' chips, in rows. On a short screen (a 720-pixel projector) the card gets
     * less height than all rows want: the pane then shrinks and shows only the chips that fit
     * whole, rather than half a row cut off at the card's edge.
     */
    static final class WholeChipsPane extends FlowPane {
        WholeChipsPane() {
            super(6, 6);
            setMinHeight(0);
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            for (javafx.scene.Node chip : getChildren()) {
                chip.setVisible(chip.getBoundsInParent().getMaxY() <= getHeight() + 0.5);
            }
        }
    }

    /** Called with a memtable's id when the user clicks it. */
    public void setOnInspect(LongConsumer onInspect) {
        this.onInspect = onInspect;
    }

    public void show(VisualState s) {
        MemtableVis a = s.active();
        boolean frozeSinceLastTime = shownActiveId >= 0 && a.id() != shownActiveId
                && !s.immutables().isEmpty() && s.immutables().get(0).id() == shownActiveId;
        activeTitle.setText("Active memtable #" + a.id());
        fill = Math.min(1.0, a.bytes() / (double) s.memtableLimit());
        gaugeText.setText(Format.bytes(a.bytes()) + " of " + Format.bytes(s.memtableLimit())
                + String.format(" (%d%%)", Math.round(100.0 * a.bytes() / s.memtableLimit())));
        gaugeFill.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("full"), fill >= 0.999);
        layoutGauge();
        activeEntries.setText(Format.count(a.entries()) + (a.entries() == 1 ? " entry" : " entries"));
        activeRange.setText("keys: " + Format.keyRange(a.minKey(), a.maxKey()));
        if (!a.recentKeys().equals(recentKeys.getUserData())) {
            recentKeys.setUserData(a.recentKeys());
            // reuse the chips: only their texts change as keys arrive
            while (recentKeys.getChildren().size() < a.recentKeys().size()) {
                Label chip = new Label();
                chip.getStyleClass().add("key-chip");
                recentKeys.getChildren().add(chip);
            }
            recentKeys.getChildren().remove(a.recentKeys().size(), recentKeys.getChildren().size());
            for (int i = 0; i < a.recentKeys().size(); i++) {
                ((Label) recentKeys.getChildren().get(i)).setText(Format.shorten(a.recentKeys().get(i), 16));
            }
        }
        highlight(activeCard, s.lastGet(), a.id());

        queueTitle.setText("Immutable memtables, newest ➜ oldest: " + s.immutables().size() + " of "
                + s.maxImmutable() + (s.immutables().size() >= s.maxImmutable() ? "  (queue full)" : ""));
        List<Long> ids = s.immutables().stream().map(MemtableVis::id).toList();
        if (!ids.equals(shownIds)) {
            finishAnimations();
            // Card i shows the i-th newest memtable: cards are added or removed at the end only,
            // so the ones that stay keep their styles (no CSS pass for a new node per freeze).
            int n = ids.size();
            while (cards.size() < n) {
                cards.add(new ImmutableCard());
            }
            List<Node> nodes = new ArrayList<>(cards.subList(0, n));
            if (n == 0) {
                nodes.add(noneWaiting);
            }
            if (!queue.getChildren().equals(nodes)) {
                queue.getChildren().setAll(nodes);
            }
            shownIds = ids;
            if (frozeSinceLastTime) {
                animateFreeze(cards.get(0));
            }
        }
        for (int i = 0; i < s.immutables().size(); i++) {
            MemtableVis m = s.immutables().get(i);
            cards.get(i).show(m, i == s.immutables().size() - 1, s.flush(), s.lastGet());
        }
        shownActiveId = a.id();
    }

    private void layoutGauge() {
        double w = gauge.getWidth();
        double h = gauge.getHeight();
        gaugeFill.resizeRelocate(0, 0, Math.max(0, w * fill), h);
    }

    /** The frozen memtable slides from the active card's place into the queue; a new one fades in. */
    private void animateFreeze(ImmutableCard card) {
        if (card == null || getScene() == null) {
            return;
        }
        applyCss();
        layout();
        Bounds from = activeCard.localToScene(activeCard.getBoundsInLocal());
        Bounds to = card.localToScene(card.getBoundsInLocal());
        if (from == null || to == null) {
            return;
        }
        TranslateTransition slide = new TranslateTransition(SLIDE, card);
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
        cards.forEach(c -> c.setTranslateX(0));
    }

    static void highlight(Node card, GetVis get, long memtableId) {
        String verdict = null;
        if (get != null) {
            for (ProbeVis p : get.probes()) {
                if (p.memtable() && p.id() == memtableId) {
                    verdict = p.verdict();
                }
            }
        }
        card.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("probed"), verdict != null);
        card.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("found"),
                "found".equals(verdict) || "tombstone".equals(verdict));
    }

    /** One immutable memtable in the queue. */
    private final class ImmutableCard extends VBox {
        private long id;
        private final Label title = new Label();
        private final Label size = new Label();
        private final Label range = new Label();
        private final ProgressBar progress = new ProgressBar(0);
        private final Label flushing = new Label();

        ImmutableCard() {
            super(4);
            getStyleClass().addAll("memtable-card", "immutable");
            title.getStyleClass().add("card-title");
            range.getStyleClass().add("key-range");
            flushing.getStyleClass().add("flushing-label");
            progress.setMaxWidth(Double.MAX_VALUE);
            // always children, shown while this memtable is being flushed (toggling visibility
            // costs no CSS pass, adding and removing a control does)
            showFlushing(false);
            getChildren().addAll(title, size, range, flushing, progress);
            setMinWidth(150);
            setPrefWidth(170);
            setOnMouseClicked(e -> onInspect.accept(id));
            Tooltip.install(this, new Tooltip("Click to see its entries"));
        }

        private void showFlushing(boolean on) {
            for (Node n : List.of(flushing, progress)) {
                n.setVisible(on);
                n.setManaged(on);
            }
        }

        void show(MemtableVis m, boolean oldest, FlushVis flush, GetVis get) {
            id = m.id();
            title.setText("#" + m.id() + (oldest ? "  (oldest)" : ""));
            size.setText(Format.bytes(m.bytes()) + " · " + Format.count(m.entries()) + " keys");
            range.setText(Format.keyRange(m.minKey(), m.maxKey()));
            boolean isFlushing = flush != null && flush.memtableId() == m.id();
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("flushing"), isFlushing);
            if (isFlushing) {
                double done = flush.totalRecords() == 0 ? 1 : flush.recordsWritten() / (double) flush.totalRecords();
                progress.setProgress(done);
                flushing.setText("flushing ➜ SSTable #" + flush.sstableId());
            }
            if (progress.isVisible() != isFlushing) {
                showFlushing(isFlushing);
            }
            highlight(this, get, id);
        }
    }
}
