package lsmviz.engine.sstable;

import lsmviz.engine.types.KeyValue;

/**
 * The records of one data block in key order, from entry {@code from} on, ending before the
 * first key at or past {@code to} (null: the block's end).
 */
final class BlockIterator {
    private final DataBlock block;
    private final byte[] to;
    private final DataBlock.Entry e = new DataBlock.Entry();
    private int i;
    private boolean pastRange;

    BlockIterator(DataBlock block, int from, byte[] to) {
        this.block = block;
        this.i = from;
        this.to = to;
    }

    /** The next record, or null when the block ended or the range did ({@link #pastRange()}). */
    KeyValue next() {
        if (pastRange || i >= block.count()) {
            return null;
        }
        block.entry(i, e);
        if (to != null && block.compare(to, e) <= 0) {
            pastRange = true;
            return null;
        }
        i++;
        return block.keyValue(e);
    }

    /** Whether this block reached {@code to}: no later block can be in the range either. */
    boolean pastRange() {
        return pastRange;
    }
}
