/** The newest-wins merge over sorted sources of {@link lsmviz.engine.KeyValue} records. */
package lsmviz.engine.iterator;
