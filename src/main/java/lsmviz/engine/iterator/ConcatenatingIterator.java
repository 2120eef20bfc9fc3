package lsmviz.engine.iterator;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import lsmviz.engine.types.KeyValue;

/**
 * The records of one sorted level: its tables' iterators one after another. The tables are in
 * key order and never overlap, so their concatenation is sorted. Each part is opened only when
 * the one before it runs out (a scan of a few keys reads one table, not the whole level).
 */
public final class ConcatenatingIterator implements Iterator<KeyValue> {
    private final Iterator<Iterator<KeyValue>> parts;
    private Iterator<KeyValue> current = Collections.emptyIterator();

    /** {@code parts}: the tables' iterators in key order, made lazily as this asks for them. */
    public ConcatenatingIterator(Iterator<Iterator<KeyValue>> parts) {
        this.parts = parts;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && parts.hasNext()) {
            current = parts.next();
        }
        return current.hasNext();
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
