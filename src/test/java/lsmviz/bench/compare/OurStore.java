package lsmviz.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.types.SyncMode;

/**
 * Our engine with {@link Options#defaults()} except no fsync on writes ({@link SyncMode#NONE}, as
 * {@code lsmviz bench} fills): 4 MiB memtables, 4 KiB blocks, 10 bloom bits per key, leveled
 * compaction, tables read through a memory map (no block cache of its own: the OS page cache).
 * At rest: {@link LsmEngine#awaitFlushes} then {@link LsmEngine#awaitCompactions}; the active
 * memtable stays in memory, as in {@code lsmviz bench}.
 */
final class OurStore implements Store {
    private static final long REST_MILLIS = 600_000;
    private static final Options OPTIONS = Options.defaults().withSyncMode(SyncMode.NONE);

    private final Path dir;
    private final LsmEngine engine;

    OurStore(Path dir) throws IOException {
        this.dir = dir;
        this.engine = LsmEngine.open(dir, OPTIONS);
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "lsmviz engine: defaults, sync none (memtable %d KB, block %d B, bloom %d"
                + " bits/key, %s compaction, mmap reads, no block cache)", OPTIONS.memtableSizeBytes() >> 10,
                OPTIONS.blockSizeBytes(), OPTIONS.bloomBitsPerKey(),
                OPTIONS.compaction().style().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        engine.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return engine.get(key);
    }

    @Override
    public void awaitRest() throws InterruptedException {
        if (!engine.awaitFlushes(REST_MILLIS) || !engine.awaitCompactions(REST_MILLIS)) {
            throw new IllegalStateException("ours: not at rest after " + REST_MILLIS / 1000 + " s");
        }
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
