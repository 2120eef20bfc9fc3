package lsmviz.engine.sstable;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/**
 * A table's records with keys in [from, to) in key order ({@code null}: unbounded), tombstones
 * included. Blocks are read (and checked) only as the iterator reaches them, and not at all when
 * the index shows them past the range; a damaged block makes {@code hasNext}/{@code next} throw
 * {@link lsmviz.engine.types.CorruptionException}. For one thread.
 */
final class TableIterator implements Iterator<KeyValue> {
    private final Path path;
    private final ByteBuffer m;
    private final IndexBlock index;
    private final byte[] from;
    private final byte[] to;
    /** The block {@code from} falls in: the only one that needs a seek. */
    private final int seekBlock;
    private int b;
    private BlockIterator block;
    private boolean done;
    private KeyValue next;

    TableIterator(Path path, ByteBuffer m, IndexBlock index, byte[] from, byte[] to) {
        this.path = path;
        this.m = m;
        this.index = index;
        this.from = from;
        this.to = to;
        done = from != null && to != null && Bytes.compare(from, to) >= 0;
        b = from == null ? 0 : index.findBlock(from);
        seekBlock = from == null ? -1 : b;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            if (block == null) {
                if (b >= index.size() || (to != null && Bytes.compare(index.firstKey(b), to) >= 0)) {
                    done = true; // the index shows the block is past the range: do not read it
                    break;
                }
                DataBlock d = DataBlock.read(path, m, index, b);
                block = new BlockIterator(d, b == seekBlock ? d.seek(from, new DataBlock.Entry()) : 0, to);
            }
            next = block.next();
            if (next == null) {
                done = block.pastRange();
                block = null;
                b++;
            }
        }
        return next != null;
    }

    @Override
    public KeyValue next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue kv = next;
        next = null;
        return kv;
    }
}
