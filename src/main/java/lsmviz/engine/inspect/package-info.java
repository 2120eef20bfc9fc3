/**
 * Plain facts for inspection ({@link lsmviz.engine.EngineInspector}, the window's dialogs,
 * {@code lsmviz dump}): everything about one SSTable ({@link lsmviz.engine.inspect.SSTableInfo})
 * and its data blocks ({@link lsmviz.engine.inspect.BlockHandle}). Records of ids, sizes, offsets
 * and keys, never live engine objects.
 */
package lsmviz.engine.inspect;
