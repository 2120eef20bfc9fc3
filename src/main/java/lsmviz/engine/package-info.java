/**
 * A small, real log-structured merge tree: {@link lsmviz.engine.LsmEngine}.
 *
 * <h2>Directory layout</h2>
 * <pre>
 * DIR/LOCK        held (fcntl lock) while an engine has the directory open
 * DIR/MANIFEST    which SSTables are live (see lsmviz.engine.manifest)
 * DIR/NNNNNN.sst  one SSTable per flushed memtable (see lsmviz.engine.sstable)
 * </pre>
 * Memtables and SSTables share one id sequence, so a file's number also says when it was made.
 *
 * <h2>Sub-packages</h2>
 * <ul>
 *   <li>{@code memtable}: the in-memory sorted table.</li>
 *   <li>{@code sstable}: the on-disk table format, writer, reader and bloom filter.</li>
 *   <li>{@code manifest}: the append-only record of live SSTables.</li>
 *   <li>{@code iterator}: records and the newest-wins merge behind {@code scan}.</li>
 *   <li>{@code lock}: the traced freeze lock and state lock, and the lock table.</li>
 *   <li>{@code event}: the events the engine publishes (the one contract with the UI).</li>
 *   <li>{@code step}: the step gate that pauses real engine threads at probe points.</li>
 * </ul>
 * Nothing here imports JavaFX or any library outside the JDK.
 */
package lsmviz.engine;
