/** Records ({@link lsmviz.engine.KeyValue}) and the newest-wins merge over sorted sources. */
package lsmviz.engine.iterator;
