/** The newest-wins merge over sorted sources of {@link lsmviz.engine.types.KeyValue} records. */
package lsmviz.engine.iterator;
