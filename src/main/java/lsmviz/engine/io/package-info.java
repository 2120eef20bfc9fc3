/**
 * The file layer: the engine's one way to open files for writing ({@link lsmviz.engine.io.FileIO}),
 * a seam for tests and for simulated crashes.
 *
 * <h2>Simulated crashes ({@link lsmviz.engine.io.CrashableFileIO})</h2>
 * The model of LevelDB's {@code fault_injection_test}, for a live engine in the same JVM:
 * <ul>
 * <li>{@link lsmviz.engine.types.CrashKind#PROCESS}, kill -9: every byte that reached the operating
 *     system survives, written or mapped, synced or not.</li>
 * <li>{@link lsmviz.engine.types.CrashKind#POWER}, a power cut: every byte not fsynced or msynced is
 *     lost, and every file created since its directory's last fsync is forgotten.</li>
 * </ul>
 *
 * <h3>What is kept, and for how long</h3>
 * A file opened for writing is tracked while it is open. Its durable content is copied only when a
 * change is about to make it differ: before the first write or truncate after an fsync (or an open
 * that truncates); an fsync of the file drops the copy. Writes through a mapping cannot be seen, so
 * a file mapped for writing keeps a copy from the moment it is mapped: each msync through
 * {@link lsmviz.engine.io.FileIO#syncMapped} copies the mapping into it, and an fsync of the file
 * (which on Linux also writes pages dirtied through mappings) takes the file's whole content.
 * Mappings are found by identity and held weakly. A file is forgotten once it is closed, its
 * mappings are collected, and it is clean; a closed file with unsynced changes stays until the
 * crash. Per directory, the names created through {@code open} since its last fsync are kept; a
 * directory fsync clears those created before it started.
 *
 * <h3>The crash</h3>
 * Every disk operation holds the read side of one read-write lock while it checks that the layer
 * has not crashed, makes the real call and does its bookkeeping (with the file's monitor held, so
 * that no write slips between an fsync and its bookkeeping); the crash holds the write side. So it
 * waits for the operations in progress, and every later one fails with a
 * {@link lsmviz.engine.io.SimulatedCrashException}. The crash then closes every real channel the
 * layer opened (closing syncs nothing), and, for a power cut, puts back each tracked file's durable
 * content and deletes the forgotten files. Threads may go on writing into mappings after the crash,
 * and nothing can stop them; so every file mapped for writing is replaced by a new file (deleted,
 * created, written, fsynced) holding what the crash keeps of it. The old mappings then write into
 * the old file, which no longer has a name, and cannot change what recovery reads. All of this
 * uses plain {@link java.nio.channels.FileChannel}s, never the crashed layer.
 * A {@link lsmviz.engine.types.CrashReport} says, file by file, what was lost.
 *
 * <h3>Not modelled</h3>
 * Deletions are durable at once (a power cut never brings a deleted file back), and syncs are
 * all or nothing: a power cut keeps what the last sync saw, never a part of it. An msync copies
 * the mapping as it is when the msync returns, so it may keep a record another thread was putting
 * meanwhile, half put: what recovery calls a torn tail. Files the engine opens without the layer
 * (read-only SSTables, the LOCK file) are not touched.
 */
package lsmviz.engine.io;
