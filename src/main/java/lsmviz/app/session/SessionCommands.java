package lsmviz.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import lsmviz.app.Format;
import lsmviz.app.model.VisualState.HolderVis;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.model.VisualState.WaiterVis;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.ScanIterator;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.lock.LockView;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;
import lsmviz.workload.Workload;

/**
 * The session's {@link SessionPort}: each command runs on the session's workers against the
 * engine open then, and answers in one sentence for the narration.
 */
final class SessionCommands implements SessionPort {
    private final EngineSession session;

    SessionCommands(EngineSession session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<String> put(String key, String value) {
        return session.submit(e -> {
            e.put(Bytes.utf8(key), Bytes.utf8(value));
            return "put " + key + " = " + Format.shorten(value, 40) + ": stored";
        });
    }

    @Override
    public CompletableFuture<String> get(String key) {
        return session.submit(e -> {
            byte[] v = e.get(Bytes.utf8(key));
            if (v == null) {
                return Tombstones.answer(key, e.inspector().versionsOf(Bytes.utf8(key)));
            }
            return "get " + key + " → " + Format.shorten(Bytes.display(v), 60);
        });
    }

    @Override
    public CompletableFuture<String> delete(String key) {
        return session.submit(e -> {
            e.delete(Bytes.utf8(key));
            return "delete " + key + ": a tombstone is written";
        });
    }

    @Override
    public CompletableFuture<String> scan(String from) {
        return session.submit(e -> {
            StringBuilder sb;
            int n = 0;
            long more = 0;
            try (ScanIterator it = e.scanInto(from == null ? null : Bytes.utf8(from), null)) {
                sb = new StringBuilder("scan" + (from == null ? "" : " from " + from) + ": ");
                while (it.hasNext() && n < 8) {
                    KeyValue kv = it.next();
                    sb.append(n == 0 ? "" : ", ").append(Bytes.display(kv.key())).append('=')
                            .append(Format.shorten(Bytes.display(kv.value()), 12));
                    n++;
                }
                while (it.hasNext() && more < 1_000_000) {
                    it.next();
                    more++;
                }
            }
            return sb + (n == 0 ? "(no entries)" : more > 0 ? " … and " + Format.count(more) + " more" : "");
        });
    }

    @Override
    public CompletableFuture<String> freeze() {
        return session.submit(e -> e.freeze() ? "freeze: the active memtable joined the immutable queue"
                : "freeze: nothing to freeze (the active memtable is empty)");
    }

    @Override
    public CompletableFuture<String> flush() {
        return session.submit(e -> e.flushOldest() ? "flush: the oldest immutable memtable is now an SSTable"
                : "flush: nothing to flush (no immutable memtable waits)");
    }

    @Override
    public CompletableFuture<String> setAutoFlush(boolean on) {
        return session.submit(e -> {
            e.setAutoFlush(on);
            return on ? "auto-flush on: the flusher writes immutable memtables as they come"
                    : "auto-flush off: only the Flush button flushes (writers never stall)";
        });
    }

    @Override
    public CompletableFuture<String> crash(CrashKind kind) {
        return session.crash(kind).thenApply(r -> CrashWords.crashed(r));
    }

    @Override
    public CompletableFuture<String> recover() {
        CrashWords.Recovery heard = new CrashWords.Recovery();
        CrashReport crash = session.lastCrash();
        return session.recover(heard).thenApply(dir -> heard.summary(crash));
    }

    @Override
    public CompletableFuture<String> startWorkload(Workload.Settings s) {
        return session.submit(e -> {
            session.startWorkload(e, s);
            return "workload started: " + Format.plural(s.writers(), "writer") + ", " + Format.plural(s.readers(), "reader")
                    + ", " + s.distribution().name().toLowerCase(Locale.ROOT) + " keys, "
                    + (s.opsPerSec() == 0 ? "as fast as possible" : Format.count(s.opsPerSec()) + " ops/s");
        });
    }

    @Override
    public CompletableFuture<String> stopWorkload() {
        return session.stopWorkload();
    }

    @Override
    public WorkloadStatus workload() {
        return session.workloadStatus();
    }

    @Override
    public CompletableFuture<List<MemtableEntry>> memtableEntries(long memtableId, int limit) {
        return session.submit(e -> e.inspector().memtableEntries(memtableId, limit).stream()
                .map(kv -> new MemtableEntry(Bytes.display(kv.key()), kv.isTombstone() ? null : Bytes.display(kv.value())))
                .toList());
    }

    @Override
    public CompletableFuture<TableDetails> sstable(long sstableId) {
        return session.submit(e -> TableFacts.of(e.inspector().sstableInfo(sstableId),
                e.snapshot().sstables().stream().filter(t -> t.id() == sstableId).mapToInt(t -> t.level()).findFirst()
                        .orElse(-1)));
    }

    @Override
    public CompletableFuture<Void> verifySSTable(long sstableId) {
        return session.submit(e -> {
            e.inspector().verifySSTable(sstableId);
            return null;
        });
    }

    @Override
    public StepControl steps() {
        return session.steps();
    }

    @Override
    public void setEventDetail(EventListener.Detail detail) {
        session.setEventDetail(detail);
    }

    /** Reads the lock table, which never blocks (concurrent maps, no engine lock). */
    @Override
    public List<LockVis> liveLocks() {
        LsmEngine e = session.engine();
        if (e == null) {
            return List.of();
        }
        List<LockVis> locks = new ArrayList<>();
        for (LockView v : e.lockTable().snapshot()) {
            locks.add(new LockVis(v.lock(),
                    v.holders().stream().map(h -> new HolderVis(h.thread(), h.mode().label(), h.sinceNanos())).toList(),
                    v.waiters().stream().map(w -> new WaiterVis(w.thread(), w.mode().label(), w.sinceNanos())).toList()));
        }
        return locks;
    }
}
