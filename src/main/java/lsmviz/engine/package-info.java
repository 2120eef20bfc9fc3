/**
 * A small, real log-structured merge tree: {@link lsmviz.engine.LsmEngine}.
 *
 * <h2>Directory layout</h2>
 * <pre>
 * DIR/LOCK        held (fcntl lock) while an engine has the directory open
 * DIR/MANIFEST    which SSTables are live (see lsmviz.engine.manifest)
 * DIR/NNNNNN.sst  one SSTable per flushed memtable (see lsmviz.engine.sstable)
 * DIR/NNNNNN.wal  the write-ahead log of each memtable still in memory (see lsmviz.engine.wal)
 * </pre>
 * Memtables and SSTables share one id sequence, so a file's number also says when it was made.
 *
 * <h2>This package</h2>
 * The public facade and what a caller holds: {@code LsmEngine} (the story: writes, the freeze,
 * the five-step flush, reads), {@code Options} and {@code SyncMode}, {@code KeyValue},
 * {@code EngineSnapshot}, {@code EngineInspector}, {@code Bytes}, {@code CorruptionException}.
 * Beside the story, package-private, each in its own file: {@code EngineState} (the one
 * immutable snapshot), {@code DbDirectory} (the directory, its LOCK, file names and numbers,
 * directory fsync), {@code Recovery} (what opening restores), {@code WalSet} (the live memtables'
 * logs), {@code TableBuilder} (flush step 3's durable work), {@code Flusher} (the background
 * thread and its signals) and {@code EngineEvents} (the one event emitter).
 *
 * <h2>Sub-packages</h2>
 * Public, for the window and the tools:
 * <ul>
 *   <li>{@code event}: the events the engine publishes (the one contract with the UI).</li>
 *   <li>{@code step}: the step gate that pauses real engine threads at probe points.</li>
 *   <li>{@code lock}: the traced freeze lock and state lock, and the lock table.</li>
 *   <li>{@code inspect}: plain facts about SSTables and their blocks.</li>
 * </ul>
 * Internal (the window never uses them; {@code LayeringTest} checks):
 * <ul>
 *   <li>{@code memtable}: the in-memory sorted table.</li>
 *   <li>{@code sstable}: the on-disk table format, writer, reader and bloom filter.</li>
 *   <li>{@code wal}: the write-ahead log of one memtable.</li>
 *   <li>{@code manifest}: the append-only record of live SSTables.</li>
 *   <li>{@code iterator}: the newest-wins merge behind {@code scan}.</li>
 *   <li>{@code io}: the file layer, the test seam for failing disks.</li>
 * </ul>
 * Nothing here imports JavaFX or any library outside the JDK.
 */
package lsmviz.engine;
