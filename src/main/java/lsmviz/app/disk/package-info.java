/**
 * The disk part of the window: the levels of the LSM tree, drawn from the projection.
 *
 * <h2>Design decisions</h2>
 * <ul>
 *   <li>Everything comes from events. The engine reports its levels ({@code LevelsChanged}: the
 *       style, L0's thresholds and its own {@code LevelsReport}) after every open, flush and
 *       compaction install, so the window never needs the compaction policy, which is engine
 *       internal, and history and replayed traces show the same headers as the live engine.
 *       Compactions under way, their outputs, obsolete tables and their readers come from the
 *       compaction events ({@code CompactionPicked}, {@code CompactionProgress},
 *       {@code CompactionOutputWritten}, {@code CompactionInstalled}, {@code TableObsolete},
 *       {@code TableDeleted}).</li>
 *   <li>One Canvas ({@link lsmviz.app.disk.LevelStage}). A node per table costs too much in
 *       software rendering. Small tables and slivers go into one pixel buffer drawn as one image
 *       ({@link lsmviz.app.disk.SmallBoxes}). Tiles big enough keep their blocks
 *       ({@link lsmviz.app.disk.TilePainter}), as the lessons need. The stage itself only lays out,
 *       hit-tests and orders the drawing; each layer has its painter, split by what it shows:
 *       {@code HeaderPainter} (bands, headers, score bars, L0's thresholds),
 *       {@code CompactionPainter} (outputs growing, obsolete tables and readers),
 *       {@code ReadPainter} (a get's probes, unneeded levels, the key line, hover) and
 *       {@code FooterPainter} (the costs and the latest get in words), sharing one {@code Pen}
 *       (fonts at the text size, labels, hatching).</li>
 *   <li>Geometry is plain Java ({@link lsmviz.app.disk.LevelLayout},
 *       {@link lsmviz.app.disk.KeyAxis}). L0 is laid out newest first (its tables overlap). L1
 *       and below share one ordinal key axis, every table's first and last key spread evenly
 *       (Pebble's lsmview), so one key is at one x on every level. The "by size" toggle gives each
 *       table a width proportional to its bytes instead.</li>
 *   <li>Space amplification in the footer is estimated (all bytes over the largest level's, as
 *       RocksDB's tuning guide does for leveled compaction). Measuring it exactly means reading
 *       every table.</li>
 * </ul>
 */
package lsmviz.app.disk;
