package lsmviz.app.session;

import java.util.List;
import lsmviz.app.Format;
import lsmviz.app.session.SessionPort.BlockRow;
import lsmviz.app.session.SessionPort.Fact;
import lsmviz.app.session.SessionPort.TableDetails;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.types.Bytes;

/** An SSTable's facts in the words of its dialog. */
final class TableFacts {
    private TableFacts() {}

    /** {@code level}: the table's level, -1 when it left the levels (obsolete, still read by someone). */
    static TableDetails of(SSTableInfo i, int level) {
        List<Fact> facts = List.of(
                new Fact("level", level < 0 ? "none: obsolete, deleted when its last reader is done"
                        : level == 0 ? "L0 (a flush wrote it; it may overlap the other L0 tables)"
                        : "L" + level + " (sorted: no other L" + level + " table holds its keys)"),
                new Fact("file", i.path().getFileName().toString()),
                new Fact("size", Format.bytes(i.fileSize()) + " (" + Format.count(i.fileSize()) + " bytes)"),
                new Fact("entries", Format.count(i.entryCount()) + " (" + Format.plural(i.tombstoneCount(), "tombstone")
                        + ")"),
                new Fact("keys", Format.keyRange(text(i.minKey()), text(i.maxKey()))),
                new Fact("data", Format.plural(i.blocks().size(), "block") + ", bytes 0 to " + Format.count(i.bloomOffset())),
                new Fact("bloom filter", Format.count(i.bloomBytes()) + " bytes at " + Format.count(i.bloomOffset()) + ", "
                        + i.bloomBitsPerKey() + " bits per key, " + Format.plural(i.bloomHashes(), "hash", "hashes")),
                new Fact("index", Format.count(i.indexBytes()) + " bytes at " + Format.count(i.indexOffset())),
                new Fact("footer", Format.count(i.footerBytes()) + " bytes at " + Format.count(i.footerOffset())));
        List<BlockRow> blocks = i.blocks().stream()
                .map(b -> new BlockRow(b.blockNo(), b.offset(), b.length(), b.entryCount(), Bytes.display(b.firstKey()),
                        Bytes.display(b.lastKey())))
                .toList();
        return new TableDetails(i.id(), facts, blocks);
    }

    private static String text(byte[] key) {
        return key == null ? null : Bytes.display(key);
    }
}
