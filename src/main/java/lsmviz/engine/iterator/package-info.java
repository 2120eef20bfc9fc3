/** Records ({@link lsmviz.engine.iterator.KeyValue}) and the newest-wins merge over sorted sources. */
package lsmviz.engine.iterator;
