package lsmviz.app.activity;

import java.util.List;
import java.util.stream.Collectors;
import lsmviz.app.Format;
import lsmviz.engine.event.EngineEvent;

/** The event log's lines for a compaction: what was picked and why, how far it got, what changed. */
final class CompactionLines {
    private CompactionLines() {}

    static String picked(EngineEvent.CompactionPicked p) {
        String inputs = p.inputs().stream().map(CompactionLines::tables).collect(Collectors.joining(" + "));
        return "COMPACTION " + p.compactionId() + " picked (" + p.style() + "): " + p.reason() + "; "
                + (p.trivialMove() ? "moves " + inputs + " to L" + p.outputLevel() + " as it is"
                        : "merges " + inputs + " into L" + p.outputLevel())
                + (p.bottommost() && !p.trivialMove() ? " (bottom level: tombstones dropped)" : "");
    }

    static String progress(EngineEvent.CompactionProgress p) {
        return "compaction " + p.compactionId() + ": " + Format.plural(p.keysIn(), "key") + " in, " + p.keysOut()
                + " out (" + p.overwritesDropped() + " overwritten, " + p.tombstonesDropped() + " tombstones dropped)"
                + (p.lastKey() != null ? ", at " + p.lastKey() : "");
    }

    static String installed(EngineEvent.CompactionInstalled i) {
        return "COMPACTION " + i.compactionId() + " installed: " + ids(i.added()) + " in L" + i.outputLevel()
                + (i.removed().isEmpty() ? "" : ", " + ids(i.removed()) + " left their levels");
    }

    static String finished(EngineEvent.CompactionFinished f) {
        return "compaction " + f.compactionId() + " done in " + Format.seconds(f.durationNanos()) + ": read "
                + Format.bytes(f.bytesRead()) + ", wrote " + Format.bytes(f.bytesWritten()) + "; "
                + Format.plural(f.keysIn(), "key") + " in, " + f.keysOut() + " out"
                + (f.tombstonesDropped() > 0 ? "; " + Format.plural(f.tombstonesDropped(), "tombstone")
                        + " dropped at the bottom level (nothing older below them can come back)" : "");
    }

    private static String tables(EngineEvent.LevelTables t) {
        return "L" + t.level() + " " + ids(t.tableIds());
    }

    private static String ids(List<Long> ids) {
        if (ids.isEmpty()) {
            return "no tables";
        }
        String list = ids.size() <= 4 ? ids.stream().map(id -> "#" + id).collect(Collectors.joining(", "))
                : "#" + ids.get(0) + " … #" + ids.get(ids.size() - 1);
        return (ids.size() == 1 ? "SSTable " : Format.plural(ids.size(), "SSTable") + " ") + list;
    }
}
