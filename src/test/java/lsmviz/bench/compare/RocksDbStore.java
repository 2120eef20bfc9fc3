package lsmviz.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through its Java binding (rocksdbjni) with default {@link Options} except an 8 MiB LRU
 * block cache (LevelDB's default size; RocksDB's own is 32 MiB) set through a
 * {@link BlockBasedTableConfig} that is otherwise default, and writes without fsync but with the
 * write-ahead log ({@code setSync(false)}, {@code setDisableWAL(false)}). So: 64 MiB write buffer,
 * 4 KiB blocks, no bloom filter (no filter policy by default), Snappy compression, two background
 * jobs.
 *
 * <p>At rest: a flush that waits ({@code flush} with {@code setWaitForFlush(true)}: with its
 * 64 MiB write buffer most of a fill would otherwise still be in memory), then polling every
 * {@value #POLL_MILLIS} ms until no flush or compaction is running or pending
 * ({@code rocksdb.num-running-flushes}, {@code rocksdb.mem-table-flush-pending},
 * {@code rocksdb.num-running-compactions}, {@code rocksdb.compaction-pending}); no compaction is forced.
 */
final class RocksDbStore implements Store {
    private static final long CACHE_BYTES = 8L << 20;
    private static final long POLL_MILLIS = 20;
    private static final long REST_MILLIS = 600_000;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final LRUCache cache = new LRUCache(CACHE_BYTES);
    private final Options options = new Options().setCreateIfMissing(true)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    private final WriteOptions writeOptions = new WriteOptions().setSync(false).setDisableWAL(false);
    private final RocksDB db;

    RocksDbStore(Path dir) throws IOException {
        this.dir = dir;
        try {
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            throw new IOException("rocksdb: cannot open " + dir, e);
        }
    }

    @Override
    public String name() {
        return "rocksdb";
    }

    @Override
    public String description() {
        return "rocksdbjni " + RocksDB.rocksdbVersion() + ": defaults, sync false, WAL on, 8 MB LRU block cache"
                + " (write buffer 64 MB, block 4 KB, no bloom filter, snappy)";
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IOException("rocksdb: put failed", e);
        }
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IOException("rocksdb: get failed", e);
        }
    }

    @Override
    public void awaitRest() throws IOException, InterruptedException {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
            long start = System.currentTimeMillis();
            while (busy()) {
                if (System.currentTimeMillis() - start > REST_MILLIS) {
                    throw new IllegalStateException("rocksdb: still compacting after " + REST_MILLIS / 1000 + " s");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (RocksDBException e) {
            throw new IOException("rocksdb: flush failed", e);
        }
    }

    private boolean busy() throws RocksDBException {
        return db.getLongProperty("rocksdb.num-running-flushes") > 0
                || db.getLongProperty("rocksdb.mem-table-flush-pending") > 0
                || db.getLongProperty("rocksdb.num-running-compactions") > 0
                || db.getLongProperty("rocksdb.compaction-pending") > 0;
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw new IOException("rocksdb: close failed", e);
        } finally {
            writeOptions.close();
            options.close();
            cache.close();
        }
    }
}
