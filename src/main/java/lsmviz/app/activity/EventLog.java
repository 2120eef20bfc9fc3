package lsmviz.app.activity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lsmviz.app.activity.EventLines.Kind;
import lsmviz.engine.event.EngineEvent;

/**
 * The event log's lines: one per event, in the order the events happened, each stamped with its
 * own time; filterable by text and kind. When events come faster than anyone can read (a workload
 * at full speed), a pulse's operations and lock events are summed up in one line; freezes,
 * flushes, stalls, steps and errors always show. Plain Java, used from one thread.
 */
public final class EventLog {
    static final int MAX_LINES = 2000;
    static final int LIST_ALL_UP_TO = 300;
    static final int LINES_PER_UPDATE = 40;

    /** A log line: its kind (for filtering), when it happened and its text. */
    public record Line(Kind kind, long nanos, String text) {}

    private final List<Line> lines = new ArrayList<>();
    private final List<EngineEvent> pulse = new ArrayList<>();
    private final Set<Kind> shown = EnumSet.allOf(Kind.class);
    private final long wallOffset = EventLines.wallOffsetNanos();
    private String filter = "";

    /** Takes one event; its line comes at the end of the pulse. */
    public void accept(EngineEvent e) {
        pulse.add(e);
    }

    /**
     * Ends a pulse: turns its events into lines, at most {@link #LINES_PER_UPDATE} (the newest);
     * what comes faster is counted in one summary line. Returns whether lines were added.
     */
    public boolean endPulse() {
        if (pulse.isEmpty()) {
            return false;
        }
        List<Line> add = new ArrayList<>();
        boolean listAll = pulse.size() <= LIST_ALL_UP_TO;
        long skipped = 0;
        for (int i = pulse.size() - 1; i >= 0; i--) { // newest first, reversed below
            EngineEvent e = pulse.get(i);
            Kind k = EventLines.kind(e);
            if ((!listAll && (k == Kind.OPERATION || k == Kind.LOCK)) || (add.size() >= LINES_PER_UPDATE && k != Kind.ERROR)) {
                skipped++;
                continue;
            }
            String text = EventLines.line(e, wallOffset);
            if (text != null) {
                add.add(new Line(k, e.nanos(), text));
            }
        }
        java.util.Collections.reverse(add);
        if (skipped > 0 && !add.isEmpty()) {
            add.add(0, new Line(Kind.OPERATION, add.get(0).nanos(), "… " + String.format(Locale.ROOT, "%,d", skipped)
                    + " more events: too fast to list (slow motion shows each)"));
        }
        pulse.clear();
        for (Line l : add) {
            insertInTimeOrder(l);
        }
        if (lines.size() > MAX_LINES) {
            lines.subList(0, lines.size() - MAX_LINES).clear();
        }
        return !add.isEmpty();
    }

    /** A line whose event came late (a get tells its path when it ends) goes where its time puts it. */
    private void insertInTimeOrder(Line l) {
        int i = lines.size();
        while (i > 0 && lines.get(i - 1).nanos() > l.nanos()) {
            i--;
        }
        lines.add(i, l);
    }

    /** Only lines that contain {@code text} (ignoring case); empty shows all. */
    public void setFilter(String text) {
        filter = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    public String filter() {
        return filter;
    }

    /** Shows or hides one kind of line (errors always show). */
    public void setShown(Kind kind, boolean on) {
        if (on) {
            shown.add(kind);
        } else {
            shown.remove(kind);
        }
    }

    /** The lines that pass the filter, oldest first. */
    public List<Line> visible() {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            if ((shown.contains(l.kind()) || l.kind() == Kind.ERROR)
                    && (filter.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(filter))) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether there is any line at all (before filtering). */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** What the log says when it shows no line. */
    public String placeholder() {
        return lines.isEmpty() ? "Nothing has happened yet" : "No line matches '" + filter + "'";
    }

    public void clear() {
        lines.clear();
        pulse.clear();
    }

    /**
     * Cuts {@code text} into rows of at most {@code columns} characters, at spaces where it can;
     * rows after the first are indented by two spaces.
     */
    public static List<String> wrap(String text, int columns) {
        List<String> rows = new ArrayList<>();
        int width = Math.max(10, columns);
        String rest = text;
        boolean first = true;
        while (true) {
            int room = first ? width : width - 2;
            if (rest.length() <= room) {
                rows.add(first ? rest : "  " + rest);
                return rows;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut < room / 2) {
                cut = room; // a long word: cut it
            }
            rows.add((first ? "" : "  ") + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            first = false;
            if (rest.isEmpty()) {
                return rows;
            }
        }
    }
}
