package lsmviz.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.manifest.Manifest;
import lsmviz.engine.memtable.Memtable;
import lsmviz.engine.sstable.SSTableReader;
import lsmviz.engine.sstable.SSTableWriter;
import lsmviz.engine.state.TableFile;
import lsmviz.engine.types.KeyValue;

/**
 * Flush step 3's work, as LevelDB's {@code BuildTable}: writes a memtable's records into a new
 * SSTable, durably, with no state lock held. The table is written and fsynced, then the
 * directory, and the manifest names it before anyone can see it. If any of that fails nothing
 * changes: the memtable stays queued and its log stays, the error is reported and thrown.
 */
final class TableBuilder {
    private final DbDirectory dir;
    private final Options options;
    private final EngineEvents events;
    private final Manifest manifest;

    private final Consumer<TableFile> whenUnused;

    TableBuilder(DbDirectory dir, Options options, EngineEvents events, Manifest manifest,
            Consumer<TableFile> whenUnused) {
        this.dir = dir;
        this.options = options;
        this.events = events;
        this.manifest = manifest;
        this.whenUnused = whenUnused;
    }

    /** Table {@code id} made of {@code records}, memtable {@code m}'s in key order. */
    TableFile build(Memtable m, long id, Iterator<KeyValue> records) {
        Path path = dir.sstable(id);
        try {
            SSTableInfo info = SSTableWriter.write(dir.io(), path, id, records, options.blockSizeBytes(),
                    options.bloomBitsPerKey(), events.flushProgress(m.id(), id));
            dir.sync(); // the table's name survives a crash, or the flush fails
            SSTableReader table = SSTableReader.open(path, id);
            events.sstableWritten(info);
            manifest.recordAdded(id, m.id());
            return new TableFile(table, whenUnused);
        } catch (IOException e) {
            dir.deleteQuietly(path);
            events.flushFailed(m.id(), "flush of memtable #" + m.id() + " failed: " + e.getMessage());
            throw new UncheckedIOException("flush of memtable #" + m.id() + " into " + path + " failed", e);
        }
    }
}
