package lsmviz.app.locks;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import lsmviz.app.Format;
import lsmviz.app.ThreadColors;
import lsmviz.app.model.VisualState;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.PausedVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.LsmEngine;

/**
 * Locks: for the freeze lock and the state read-write lock, who holds it (thread, read or write,
 * for how long) and who waits, in queue order, with the mode they want. Each thread has one colour
 * everywhere in the window. Threads paused at the step gate are marked, because a paused thread
 * keeps its locks: that is why the others queue.
 */
public final class LockPanel extends VBox {
    private final LockCard freeze = new LockCard(LsmEngine.FREEZE_LOCK, "Freeze lock", "mutex: one freeze or flush at a time");
    private final LockCard state = new LockCard(LsmEngine.STATE_LOCK, "State lock", "read-write: many readers or one writer");
    private final Label stall = new Label();

    public LockPanel() {
        getStyleClass().add("lock-panel");
        setSpacing(10);
        Label title = new Label("Locks");
        title.getStyleClass().add("section-title");
        stall.getStyleClass().add("stall-banner");
        stall.setVisible(false);
        stall.setManaged(false);
        stall.setMaxWidth(Double.MAX_VALUE);
        stall.setWrapText(true);
        getChildren().addAll(title, freeze, state, stall);
    }

    public void show(VisualState s) {
        long now = System.nanoTime();
        freeze.show(s.lock(LsmEngine.FREEZE_LOCK), s.paused(), now);
        state.show(s.lock(LsmEngine.STATE_LOCK), s.paused(), now);
        boolean stalled = !s.stalledWriters().isEmpty();
        stall.setVisible(stalled);
        stall.setManaged(stalled);
        if (stalled) {
            stall.setText("WRITE STALL: " + String.join(", ", s.stalledWriters())
                    + " wait for the flusher to free a slot in the immutable queue");
        }
    }

    static Node threadChip(String thread, String text, boolean paused) {
        Circle dot = new Circle(7, ThreadColors.of(thread));
        Label l = new Label(text + (paused ? "  (paused)" : ""));
        l.setUserData("text");
        l.getStyleClass().add("thread-chip-text");
        HBox chip = new HBox(6, dot, l);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("thread-chip");
        chip.setStyle("-fx-border-color: " + ThreadColors.css(thread) + ";");
        return chip;
    }

    private static final class LockCard extends VBox {
        private final String lockName;
        private final Label status = new Label();
        private final FlowPane holders = new FlowPane(8, 6);
        private final FlowPane waiters = new FlowPane(8, 6);
        private final Label waitTitle = new Label("Waiting, in queue order:");

        LockCard(String lockName, String name, String what) {
            super(6);
            this.lockName = lockName;
            getStyleClass().add("lock-card");
            Label title = new Label(name);
            title.getStyleClass().add("card-title");
            title.setMinWidth(Region.USE_PREF_SIZE);
            Label kind = new Label(what);
            kind.getStyleClass().add("subtle");
            kind.setMinWidth(0);
            HBox h = new HBox(10, title, kind);
            h.setAlignment(Pos.BASELINE_LEFT);
            status.getStyleClass().add("lock-status");
            waitTitle.getStyleClass().add("subtle");
            getChildren().addAll(h, status, holders, waitTitle, waiters);
        }

        void show(LockVis lock, List<PausedVis> paused, long now) {
            List<HolderVis> hs = lock == null ? List.of() : lock.holders();
            List<WaiterVis> ws = lock == null ? List.of() : lock.waiters();
            status.setText(hs.isEmpty() ? "free" : "held by " + hs.size() + (hs.size() == 1 ? " thread" : " threads"));
            pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("held"), !hs.isEmpty());
            List<String[]> h = new ArrayList<>();
            for (HolderVis x : hs) {
                h.add(new String[] {x.thread(), x.thread() + " · " + x.mode() + " · " + Format.seconds(now - x.sinceNanos())
                        + (isPaused(paused, x.thread()) ? "  (paused)" : "")});
            }
            update(holders, h);
            List<String[]> w = new ArrayList<>();
            int i = 1;
            for (WaiterVis x : ws) {
                w.add(new String[] {x.thread(), i++ + ". " + x.thread() + " wants " + x.mode() + " · "
                        + Format.seconds(now - x.sinceNanos()) + (isPaused(paused, x.thread()) ? "  (paused)" : "")});
            }
            update(waiters, w);
            waitTitle.setText(ws.isEmpty() ? "Nobody waiting" : "Waiting, in queue order:");
            setAccessibleText(lockName + ": " + status.getText());
        }

        /** Reuses the chips when the same threads are shown (only their texts change): no new nodes per pulse. */
        private static void update(FlowPane pane, List<String[]> chips) {
            javafx.collections.ObservableList<Node> nodes = pane.getChildren();
            boolean same = nodes.size() == chips.size();
            for (int i = 0; same && i < chips.size(); i++) {
                same = chips.get(i)[0].equals(nodes.get(i).getUserData());
            }
            if (!same) {
                List<Node> fresh = new ArrayList<>();
                for (String[] c : chips) {
                    Node chip = threadChip(c[0], c[1], false);
                    chip.setUserData(c[0]);
                    fresh.add(chip);
                }
                nodes.setAll(fresh);
                return;
            }
            for (int i = 0; i < chips.size(); i++) {
                Label l = (Label) ((HBox) nodes.get(i)).getChildren().get(1);
                l.setText(chips.get(i)[1]);
            }
        }

        private static boolean isPaused(List<PausedVis> paused, String thread) {
            return paused.stream().anyMatch(p -> p.thread().equals(thread));
        }
    }
}
