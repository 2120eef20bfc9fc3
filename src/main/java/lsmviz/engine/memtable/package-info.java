/** The memtable: the newest writes, sorted in memory, with tombstones for deletes. */
package lsmviz.engine.memtable;
