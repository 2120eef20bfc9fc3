package lsmviz.bench.compare;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One key-value store under comparison: ours, iq80 LevelDB or RocksDB, each opened on its own
 * empty directory with the options its class documents.
 */
interface Store extends AutoCloseable {
    /** The name {@code --stores} knows it by: {@code ours}, {@code leveldb}, {@code rocksdb}. */
    String name();

    /** What it is and the options it got, for the header. */
    String description();

    void put(byte[] key, byte[] value) throws IOException;

    /** The value, or null when the key is absent. */
    byte[] get(byte[] key) throws IOException;

    /**
     * Waits until the store is at rest after a fill: its background flushes and compactions done
     * (how each store tells is in its class). Not timed.
     */
    void awaitRest() throws IOException, InterruptedException;

    /** The directory it lives in. */
    Path dir();

    /** Every file's bytes under {@link #dir()}: tables, logs, manifests, info logs. */
    default long bytesOnDisk() throws IOException {
        return Workloads.bytesUnder(dir(), false);
    }

    /** The bytes of its table files alone ({@code .sst}, {@code .ldb}). */
    default long tableBytes() throws IOException {
        return Workloads.bytesUnder(dir(), true);
    }

    @Override
    void close() throws IOException;
}
