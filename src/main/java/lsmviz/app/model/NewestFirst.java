package lsmviz.app.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An append-only list whose snapshots cost nothing: {@link #snapshot()} returns an immutable,
 * newest-first view over the elements appended so far, sharing the backing array. Appending never
 * writes into the part of the array a snapshot sees (it writes past it, or into a new array when
 * it grows), and {@link #clear()} starts a new array, so a snapshot never changes.
 *
 * <p>Why: the shelf holds thousands of SSTables and the window takes a snapshot of the picture on
 * every pulse; copying the list each time cost a millisecond per pulse at 7,000 tables.
 *
 * <p>Not thread-safe for writers (one thread appends); snapshots may be read on any thread once
 * published safely.
 */
final class NewestFirst<T> {
    private Object[] items = new Object[16];
    private int size;

    void add(T item) {
        if (item == null) {
            throw new NullPointerException("item");
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = item;
    }

    void clear() {
        items = new Object[16];
        size = 0;
    }

    int size() {
        return size;
    }

    /** The elements appended so far, newest first. */
    List<T> snapshot() {
        return new View<>(items, size);
    }

    /** A copy that shares nothing a later append to either could change. */
    NewestFirst<T> copy() {
        NewestFirst<T> c = new NewestFirst<>();
        c.items = items.clone();
        c.size = size;
        return c;
    }

    private static final class View<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;
        private final int size;

        View(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of " + size);
            }
            return (T) items[size - 1 - index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
