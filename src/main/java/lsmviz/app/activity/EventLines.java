package lsmviz.app.activity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import lsmviz.app.Format;
import lsmviz.engine.event.EngineEvent;

/** One line of text per event, for the event log; null for events the log leaves out. */
public final class EventLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** The kinds the log can filter on. */
    public enum Kind { OPERATION, STRUCTURE, LOCK, STEP, ERROR }

    private EventLines() {}

    public static Kind kind(EngineEvent e) {
        if (e instanceof EngineEvent.LockRequested || e instanceof EngineEvent.LockAcquired
                || e instanceof EngineEvent.LockReleased) {
            return Kind.LOCK;
        }
        if (e instanceof EngineEvent.OperationStarted || e instanceof EngineEvent.OperationFinished
                || e instanceof EngineEvent.MemtableWritten || e instanceof EngineEvent.GetPath
                || e instanceof EngineEvent.WalSynced || e instanceof EngineEvent.FlushRecordWritten
                || e instanceof EngineEvent.CompactionProgress) {
            return Kind.OPERATION;
        }
        if (e instanceof EngineEvent.StepReached || e instanceof EngineEvent.StepResumed) {
            return Kind.STEP;
        }
        if (e instanceof EngineEvent.EngineError || e instanceof EngineEvent.FlushFailed
                || e instanceof EngineEvent.CompactionFailed) {
            return Kind.ERROR;
        }
        return Kind.STRUCTURE;
    }

    /**
     * The log line of {@code e}, stamped with the time it happened ({@code wallOffsetNanos}: what
     * to add to an event's {@link System#nanoTime()} to make wall-clock nanoseconds); null for an
     * event the log leaves out.
     */
    public static String line(EngineEvent e, long wallOffsetNanos) {
        String text = text(e);
        if (text == null) {
            return null;
        }
        long wall = e.nanos() + wallOffsetNanos;
        Instant at = Instant.ofEpochSecond(Math.floorDiv(wall, 1_000_000_000L), Math.floorMod(wall, 1_000_000_000L));
        return TIME.format(at) + "  " + e.thread() + "  " + text;
    }

    /** What to add to {@link System#nanoTime()} to get wall-clock nanoseconds since the epoch, now. */
    public static long wallOffsetNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    static String text(EngineEvent e) {
        if (e instanceof EngineEvent.OperationStarted s) {
            return s.op().name().toLowerCase() + (s.key() != null ? " " + s.key() : "") + " begins";
        } else if (e instanceof EngineEvent.OperationFinished f) {
            return f.op().name().toLowerCase() + (f.key() != null ? " " + f.key() : "") + ": " + f.outcome()
                    + " (" + Format.seconds(f.durationNanos()).replace(" s", "") + " s)";
        } else if (e instanceof EngineEvent.MemtableWritten w) {
            return (w.tombstone() ? "tombstone for " : "wrote ") + w.key() + " into memtable #" + w.memtableId() + " ("
                    + Format.bytes(w.memtableBytes()) + ")";
        } else if (e instanceof EngineEvent.MemtableFrozen f) {
            return "FREEZE memtable #" + f.memtableId() + " (" + Format.bytes(f.sizeBytes()) + ", "
                    + Format.plural(f.entries(), "key") + ") joins the queue; #" + f.newActiveMemtableId()
                    + " is the new active memtable";
        } else if (e instanceof EngineEvent.FlushStarted s) {
            return "FLUSH step 1: memtable #" + s.memtableId() + " selected, writing SSTable #" + s.sstableId();
        } else if (e instanceof EngineEvent.FlushRecordWritten r) {
            return "flush step 3: record " + r.index() + " " + r.key() + " into SSTable #" + r.sstableId();
        } else if (e instanceof EngineEvent.BlockSealed b) {
            return "block " + b.blockNo() + " of SSTable #" + b.sstableId() + " sealed: "
                    + Format.plural(b.entries(), "key") + ", " + Format.plural(b.length(), "byte");
        } else if (e instanceof EngineEvent.SSTableWritten w) {
            return "SSTable #" + w.sstable().id() + " written and synced: " + Format.bytes(w.sstable().fileSize());
        } else if (e instanceof EngineEvent.FlushFinished f) {
            return "FLUSH steps 4+5: SSTable #" + f.sstableId() + " added, memtable #" + f.memtableId()
                    + " removed: memtable #" + f.memtableId() + " is SSTable #" + f.sstableId() + " now";
        } else if (e instanceof EngineEvent.GetPath p) {
            return getPath(p);
        } else if (e instanceof EngineEvent.WriteStallBegan s) {
            return "WRITE STALL begins: " + (s.reason() != null ? s.reason()
                    : EngineEvent.WriteStallBegan.queueFull(s.queueLength(), s.maxQueueLength()));
        } else if (e instanceof EngineEvent.WriteStallEnded s) {
            return "write stall ends after " + Format.seconds(s.stalledNanos());
        } else if (e instanceof EngineEvent.LockRequested r) {
            return "waits for the " + r.lock() + " (" + r.mode() + ")";
        } else if (e instanceof EngineEvent.LockAcquired a) {
            return "holds the " + a.lock() + " (" + a.mode() + ")"
                    + (a.waitedNanos() > 0 ? " after waiting " + Format.seconds(a.waitedNanos()) : "");
        } else if (e instanceof EngineEvent.LockReleased r) {
            return "lets go of the " + r.lock() + " (" + r.mode() + ")";
        } else if (e instanceof EngineEvent.StepReached s) {
            return (s.paused() ? "PAUSED at " : "at ") + s.point() + ": " + s.narration();
        } else if (e instanceof EngineEvent.StepResumed r) {
            return "resumes from " + r.point();
        } else if (e instanceof EngineEvent.WalSynced s) {
            return "write-ahead log of memtable #" + s.memtableId() + " synced for " + Format.plural(s.writers(), "writer");
        } else if (e instanceof EngineEvent.WalRecovered r) {
            return "recovered memtable #" + r.memtableId() + " from its log: " + Format.plural(r.records(), "record")
                    + (r.tornBytes() > 0 ? ", cut a torn tail of " + r.tornBytes() + " bytes" : "");
        } else if (e instanceof EngineEvent.FileRemoved r) {
            return "removed " + r.file() + ": " + r.reason();
        } else if (e instanceof EngineEvent.CompactionPicked p) {
            return CompactionLines.picked(p);
        } else if (e instanceof EngineEvent.CompactionProgress p) {
            return CompactionLines.progress(p);
        } else if (e instanceof EngineEvent.CompactionOutputWritten w) {
            return "compaction " + w.compactionId() + ": SSTable #" + w.sstable().id() + " written and synced for L"
                    + w.level() + ": " + Format.bytes(w.sstable().fileSize()) + ", "
                    + Format.plural(w.sstable().entries(), "key");
        } else if (e instanceof EngineEvent.CompactionInstalled i) {
            return CompactionLines.installed(i);
        } else if (e instanceof EngineEvent.CompactionFinished f) {
            return CompactionLines.finished(f);
        } else if (e instanceof EngineEvent.CompactionFailed f) {
            return "ERROR compaction " + f.compactionId() + " failed: " + f.message() + " (nothing changed)";
        } else if (e instanceof EngineEvent.TableObsolete o) {
            return "SSTable #" + o.sstableId() + " is obsolete" + (o.readers() > 0
                    ? ": its file goes when " + Format.plural(o.readers(), "reader") + " finish" : ": its file goes now");
        } else if (e instanceof EngineEvent.TableDeleted d) {
            return "deleted " + d.file() + " (SSTable #" + d.sstableId() + ", no reader left)";
        } else if (e instanceof EngineEvent.EngineOpened o) {
            return "opened " + o.directory() + ": " + Format.plural(1 + o.immutables().size(), "memtable") + ", "
                    + Format.plural(o.sstables().size(), "SSTable");
        } else if (e instanceof EngineEvent.EngineCrashed c) {
            return "CRASH " + String.join("; ", c.report());
        } else if (e instanceof EngineEvent.EngineClosed c) {
            return "engine closed";
        } else if (e instanceof EngineEvent.EngineError err) {
            return "ERROR " + err.message();
        } else if (e instanceof EngineEvent.FlushFailed f) {
            return "ERROR " + f.message() + ": memtable #" + f.memtableId() + " stays in memory and in its log";
        }
        return null;
    }

    /** Probes in a row that said the same thing are told once; below this many, each is named. */
    static final int GROUP_FROM = 3;

    /**
     * A get's path: each source it looked in, newest first, with what it said. A run of SSTables
     * (or memtables) that all said the same, as a bloom filter's no in a store of 40 tables does,
     * is told once: "SSTables #37 … #7 (bloom: no, 16 SSTables)".
     */
    static String getPath(EngineEvent.GetPath p) {
        StringBuilder sb = new StringBuilder("get " + p.key() + " looked in");
        java.util.List<EngineEvent.GetPath.Probe> probes = p.probes();
        for (int i = 0; i < probes.size();) {
            EngineEvent.GetPath.Probe first = probes.get(i);
            int j = i + 1;
            while (j < probes.size() && probes.get(j).memtable() == first.memtable()
                    && probes.get(j).verdict().equals(first.verdict())) {
                j++;
            }
            String kind = first.memtable() ? "memtable" : "SSTable";
            sb.append(i > 0 ? ", " : " ");
            if (j - i >= GROUP_FROM) {
                sb.append(kind).append("s #").append(first.id()).append(" … #").append(probes.get(j - 1).id())
                        .append(" (").append(first.verdict()).append(", ").append(j - i).append(" ").append(kind)
                        .append("s)");
            } else {
                for (int k = i; k < j; k++) {
                    sb.append(k > i ? ", " : "").append(kind).append(" #").append(probes.get(k).id()).append(" (")
                            .append(probes.get(k).verdict()).append(")");
                }
            }
            i = j;
        }
        return sb.toString();
    }
}
