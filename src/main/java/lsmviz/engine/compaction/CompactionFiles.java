package lsmviz.engine.compaction;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lsmviz.engine.iterator.ConcatenatingIterator;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.state.Edit;
import lsmviz.engine.state.Version;
import lsmviz.engine.types.KeyValue;

/** What a compaction reads and records, as files: its inputs' iterators, and its manifest edit. */
public final class CompactionFiles {
    private CompactionFiles() {}

    /** The inputs, newest first: each L0 table, then one iterator per level (its tables in key order). */
    public static List<Iterator<KeyValue>> inputs(Task task, Version version, MergeCounts counts) {
        List<Iterator<KeyValue>> sources = new ArrayList<>();
        for (Task.Input in : task.inputs()) {
            List<SSTableReader> tables = in.tables().stream().map(t -> version.file(t.id()).reader()).toList();
            if (in.level() == 0) {
                tables.forEach(t -> sources.add(counted(t.iterator(null, null), counts)));
            } else {
                sources.add(counted(new ConcatenatingIterator(tables.stream()
                        .map(t -> t.iterator(null, null)).iterator()), counts));
            }
        }
        return sources;
    }

    /** Counts every record read from {@code in} (keys in, and their bytes). */
    private static Iterator<KeyValue> counted(Iterator<KeyValue> in, MergeCounts counts) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public KeyValue next() {
                KeyValue kv = in.next();
                counts.keysIn++;
                counts.bytesIn += kv.key().length + (kv.isTombstone() ? 0 : kv.value().length);
                return kv;
            }
        };
    }

    /** The edit as the manifest records it: ids and levels, and the pointers' keys. */
    public static Manifest.Edit manifestEdit(Edit e) {
        Map<Long, Integer> added = new LinkedHashMap<>();
        e.added().forEach(p -> added.put(p.table().id(), p.level()));
        Map<Integer, byte[]> pointers = new TreeMap<>();
        e.pointers().forEach((level, key) -> pointers.put(level, key.bytes()));
        return new Manifest.Edit(added, e.removed(), pointers);
    }
}
