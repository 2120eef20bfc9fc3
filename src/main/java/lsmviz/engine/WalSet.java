package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CrashReport;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.types.SyncMode;
import lsmviz.engine.wal.WriteAheadLog;

/**
 * The write-ahead logs of the memtables still in memory, one per memtable, by memtable id. A
 * memtable's log is created with it, written before it on every put, and deleted once the
 * memtable is in a fsynced SSTable that the manifest names.
 */
final class WalSet {
    private final Map<Long, Log> logs = new ConcurrentHashMap<>();
    private final DbDirectory dir;
    private final Options options;
    private final EngineEvents events;

    WalSet(DbDirectory dir, Options options, EngineEvents events) {
        this.dir = dir;
        this.options = options;
        this.events = events;
    }

    /** A log's records take less room than the memtable's estimate of itself: this rarely grows. */
    private long capacity() {
        return Math.min(options.memtableSizeBytes() + (64 << 10), 1L << 30);
    }

    /** A new empty memtable with its own new log. */
    Memtable newMemtable() throws IOException {
        long id = dir.newFileNumber();
        logs.put(id, new Log(WriteAheadLog.create(dir.io(), dir.wal(id), id, options.syncMode(), events,
                capacity()), 0));
        if (options.syncMode() != SyncMode.NONE) {
            dir.sync(); // the log's name survives a power cut, before a write in it is acknowledged
        }
        return new Memtable(id);
    }

    /** Recovery: memtable {@code id} rebuilt from its log, which takes appends again after its last good record. */
    Memtable reopen(long id, WriteAheadLog.Replay r) throws IOException {
        Memtable m = new Memtable(id);
        for (KeyValue kv : r.records()) {
            m.put(kv.key(), kv.value());
        }
        logs.put(id, new Log(WriteAheadLog.reopen(dir.io(), dir.wal(id), id, r.validLength(), options.syncMode(),
                events, capacity()), r.records().size()));
        return m;
    }

    /** The log of memtable {@code m}, which is in memory. */
    Log of(Memtable m) {
        return logs.get(m.id());
    }

    /**
     * After a crash: per log still in use, the writes it held before and those a replay of the
     * file finds now ({@code before}: {@link #recordCounts()} taken before the crash), with the
     * first keys of its memtable ({@code memtables}, still in memory) that no replayed record has.
     */
    List<CrashReport.Writes> survivors(Map<Long, Long> before, List<Memtable> memtables) {
        List<CrashReport.Writes> out = new ArrayList<>();
        before.forEach((id, n) -> {
            List<KeyValue> replayed = List.of();
            try {
                replayed = Files.exists(dir.wal(id)) ? WriteAheadLog.replay(dir.wal(id), id).records() : List.of();
            } catch (IOException | RuntimeException unreadable) {
                // a log recovery cannot read keeps nothing
            }
            java.util.Set<String> kept = new java.util.HashSet<>();
            replayed.forEach(kv -> kept.add(Bytes.display(kv.key())));
            List<String> lostKeys = new ArrayList<>();
            memtables.stream().filter(m -> m.id() == id).findFirst().ifPresent(m -> m.iterator(null, null)
                    .forEachRemaining(kv -> {
                        String k = Bytes.display(kv.key());
                        if (!kept.contains(k) && lostKeys.size() < CrashReport.Writes.KEYS_NAMED) {
                            lostKeys.add(k);
                        }
                    }));
            out.add(new CrashReport.Writes(id, n, replayed.size(), lostKeys));
        });
        return out;
    }

    /** The records in each log still in use, by memtable id, oldest first. */
    Map<Long, Long> recordCounts() {
        Map<Long, Long> out = new java.util.TreeMap<>();
        logs.forEach((id, l) -> out.put(id, l.records));
        return out;
    }

    /** One memtable's log, its failures unchecked and saying what they mean for the write. */
    static final class Log {
        private final WriteAheadLog log;
        /** Records in the log (replayed, then appended); written under the log's lock. */
        private volatile long records;

        Log(WriteAheadLog log, long records) {
            this.log = log;
            this.records = records;
        }

        /**
         * Writes a put ({@code value != null}) or a delete into the log, then runs {@code apply}
         * (the memtable's write) under the log's lock: the log's order is the memtable's.
         */
        WriteAheadLog.Appended append(byte[] key, byte[] value, LongSupplier apply) {
            try {
                return log.append(key, value, () -> {
                    records++; // under the log's lock
                    return apply.getAsLong();
                });
            } catch (IOException e) {
                throw new UncheckedIOException("write-ahead log append failed; the " + (value == null ? "delete" : "put")
                        + " was not applied: " + e.getMessage(), e);
            }
        }

        /** Returns once the log is as durable up to {@code end} as the sync mode promises. */
        void awaitDurable(long end) {
            try {
                log.awaitDurable(end);
            } catch (IOException e) {
                throw new UncheckedIOException("write-ahead log sync failed; the write may not survive a crash: "
                        + e.getMessage(), e);
            }
        }
    }

    /** The memtable is in a fsynced SSTable the manifest names: its log goes. */
    void delete(Memtable flushed) {
        Log removed = logs.remove(flushed.id());
        if (removed == null) {
            return;
        }
        WriteAheadLog log = removed.log;
        try {
            log.close();
            dir.delete(log.path());
        } catch (IOException e) {
            events.error("could not delete " + log.path() + " (it is removed at the next open): " + e.getMessage());
        }
    }

    /**
     * Closes every log. With {@code emptyActive}, the log of that memtable is deleted too: a clean
     * close that flushed everything leaves no empty log behind.
     */
    void closeAll(Memtable emptyActive) {
        for (Log l : logs.values()) {
            WriteAheadLog log = l.log;
            try {
                log.close();
            } catch (IOException ignored) {
                // closing after a failure: what was acknowledged is already on disk
            }
            if (emptyActive != null && log.memtableId() == emptyActive.id()) {
                dir.deleteQuietly(log.path());
            }
        }
    }
}
