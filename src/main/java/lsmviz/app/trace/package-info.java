/**
 * Trace files: a recorded session of engine events, written to disk and read back later to replay
 * it without an engine (prepare a session at home, replay it in class). {@link
 * lsmviz.app.trace.TraceFile} writes and reads them with Jackson, streaming, one line at a time.
 *
 * <h2>Format: LSM Visualizer trace, version 1</h2>
 *
 * <p>A trace is a <a href="https://jsonlines.org/">JSON Lines</a> file: UTF-8 text, one JSON
 * value per line, each line ended by {@code \n} (a {@code \r} before it is accepted; blank lines
 * are skipped). The suggested file name ends in {@code .lsmtrace.jsonl}.
 *
 * <p><b>Line 1, the header</b>, is an object:
 * <ul>
 *   <li>{@code "format"}: always {@code "lsmviz-trace"};</li>
 *   <li>{@code "version"}: {@code 1} (a reader refuses versions it does not know);</li>
 *   <li>{@code "created"}: when the trace was written, an ISO-8601 instant in UTC such as
 *       {@code "2025-01-31T09:15:00Z"};</li>
 *   <li>{@code "events"}: how many event lines follow (a reader checks it, so a file cut short is
 *       noticed).</li>
 * </ul>
 *
 * <p><b>Every further line is one event</b>, in the order the window recorded them: an object
 * whose {@code "type"} member is the simple name of the {@link lsmviz.engine.event.EngineEvent}
 * record ({@code "MemtableFrozen"}, {@code "GetPath"}, ...), followed by one member per record
 * component, named as the component. Every event has {@code seq}, {@code nanos} and
 * {@code thread}; the rest are documented on each record. Values map as follows:
 * <ul>
 *   <li>{@code long}, {@code int}, {@code byte}: JSON integers (longs are written in full; a
 *       reader must not round them to doubles);</li>
 *   <li>{@code boolean}: {@code true} or {@code false};</li>
 *   <li>strings: JSON strings, or {@code null} where the record allows none (an empty memtable's
 *       key bounds, an operation without a key);</li>
 *   <li>enums ({@code Op}): the constant's name, e.g. {@code "PUT"};</li>
 *   <li>nested records ({@code MemtableSummary}, {@code SSTableSummary}): objects with one member
 *       per component;</li>
 *   <li>lists and arrays, including {@code GetPath}'s {@code long[] sourceIds} and
 *       {@code byte[] verdicts}: JSON arrays of their elements (verdicts as small integers,
 *       0 not found, 1 found, 2 tombstone, 3 bloom filter said no, 4 out of key range).</li>
 * </ul>
 * Every component must be present; a member the record does not have, an unknown type, a value of
 * the wrong kind or a line that is not JSON makes the reader stop with a
 * {@link lsmviz.app.trace.TraceFormatException} that names the line and the member, e.g.
 * {@code line 7: MemtableFrozen.sizeBytes: expected a whole number, got the string "ten"}.
 *
 * <p>The members are produced from the records by reflection, so a component added to an event
 * appears in traces without further work; renaming or removing one means a new format version.
 *
 * <h2>Example</h2>
 *
 * A put into a fresh engine, its memtable frozen, and a get that finds the key in that frozen
 * memtable after missing it in the new active one; each event is one line, however long:
 *
 * <pre>
 * {"format":"lsmviz-trace","version":1,"created":"2025-01-31T09:15:00Z","events":7}
 * {"type":"EngineOpened","seq":1,"nanos":1000,"thread":"main","directory":"/tmp/lsm","active":{"id":1,"sizeBytes":0,"entries":0,"minKey":null,"maxKey":null},"immutables":[],"sstables":[],"memtableLimitBytes":4096,"maxImmutableMemtables":2}
 * {"type":"OperationStarted","seq":2,"nanos":2000,"thread":"main","op":"PUT","key":"apple"}
 * {"type":"MemtableWritten","seq":3,"nanos":2100,"thread":"main","memtableId":1,"key":"apple","tombstone":false,"memtableBytes":40,"memtableEntries":1}
 * {"type":"OperationFinished","seq":4,"nanos":2200,"thread":"main","op":"PUT","key":"apple","outcome":"stored","durationNanos":200}
 * {"type":"MemtableFrozen","seq":5,"nanos":3000,"thread":"main","memtableId":1,"newActiveMemtableId":2,"sizeBytes":40,"entries":1,"minKey":"apple","maxKey":"apple","queueLength":1}
 * {"type":"GetPath","seq":6,"nanos":4000,"thread":"main","key":"apple","sourceIds":[2,1],"verdicts":[0,1],"memtables":2}
 * {"type":"OperationFinished","seq":7,"nanos":4100,"thread":"main","op":"GET","key":"apple","outcome":"found","durationNanos":100}
 * </pre>
 */
package lsmviz.app.trace;
