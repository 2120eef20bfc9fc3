package lsmviz.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;

/** A crash and a recovery in a few sentences for the narration, from the engine's own reports. */
final class CrashWords {
    private CrashWords() {}

    /** "Power cut: 3 writes in the write-ahead logs lost (apple, banana, …). Press Recover …" */
    static String crashed(CrashReport r) {
        String what = r.kind().label() + " (simulated): ";
        long lost = r.writesLost();
        String lostWords = lost == 0 ? "no write in the write-ahead logs was lost"
                : plural(lost, "write") + " in the write-ahead logs lost" + keys(r);
        String why = r.kind() == CrashKind.POWER && lost > 0
                ? " (a log not yet fsynced is lost with the power: with sync none a put is acknowledged before it reaches the disk)"
                : "";
        return what + lostWords + why + ". The engine is dead: press Recover to open the directory again.";
    }

    private static String keys(CrashReport r) {
        List<String> keys = new ArrayList<>();
        r.logs().forEach(w -> keys.addAll(w.lostKeys()));
        if (keys.isEmpty()) {
            return "";
        }
        List<String> shown = keys.subList(0, Math.min(6, keys.size()));
        return ": " + String.join(", ", shown) + (r.writesLost() > shown.size() ? ", …" : "");
    }

    /** Hears what opening found: the logs replayed and the leftover files removed. */
    static final class Recovery implements EventListener {
        private final List<String> logs = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private long writes;
        private int tables = -1;

        @Override
        public synchronized void onEvent(EngineEvent e) {
            if (tables >= 0) {
                return; // opened: later events are not the recovery's
            }
            if (e instanceof EngineEvent.WalRecovered w) {
                writes += w.records();
                logs.add("memtable #" + w.memtableId() + " (" + plural(w.records(), "write")
                        + (w.tornBytes() > 0 ? ", a torn tail of " + w.tornBytes() + " bytes cut off" : "")
                        + (w.active() ? ", active again" : "") + ")");
            } else if (e instanceof EngineEvent.FileRemoved f) {
                removed.add(f.file().substring(f.file().lastIndexOf('/') + 1) + " (" + f.reason() + ")");
            } else if (e instanceof EngineEvent.EngineOpened o) {
                tables = o.sstables().size();
            }
        }

        @Override
        public Detail detail() {
            return Detail.STRUCTURE;
        }

        /** What recovery found, compared with what the crash left ({@code crash} may be null). */
        synchronized String summary(CrashReport crash) {
            StringBuilder s = new StringBuilder("Recovered: the manifest named " + plural(Math.max(0, tables), "SSTable"));
            s.append(logs.isEmpty() ? "; no write-ahead log had records" : "; from the write-ahead logs came back "
                    + String.join(", ", logs));
            if (!removed.isEmpty()) {
                s.append("; removed ").append(String.join(", ", removed));
            }
            if (crash != null && !crash.logs().isEmpty()) {
                long before = crash.logs().stream().mapToLong(CrashReport.Writes::before).sum();
                s.append(". Before the ").append(crash.kind().label().toLowerCase(Locale.ROOT)).append(" the logs held ")
                        .append(plural(before, "write")).append("; ").append(writes).append(" came back, ")
                        .append(crash.writesLost() == 0 ? "none lost" : crash.writesLost() + " lost" + keys(crash));
            }
            return s.append(". Auto-flush is off so that the memtables stay in view: turn it on to go on.").toString();
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
