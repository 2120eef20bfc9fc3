package lsmviz.engine;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import lsmviz.engine.state.EngineState;
import lsmviz.engine.state.Version;
import lsmviz.engine.types.KeyValue;

/**
 * A scan's records, read from one pinned {@link Version}: a compaction that replaces its tables
 * meanwhile does not delete them until the scan is done. Done means: it ran to its end, or it was
 * closed; a scan dropped half-way lets go when the garbage collector finds it (a backstop, not a
 * promise of when), so close what you do not finish.
 */
public final class ScanIterator implements Iterator<KeyValue>, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Lets go of the version once; shared with the cleaner, so it must not refer to the iterator. */
    private static final class Unpin implements Runnable {
        private Version version;

        Unpin(Version version) {
            this.version = version;
        }

        @Override
        public synchronized void run() {
            if (version != null) {
                version.unpin();
                version = null;
            }
        }
    }

    private final Iterator<KeyValue> records;
    private final Cleaner.Cleanable cleanable;

    ScanIterator(EngineState pinned, byte[] from, byte[] to) {
        this.records = pinned.scan(from, to);
        this.cleanable = CLEANER.register(this, new Unpin(pinned.version()));
    }

    @Override
    public boolean hasNext() {
        boolean more = records.hasNext();
        if (!more) {
            close();
        }
        return more;
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return records.next();
    }

    /** Lets go of the tables; idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
