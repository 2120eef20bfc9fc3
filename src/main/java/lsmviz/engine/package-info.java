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
 * <h2>This package: the engine's face and its stories</h2>
 * {@code LsmEngine} is the facade and the write's story (put, delete, making room for a write).
 * Every other story has its own file, and the code pane shows exactly these files (each
 * {@link lsmviz.engine.step.ProbePoint.Kind} names its story): {@code Freeze}, {@code Flush} (the
 * seed's five steps), {@code Lookup} (a get, newest first) and {@code Compaction} (pick, merge,
 * seal, install, delete). Beside them, package-private: {@code Recovery} (what opening
 * restores), {@code DbDirectory} (the directory, its LOCK, file names and numbers, directory
 * fsync), {@code WalSet} (the live memtables' logs), {@code TableBuilder} (flush step 3's durable
 * work), {@code Flusher} and {@code Compactor} (the two background threads, sharing
 * {@code BackgroundThread}), {@code EngineEvents} and {@code CompactionEvents} (the one event
 * emitter, one line per event beside the story), {@code EngineInspector} and {@code Options}.
 *
 * <h2>Design decisions (issue 19)</h2>
 * <ul>
 *   <li><b>One owner of the state.</b> {@code state.CurrentState} holds the current
 *       {@code EngineState} and both locks, and is the only place the state is replaced. Its
 *       methods say which lock they need ({@code REQUIRES:}, as LevelDB's do) and check it:
 *       {@code replace} needs the freeze lock and the state write lock, {@code get} one of the
 *       locks, {@code peek} none (a glance that is re-checked under a lock). Before, the
 *       compactor swapped the state through a lambda handed in with a 13-field record.</li>
 *   <li><b>One story per file, threads apart.</b> The compactor's thread and queue
 *       ({@code Compactor}) are apart from the compaction's story ({@code Compaction}); the thread
 *       loop (sleep until due, one piece of work, stop for good on the first failure) is shared
 *       with the flusher ({@code BackgroundThread}).</li>
 *   <li><b>Packages form a tree.</b> No engine package uses this root package (an ArchUnit rule
 *       in {@code LayeringTest}), and the sub-packages have no cycles among them, so the engine
 *       has none. The small shared types moved to {@code types} for that.</li>
 * </ul>
 *
 * <h2>Sub-packages</h2>
 * Public, for the window and the tools:
 * <ul>
 *   <li>{@code types}: the small shared types ({@code KeyValue}, {@code Bytes},
 *       {@code SyncMode}, {@code CompactionOptions}, {@code CorruptionException}).</li>
 *   <li>{@code event}: the events the engine publishes (the one contract with the UI), and the
 *       {@code EngineSnapshot} of plain facts they carry.</li>
 *   <li>{@code step}: the step gate that pauses real engine threads at probe points.</li>
 *   <li>{@code lock}: the traced freeze lock and state lock, and the lock table.</li>
 *   <li>{@code inspect}: plain facts about SSTables and their blocks.</li>
 * </ul>
 * Internal (the window never uses them; {@code LayeringTest} checks):
 * <ul>
 *   <li>{@code state}: the state and its versions ({@code CurrentState}, {@code EngineState},
 *       {@code Version}, {@code TableFile}) and the levels ({@code Levels}, {@code TableMeta},
 *       {@code Key}, {@code Edit}).</li>
 *   <li>{@code compaction}: the policies (leveled, tiered, none), a compaction's {@code Task},
 *       its input files and its statistics.</li>
 *   <li>{@code memtable}: the in-memory sorted table.</li>
 *   <li>{@code sstable}: the on-disk table format, writer, reader and bloom filter.</li>
 *   <li>{@code wal}: the write-ahead log of one memtable.</li>
 *   <li>{@code manifest}: the append-only record of live SSTables.</li>
 *   <li>{@code iterator}: the newest-wins merge behind {@code scan}.</li>
 *   <li>{@code io}: the file layer, the test seam for failing disks and simulated crashes.</li>
 * </ul>
 * Nothing here imports JavaFX or any library outside the JDK.
 */
package lsmviz.engine;
