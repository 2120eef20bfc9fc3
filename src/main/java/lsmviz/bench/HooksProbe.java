package lsmviz.bench;

import java.io.IOException;
import java.nio.file.Path;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.types.SyncMode;

/**
 * One engine of a copy of the engine's classes loaded by its own class loader, for
 * {@code bench --hooks compare} (see {@link HooksComparison}): a copy loaded with
 * {@code lsmviz.events=off} has its event hooks compiled out, one loaded without it has them on.
 * It speaks only JDK types, since the bench's own classes are not the copy's; the loops it runs are
 * {@link Loops}', in the copy's own {@code Loops}, compiled with the copy. Each call times its own
 * loop, so reaching it from another class loader costs nothing measured.
 */
public final class HooksProbe implements AutoCloseable {
    private final LsmEngine engine;
    private final byte[][] values;
    /** Keys found by {@link #read}, as the bench's read loop counts them. */
    private final long[] found = new long[1];

    /** Opens an engine in {@code dir} with these options (writes without fsync, as the bench's fills). */
    public HooksProbe(Path dir, long memtableBytes, int blockBytes, long sstableBytes, int maxImmutable, int bloomBits,
            String flushMode, byte[][] values) throws IOException {
        Options o = Options.defaults().withMemtableSizeBytes(memtableBytes).withBlockSizeBytes(blockBytes)
                .withSstableTargetBytes(sstableBytes).withMaxImmutableMemtables(maxImmutable)
                .withBloomBitsPerKey(bloomBits).withFlushMode(Options.FlushMode.valueOf(flushMode))
                .withSyncMode(SyncMode.NONE);
        if (Integer.bitCount(values.length) != 1) {
            throw new IllegalArgumentException("values: a power of two of them (each put takes values[i & (n - 1)]), not "
                    + values.length);
        }
        this.engine = LsmEngine.open(dir, o);
        this.values = values;
    }

    /** Whether this copy of the engine has its event hooks. */
    public static boolean hooks() {
        return EventBus.HOOKS;
    }

    /** Puts keys {@code from} to {@code to} (exclusive); nanoseconds (the bench's own fill loop). */
    public long fill(byte[][] keys, int from, int to) {
        return Loops.fillEngine(engine, keys, values, from, to);
    }

    /** Reads keys {@code from} to {@code to} (exclusive), counting those found ({@link #found()}); nanoseconds. */
    public long read(byte[][] keys, int from, int to) {
        return Loops.readEngine(engine, keys, from, to, found);
    }

    /** Keys found by {@link #read} so far. */
    public long found() {
        return found[0];
    }

    /** Waits (up to ten minutes) until every frozen memtable is flushed: reads see the store at rest. */
    public void awaitFlushes() throws InterruptedException {
        engine.awaitFlushes(600_000);
    }

    @Override
    public void close() throws IOException {
        engine.close();
    }
}
