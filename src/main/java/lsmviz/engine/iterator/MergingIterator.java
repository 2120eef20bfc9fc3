package lsmviz.engine.iterator;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/**
 * Merges sorted sources into one sorted stream. Sources are given newest first: when several hold
 * the same key, the newest one's record wins and the others are skipped. Tombstones pass through
 * (wrap in {@link #liveOnly} to hide them).
 */
public final class MergingIterator implements Iterator<KeyValue> {

    private record Head(KeyValue kv, int source, Iterator<KeyValue> rest) {}

    private final PriorityQueue<Head> heap;
    /** Older versions of keys skipped so far (a compaction reports them as overwrites dropped). */
    private long skipped;

    public MergingIterator(List<Iterator<KeyValue>> newestFirst) {
        heap = new PriorityQueue<>(Math.max(1, newestFirst.size()), (a, b) -> {
            int c = Bytes.compare(a.kv.key(), b.kv.key());
            return c != 0 ? c : Integer.compare(a.source, b.source);
        });
        for (int i = 0; i < newestFirst.size(); i++) {
            advance(newestFirst.get(i), i);
        }
    }

    private void advance(Iterator<KeyValue> it, int source) {
        if (it.hasNext()) {
            heap.add(new Head(it.next(), source, it));
        }
    }

    @Override
    public boolean hasNext() {
        return !heap.isEmpty();
    }

    @Override
    public KeyValue next() {
        Head top = heap.poll();
        if (top == null) {
            throw new NoSuchElementException();
        }
        advance(top.rest, top.source);
        // older versions of the same key lose
        while (!heap.isEmpty() && Bytes.compare(heap.peek().kv.key(), top.kv.key()) == 0) {
            Head older = heap.poll();
            skipped++;
            advance(older.rest, older.source);
        }
        return top.kv;
    }

    /** How many older versions of a key this iterator has skipped so far. */
    public long olderVersionsSkipped() {
        return skipped;
    }

    /** The same stream without tombstones. */
    public static Iterator<KeyValue> liveOnly(Iterator<KeyValue> in) {
        return new Iterator<>() {
            private KeyValue next = find();

            private KeyValue find() {
                while (in.hasNext()) {
                    KeyValue kv = in.next();
                    if (!kv.isTombstone()) {
                        return kv;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                KeyValue out = next;
                next = find();
                return out;
            }
        };
    }
}
