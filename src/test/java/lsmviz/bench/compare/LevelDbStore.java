package lsmviz.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.Iq80DBFactory;

/**
 * LevelDB's Java port (iq80 leveldb 0.12) with its default {@link Options}: 4 MiB write buffer,
 * 4 KiB blocks, 1000 open files, no bloom filter (no filter policy by default), Snappy asked for
 * but not on the class path so tables are written uncompressed (the port falls back to none), and
 * writes without fsync ({@code WriteOptions.sync(false)}, its default). It has no block cache:
 * {@code Options.cacheSize} exists for the API but this version never reads it; tables are read
 * through a memory map (64-bit JVMs), so reads come from the OS page cache, as ours do.
 *
 * <p>At rest: the port answers no property ({@code getProperty} returns null, "leveldb.stats"
 * included) and has no call that waits for its compaction thread, so this waits until the
 * directory's files (names and sizes) stay the same for {@value #QUIET_MILLIS} ms, polling every
 * {@value #POLL_MILLIS} ms, for at most {@value #REST_MILLIS} ms. A compaction writes its output
 * as it goes, so a running one changes the files well within that quiet time.
 */
final class LevelDbStore implements Store {
    private static final long QUIET_MILLIS = 1000;
    private static final long POLL_MILLIS = 50;
    private static final long REST_MILLIS = 600_000;

    private final Path dir;
    private final DB db;
    private final WriteOptions writeOptions = new WriteOptions().sync(false);

    LevelDbStore(Path dir) throws IOException {
        this.dir = dir;
        this.db = Iq80DBFactory.factory.open(dir.toFile(), new Options().createIfMissing(true));
    }

    @Override
    public String name() {
        return "leveldb";
    }

    @Override
    public String description() {
        return "iq80 leveldb 0.12: defaults, sync false (write buffer 4 MB, block 4 KB, no bloom filter,"
                + " uncompressed: no Snappy on the class path, mmap reads, no block cache: cacheSize is not read)";
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value, writeOptions);
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void awaitRest() throws IOException, InterruptedException {
        long start = System.currentTimeMillis();
        List<String> last = files();
        long quietSince = start;
        while (System.currentTimeMillis() - quietSince < QUIET_MILLIS) {
            if (System.currentTimeMillis() - start > REST_MILLIS) {
                throw new IllegalStateException("leveldb: files still changing after " + REST_MILLIS / 1000 + " s");
            }
            Thread.sleep(POLL_MILLIS);
            List<String> now = files();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.currentTimeMillis();
            }
        }
    }

    /** Each file's name and size, in name order. */
    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().map(p -> p.getFileName() + ":" + p.toFile().length()).toList();
        }
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        db.close();
    }
}
