package lsmviz.engine;

import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;


/**
 * Engine options. Every value is checked when the record is built: a bad one throws an
 * {@link IllegalArgumentException} whose message names the option, the value and the allowed
 * range.
 *
 * @param memtableSizeBytes     the active memtable is frozen once its approximate size reaches this
 * @param blockSizeBytes        an SSTable data block is sealed once it reaches about this size
 * @param sstableTargetBytes    the size compaction cuts its output tables at (LevelDB's 2 MB); a
 *                              flush still writes one table per memtable, whatever its size
 * @param maxImmutableMemtables immutable memtables that may wait for a flush; when the queue is
 *                              full and the active memtable is full too, writers stall
 * @param bloomBitsPerKey       bloom filter bits per key (10 gives about 1 % false positives)
 * @param flushMode             {@link FlushMode#BACKGROUND}: a flusher thread flushes whenever
 *                              immutable memtables wait; {@link FlushMode#MANUAL}: only on request
 * @param syncMode              when a put's write-ahead log record is fsynced: {@link SyncMode#NONE}
 *                              (OS buffers), {@link SyncMode#SYNC} (each put) or {@link SyncMode#GROUP}
 *                              (concurrent puts share one fsync)
 * @param compaction            how SSTables are compacted into levels ({@link CompactionOptions})
 */
public record Options(long memtableSizeBytes, int blockSizeBytes, long sstableTargetBytes,
        int maxImmutableMemtables, int bloomBitsPerKey, FlushMode flushMode, SyncMode syncMode,
        CompactionOptions compaction) {

    /** Who flushes immutable memtables. */
    public enum FlushMode {
        /**
         * A background flusher thread, as soon as an immutable memtable waits; and a compactor
         * thread, whenever the compaction policy says a level is due.
         */
        BACKGROUND,
        /**
         * Only {@code flushOldest()}, {@code compact()} and {@code close()}: no background thread
         * flushes or compacts. Writers never stall in this mode: with the queue full, the active
         * memtable grows past its limit until someone flushes.
         */
        MANUAL
    }

    /** Largest key, in bytes. */
    public static final int MAX_KEY_BYTES = 16 * 1024;
    /** Largest value, in bytes. */
    public static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;

    public Options {
        check("memtableSizeBytes", memtableSizeBytes, 1024, 1L << 30);
        check("blockSizeBytes", blockSizeBytes, 256, 1 << 20);
        check("sstableTargetBytes", sstableTargetBytes, 4096, 1L << 32);
        check("maxImmutableMemtables", maxImmutableMemtables, 1, 64);
        check("bloomBitsPerKey", bloomBitsPerKey, 1, 32);
        if (flushMode == null) {
            throw new IllegalArgumentException("flushMode = null is not allowed: use BACKGROUND or MANUAL");
        }
        if (syncMode == null) {
            throw new IllegalArgumentException("syncMode = null is not allowed: use NONE, SYNC or GROUP");
        }
        if (compaction == null) {
            throw new IllegalArgumentException("compaction = null is not allowed: use CompactionOptions.defaults()");
        }
    }

    /** Options with the default compaction ({@link CompactionOptions#defaults()}: leveled). */
    public Options(long memtableSizeBytes, int blockSizeBytes, long sstableTargetBytes, int maxImmutableMemtables,
            int bloomBitsPerKey, FlushMode flushMode, SyncMode syncMode) {
        this(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, flushMode,
                syncMode, CompactionOptions.defaults());
    }

    /** A key is 1 to {@link #MAX_KEY_BYTES} bytes. */
    static void checkKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("key is empty: a key is 1.." + MAX_KEY_BYTES + " bytes");
        }
        if (key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + key.length + " bytes: a key is 1.." + MAX_KEY_BYTES
                    + " bytes");
        }
    }

    /** A value is 0 to {@link #MAX_VALUE_BYTES} bytes; a delete has none (null is not a value). */
    static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value is null: use delete to remove a key");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value is " + value.length + " bytes: a value is 0.."
                    + MAX_VALUE_BYTES + " bytes");
        }
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range "
                    + min + ".." + max);
        }
    }

    /**
     * 4 MiB memtables, 4 KiB blocks, 2 MiB compaction outputs, 4 immutable memtables, 10 bloom
     * bits, background flush and compaction, group commit, leveled compaction.
     */
    public static Options defaults() {
        return new Options(4L << 20, 4096, 2L << 20, 4, 10, FlushMode.BACKGROUND, SyncMode.GROUP,
                CompactionOptions.defaults());
    }

    public Options withMemtableSizeBytes(long v) {
        return new Options(v, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, flushMode, syncMode, compaction);
    }

    public Options withBlockSizeBytes(int v) {
        return new Options(memtableSizeBytes, v, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, flushMode, syncMode, compaction);
    }

    public Options withSstableTargetBytes(long v) {
        return new Options(memtableSizeBytes, blockSizeBytes, v, maxImmutableMemtables, bloomBitsPerKey, flushMode, syncMode, compaction);
    }

    public Options withMaxImmutableMemtables(int v) {
        return new Options(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, v, bloomBitsPerKey, flushMode, syncMode, compaction);
    }

    public Options withBloomBitsPerKey(int v) {
        return new Options(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, v, flushMode, syncMode, compaction);
    }

    public Options withFlushMode(FlushMode v) {
        return new Options(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, v, syncMode, compaction);
    }

    public Options withSyncMode(SyncMode v) {
        return new Options(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, flushMode, v, compaction);
    }

    public Options withCompaction(CompactionOptions v) {
        return new Options(memtableSizeBytes, blockSizeBytes, sstableTargetBytes, maxImmutableMemtables, bloomBitsPerKey, flushMode, syncMode, v);
    }
}
