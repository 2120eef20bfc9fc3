package lsmviz.engine.types;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a simulated crash did to the files: plain facts for the window and the tests.
 *
 * @param kind  the crash
 * @param files one entry per file whose content the crash changed or that it forgot, in path
 *              order; empty when nothing was lost (always, for a process crash)
 * @param logs  the engine's count, per write-ahead log still in use, of the writes in it before
 *              the crash and of those a replay finds after it
 */
public record CrashReport(CrashKind kind, List<Entry> files, List<Writes> logs) {
    public CrashReport {
        Objects.requireNonNull(kind, "kind");
        files = List.copyOf(files);
        logs = List.copyOf(logs);
    }

    public CrashReport(CrashKind kind, List<Entry> files) {
        this(kind, files, List.of());
    }

    /** This report with the engine's count of the writes in each log. */
    public CrashReport withLogs(List<Writes> counted) {
        return new CrashReport(kind, files, counted);
    }

    /** The writes in memtable {@code memtableId}'s log: before the crash, and found again after it. */
    public record Writes(long memtableId, long before, long after, List<String> lostKeys) {
        /** At most this many keys are named in {@link #lostKeys}. */
        public static final int KEYS_NAMED = 10;

        public Writes {
            lostKeys = List.copyOf(lostKeys);
        }

        public long lost() {
            return Math.max(0, before - after);
        }

        /** "memtable #2's log: 3 of 5 writes lost". */
        public String describe() {
            return "memtable #" + memtableId + "'s log: " + (lost() == 0 ? (before == 1 ? "its 1 write kept"
                    : "all " + count(before) + " writes kept")
                    : count(lost()) + " of " + count(before) + (before == 1 ? " write" : " writes") + " lost"
                    + (lostKeys.isEmpty() ? "" : " (" + String.join(", ", lostKeys) + (lost() > lostKeys.size()
                            ? ", …" : "") + ")"));
        }
    }

    /** Writes in the logs that a replay will not find, over all logs. */
    public long writesLost() {
        return logs.stream().mapToLong(Writes::lost).sum();
    }

    /**
     * One file the crash changed.
     *
     * @param path        the file
     * @param bytesBefore its length just before the crash
     * @param bytesAfter  its length after it (0 when forgotten)
     * @param bytesLost   how many bytes of what it held before the crash are gone: the span from
     *                    the first to the last byte that differs afterwards, counting a cut-off
     *                    tail; the whole file when it is forgotten
     * @param forgotten   the file was created after its directory's last fsync, and is gone
     */
    public record Entry(Path path, long bytesBefore, long bytesAfter, long bytesLost, boolean forgotten) {
        public Entry {
            Objects.requireNonNull(path, "path");
        }

        /** One line of plain English: "000012.wal: 4,096 unsynced bytes lost (kept 1,024)". */
        public String describe() {
            String name = String.valueOf(path.getFileName());
            if (forgotten) {
                return name + ": created after the directory's last sync, forgotten"
                        + (bytesBefore > 0 ? " (" + count(bytesBefore) + " bytes)" : "");
            }
            if (bytesLost > 0) {
                return name + ": " + count(bytesLost) + " unsynced bytes lost (kept " + count(bytesBefore - bytesLost) + ")";
            }
            // nothing it held is gone, yet it changed: an unsynced truncation was undone
            return name + ": back to its last synced " + count(bytesAfter) + " bytes";
        }
    }

    /** Bytes the crash took away, over all files. */
    public long bytesLost() {
        return files.stream().mapToLong(Entry::bytesLost).sum();
    }

    /** A headline ("Power cut (simulated): 2 files changed, 5,120 bytes lost"), then one line per file. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(files.size() + 1);
        String head = kind.label() + " (simulated): ";
        if (files.isEmpty()) {
            lines.add(head + "nothing lost, every byte written had "
                    + (kind == CrashKind.POWER ? "been synced" : "reached the operating system"));
        } else {
            lines.add(head + files.size() + (files.size() == 1 ? " file" : " files") + " changed, "
                    + count(bytesLost()) + " bytes lost");
        }
        if (!logs.isEmpty() && (writesLost() > 0 || !files.isEmpty())) {
            lines.add(count(writesLost()) + (writesLost() == 1 ? " write" : " writes") + " in the write-ahead logs lost");
        }
        files.forEach(e -> lines.add(e.describe()));
        logs.forEach(w -> lines.add(w.describe()));
        return lines;
    }

    /**
     * The entry for a file whose content went from {@code before} to {@code after}, or null when
     * it did not change.
     */
    public static Entry changed(Path path, byte[] before, byte[] after) {
        int n = Math.min(before.length, after.length);
        int first = 0;
        while (first < n && before[first] == after[first]) {
            first++;
        }
        if (first == n && before.length == after.length) {
            return null;
        }
        int last = before.length; // one past the last lost byte
        if (before.length <= after.length) {
            while (last > first && before[last - 1] == after[last - 1]) {
                last--;
            }
        }
        return new Entry(path, before.length, after.length, Math.max(0, last - first), false);
    }

    public static Entry forgotten(Path path, long bytes) {
        return new Entry(path, bytes, 0, bytes, true);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
