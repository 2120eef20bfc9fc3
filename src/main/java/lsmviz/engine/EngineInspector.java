package lsmviz.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;

/**
 * Read-only inspection of an open engine, for the window's dialogs and the command line: what a
 * memtable in memory holds, everything about a live SSTable, one of its blocks decoded, and a
 * check of all its checksums. Each call reads the state as it is at that moment; answers are
 * plain facts ({@link KeyValue}, {@link SSTableInfo}), never live engine objects.
 */
public final class EngineInspector {
    private final Supplier<EngineState> state;

    EngineInspector(Supplier<EngineState> state) {
        this.state = state;
    }

    /** The records of a memtable still in memory (active or immutable), up to {@code limit}. */
    public List<KeyValue> memtableEntries(long memtableId, int limit) {
        Memtable m = state.get().memtables().stream().filter(x -> x.id() == memtableId).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no memtable #" + memtableId + " in memory"));
        List<KeyValue> out = new ArrayList<>();
        Iterator<KeyValue> it = m.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }

    /** Everything known about one live SSTable. */
    public SSTableInfo sstableInfo(long sstableId) {
        return table(sstableId).info();
    }

    /** The decoded records of one block of a live SSTable (checksum verified). */
    public List<KeyValue> sstableBlock(long sstableId, int blockNo) {
        return table(sstableId).readBlock(blockNo);
    }

    /** Reads every block of a live SSTable and checks every checksum; throws {@link CorruptionException}. */
    public void verifySSTable(long sstableId) {
        table(sstableId).verifyChecksums();
    }

    private SSTableReader table(long id) {
        return state.get().sstables().stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no live sstable #" + id));
    }
}
