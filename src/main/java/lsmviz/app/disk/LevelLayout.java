package lsmviz.app.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lsmviz.app.model.VisualState.SSTableVis;

/**
 * Where the level view draws each level and each table, as plain geometry (no JavaFX): one band
 * per level, L0 on top; L0's tables side by side newest first (they overlap, so their keys do not
 * place them); in L1 and below each table spans its key range on one {@link KeyAxis} shared by
 * every level, so the same key is at the same x on every level, or (by size) the tables of a
 * level end to end, each as wide as its bytes, the biggest level filling the width.
 */
final class LevelLayout {
    /** How L1 and below are laid out. */
    enum Mode { BY_KEY, BY_SIZE }

    /** A rectangle. */
    record Box(double x, double y, double w, double h) {
        boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }

        double centerX() {
            return x + w / 2;
        }
    }

    /** One level's band: the header at the left, the tables' lane at the right. */
    record Band(int level, Box header, Box lane) {}

    /** The narrowest a table is drawn, in pixels. */
    static final double MIN_TABLE_W = 2;

    final List<Band> bands = new ArrayList<>();
    /** Where each table is, by id (live tables, outputs being written and obsolete tables). */
    final Map<Long, Box> boxes = new HashMap<>();
    /** L0's slot width (the flush's tile goes in slot 0 when there is one). */
    double l0Slot;
    KeyAxis axis = KeyAxis.of(List.of());
    Mode mode = Mode.BY_KEY;

    /**
     * Lays out {@code levels} (the tables of each level, L0 first; L0 newest first, the others by
     * key) in a {@code w} x {@code h} area whose left {@code headerW} pixels hold the headers.
     * {@code l0Slots}: how many tables L0's lane is divided for (its stop threshold, or more).
     * {@code flushing}: a flush is writing a table, drawn first in L0. {@code extra}: tables drawn
     * beside the live ones (outputs being written, obsolete ones), each on its own level.
     */
    static LevelLayout of(List<List<SSTableVis>> levels, List<SSTableVis> extra, double w, double h, double headerW,
            int l0Slots, boolean flushing, Mode mode) {
        LevelLayout l = new LevelLayout();
        l.mode = mode;
        int n = levels.size();
        if (n == 0 || w <= headerW || h <= 0) {
            return l;
        }
        double l0Weight = n <= 2 ? 1.4 : 1.25;
        double unit = h / (l0Weight + (n - 1));
        double y = 0;
        for (int level = 0; level < n; level++) {
            double bh = level == 0 ? unit * l0Weight : unit;
            l.bands.add(new Band(level, new Box(0, y, headerW, bh), new Box(headerW, y, w - headerW, bh)));
            y += bh;
        }
        l.placeL0(levels.get(0), extra, l0Slots, flushing);
        List<String> bounds = new ArrayList<>();
        for (int level = 1; level < n; level++) {
            for (SSTableVis t : levels.get(level)) {
                bounds.add(t.minKey());
                bounds.add(t.maxKey());
            }
        }
        for (SSTableVis t : extra) {
            if (t.level() > 0) {
                bounds.add(t.minKey());
                bounds.add(t.maxKey());
            }
        }
        l.axis = KeyAxis.of(bounds);
        long biggest = 1;
        for (int level = 1; level < n; level++) {
            biggest = Math.max(biggest, bytes(levels.get(level)) + bytes(extraAt(extra, level)));
        }
        for (int level = 1; level < n; level++) {
            Box lane = l.bands.get(level).lane();
            List<SSTableVis> all = new ArrayList<>(levels.get(level));
            all.addAll(extraAt(extra, level));
            if (mode == Mode.BY_KEY) {
                for (SSTableVis t : all) {
                    l.boxes.put(t.id(), l.byKey(lane, t));
                }
            } else {
                all.sort((a, b) -> String.valueOf(a.minKey()).compareTo(String.valueOf(b.minKey())));
                double x = lane.x();
                for (SSTableVis t : all) {
                    double tw = Math.max(MIN_TABLE_W, lane.w() * t.bytes() / (double) biggest);
                    l.boxes.put(t.id(), new Box(x, lane.y() + pad(lane), tw, lane.h() - 2 * pad(lane)));
                    x += tw;
                }
            }
        }
        return l;
    }

    private void placeL0(List<SSTableVis> l0, List<SSTableVis> extra, int slots, boolean flushing) {
        Box lane = bands.get(0).lane();
        List<SSTableVis> all = new ArrayList<>(l0);
        all.addAll(extraAt(extra, 0));
        int count = Math.max(slots, all.size() + (flushing ? 1 : 0));
        l0Slot = lane.w() / Math.max(1, count);
        int i = flushing ? 1 : 0;
        for (SSTableVis t : all) {
            boxes.put(t.id(), new Box(lane.x() + i * l0Slot, lane.y() + pad(lane), l0Slot, lane.h() - 2 * pad(lane)));
            i++;
        }
    }

    /** The box of L0's slot {@code i} (slot 0 is the newest table, or the flush's). */
    Box l0SlotBox(int i) {
        Box lane = bands.get(0).lane();
        return new Box(lane.x() + i * l0Slot, lane.y() + pad(lane), l0Slot, lane.h() - 2 * pad(lane));
    }

    private Box byKey(Box lane, SSTableVis t) {
        double x0 = xOf(lane, t.minKey());
        double x1 = xOf(lane, t.maxKey());
        double tw = Math.max(MIN_TABLE_W, x1 - x0);
        double x = Math.min(x0, lane.x() + lane.w() - tw);
        return new Box(x, lane.y() + pad(lane), tw, lane.h() - 2 * pad(lane));
    }

    /** The x of {@code key} in {@code lane} (by key). */
    double xOf(Box lane, String key) {
        return lane.x() + 3 + axis.at(key == null ? "" : key) * (lane.w() - 6);
    }

    /** The x of {@code key} in the lanes of L1 and below, or NaN when laid out by size or none. */
    double keyX(String key) {
        if (mode != Mode.BY_KEY || bands.size() < 2 || axis.isEmpty() || key == null) {
            return Double.NaN;
        }
        return xOf(bands.get(1).lane(), key);
    }

    private static double pad(Box lane) {
        return Math.min(4, lane.h() * 0.08);
    }

    private static List<SSTableVis> extraAt(List<SSTableVis> extra, int level) {
        List<SSTableVis> out = new ArrayList<>();
        for (SSTableVis t : extra) {
            if (t.level() == level) {
                out.add(t);
            }
        }
        return out;
    }

    private static long bytes(List<SSTableVis> tables) {
        long b = 0;
        for (SSTableVis t : tables) {
            b += t.bytes();
        }
        return b;
    }

    /** The band at height {@code y}, or null. */
    Band bandAt(double y) {
        for (Band b : bands) {
            if (y >= b.header().y() && y < b.header().y() + b.header().h()) {
                return b;
            }
        }
        return null;
    }
}
