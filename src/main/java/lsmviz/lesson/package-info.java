/**
 * Lessons: scripted, narrated runs of the real engine for a classroom.
 *
 * <h2>The format, defined once</h2>
 * <ul>
 *   <li>{@link lsmviz.lesson.Lesson}: one lesson (id, title, engine, steps) and the checks that
 *       span steps (a join after its start, a cost remembered before use, a question revealed).</li>
 *   <li>{@link lsmviz.lesson.StepKind}: every step kind once, its name in {@code "do"} and its
 *       record. The records are grouped by what they act on: {@link lsmviz.lesson.Step} (narration,
 *       expects, questions), {@link lsmviz.lesson.Operation} (engine calls),
 *       {@link lsmviz.lesson.EngineStep}, {@link lsmviz.lesson.GateStep},
 *       {@link lsmviz.lesson.ThreadStep}. A record's components are the step's fields and its
 *       constructor checks them (shared checks in {@code FieldChecks}).</li>
 *   <li>{@link lsmviz.lesson.Check}: every check once, its name in {@code "check"}, its record in
 *       {@link lsmviz.lesson.Expectation} (what it means, and what was found when it fails), the
 *       fields it takes and its parser from {@code CheckFields}, the fields a file may write.</li>
 *   <li>{@code LessonJson}: the JSON mapping beside them (Jackson, strict), errors that name the
 *       file and the field; {@link lsmviz.lesson.LessonLibrary} finds the files.</li>
 * </ul>
 * <h2>The runner, apart</h2>
 * <ul>
 *   <li>{@link lsmviz.lesson.LessonRunner}: plays a lesson against a real engine in a fresh
 *       temporary directory (plain Java, no JavaFX); {@code ScriptWalker} walks the script,
 *       {@code EngineOperations} makes the engine calls, {@code EngineFacts} reads what checks ask.</li>
 *   <li>The window's picker, lesson bar and question card are in {@code lsmviz.app.lesson}.</li>
 * </ul>
 *
 * <h2>Where the files are</h2>
 * One JSON file per lesson in {@code assets/lessons/}, plus {@code assets/lessons/index.json}
 * listing them in the order the picker shows them:
 * <pre>{@code { "lessons": ["01-memtable-fills.json", "02-five-steps-of-a-flush.json"] }}</pre>
 * A packaged build copies the folder to {@code /lessons/} on the classpath; the library reads
 * {@code /lessons/index.json} there first and falls back to {@code assets/lessons} under the
 * working directory.
 *
 * <h2>A lesson file</h2>
 * <pre>{@code
 * {
 *   "id": "memtable-fills",                       // a-z, 0-9 and '-'; unique in the library
 *   "title": "1. The memtable fills up and freezes",
 *   "description": "One line for the picker.",
 *   "engine": {
 *     "memtableSizeBytes": 1024,                  // >= 1024
 *     "maxImmutableMemtables": 4,                 // 1..64
 *     "flushMode": "manual",                      // "auto" (background flusher) or "manual"
 *     "syncMode": "none",                         // optional: "none" (default), "sync", "group"
 *     "blockSizeBytes": 256,                      // optional, 256 by default
 *     "compaction": "none"                        // optional: "none" (default), "leveled", "tiered"
 *   },
 *   "steps": [ { "do": "say", "text": "..." }, ... ]
 * }
 * }</pre>
 * Every lesson runs in a fresh temporary directory, its engine's step gate in RUN mode with no
 * breakpoints. Unknown fields, unknown step kinds and missing fields are errors. Keys and values
 * are UTF-8 text.
 *
 * <h2>Steps</h2>
 * The field {@code "do"} names the kind. Optional fields are in brackets.
 * <table>
 *   <caption>Step kinds</caption>
 *   <tr><th>do</th><th>fields</th><th>what it does</th></tr>
 *   <tr><td>say</td><td>text</td><td>shows the narration, its costs filled in (see below)</td></tr>
 *   <tr><td>pause</td><td>[text]</td><td>shows the text (if any, costs filled in) and waits for Next
 *       ({@code LessonRunner.advance()}); the only wait without a bound, since it waits for a
 *       person</td></tr>
 *   <tr><td>put</td><td>key, value, [thread]</td><td>puts a key</td></tr>
 *   <tr><td>get</td><td>key, [thread], [expect], [expectAbsent]</td><td>gets a key; with
 *       {@code expect} its value must be that, with {@code "expectAbsent": true} it must be
 *       absent</td></tr>
 *   <tr><td>delete</td><td>key, [thread]</td><td>writes a tombstone</td></tr>
 *   <tr><td>fill</td><td>prefix, count, [until], [valueBytes], [from], [thread]</td><td>puts
 *       {@code prefix001}, {@code prefix002}... (numbering goes on across fills of one prefix;
 *       {@code from} starts it again at that number, to overwrite keys), at most {@code count} of them; {@code until}: {@code "frozen"} (default: stop after the
 *       put that froze the memtable), {@code "full"} (stop once the active memtable is full, before
 *       it freezes) or {@code "count"}</td></tr>
 *   <tr><td>freeze</td><td>[thread]</td><td>freezes the active memtable</td></tr>
 *   <tr><td>flush</td><td>[thread]</td><td>flushes the oldest immutable memtable</td></tr>
 *   <tr><td>compact</td><td>[thread]</td><td>runs the one compaction the engine's policy says is
 *       due, if any (on the engine's thread {@code compactor}, where breakpoints on the
 *       {@code COMPACT_*} probe points stop it)</td></tr>
 *   <tr><td>freshEngine</td><td>compaction, [sync]</td><td>closes the engine as a stop does (its memtables
 *       flushed: nothing is lost), deletes its directory and opens a fresh engine in a fresh
 *       directory with the lesson's engine options but this compaction style ({@code "none"},
 *       {@code "leveled"}, {@code "tiered"}), and the sync mode {@code sync} when given ({@code "none"},
 *       {@code "sync"}, {@code "group"}): the same writes can run again under another style. The
 *       listeners hear {@code engineClosed} and {@code engineOpened} again (the window adopts the
 *       new engine). It starts in RUN mode with no breakpoints; fill numbering and the counted
 *       events start again; remembered costs stay. Every lesson thread must have been joined</td></tr>
 *   <tr><td>remember</td><td>as</td><td>keeps the engine's costs now (space measured) under the name
 *       {@code as} (letters and digits), for later texts ({@code {as.writeAmplification}}) and
 *       {@code cost} checks</td></tr>
 *   <tr><td>crash</td><td>kind</td><td>crashes the engine (simulated) wherever its threads are, even
 *       paused: {@code "process"} (kill -9: what reached the operating system survives) or
 *       {@code "power"} (a power cut: what was not fsynced is lost); the lesson's threads die with
 *       it</td></tr>
 *   <tr><td>recover</td><td>[note]</td><td>opens the crashed engine's directory again with the
 *       lesson's options: recovery replays the manifest and the logs and removes leftovers</td></tr>
 *   <tr><td>autoFlush</td><td>on</td><td>turns the background flusher (thread {@code flusher})
 *       on or off</td></tr>
 *   <tr><td>breakpoints</td><td>points</td><td>the probe points where threads stop in STEP mode,
 *       as {@code ProbePoint} names</td></tr>
 *   <tr><td>mode</td><td>mode, [slowMillis]</td><td>the step gate's mode: RUN, SLOW or STEP;
 *       RUN and SLOW release every paused thread</td></tr>
 *   <tr><td>awaitPaused</td><td>[thread], [point], [timeoutMillis]</td><td>waits (10 s by
 *       default) until the thread (any) is paused at the point (any)</td></tr>
 *   <tr><td>step</td><td>[thread]</td><td>releases a paused thread (the one paused longest) by one
 *       probe point: it stops again at the next one</td></tr>
 *   <tr><td>continue</td><td>[thread]</td><td>releases the thread (every paused thread) to run on
 *       to its next breakpoint</td></tr>
 *   <tr><td>startThread</td><td>name, steps</td><td>starts a lesson thread running {@code steps}
 *       (put, get, delete, fill, freeze, flush without {@code thread}, and expect) while the
 *       script goes on</td></tr>
 *   <tr><td>join</td><td>thread, [timeoutMillis]</td><td>waits (10 s by default) for a lesson
 *       thread that an earlier step started; its failure fails the lesson</td></tr>
 *   <tr><td>expect</td><td>check, ... [waitMillis]</td><td>an assertion, checked again and again
 *       for up to {@code waitMillis} (5 s by default, 0 checks once); see below</td></tr>
 *   <tr><td>ask</td><td>question, choices, [why]</td><td>asks the class a question (2 to 5
 *       choices, each {@code { "text": ..., "check": ..., <the check's fields> }}) and waits for an
 *       answer or Next, as a pause does</td></tr>
 *   <tr><td>reveal</td><td></td><td>checks each choice of the last question against the engine,
 *       again and again for up to 2 s until exactly one holds (else the lesson fails): it is the right answer, told with
 *       {@code why} (costs filled in) and, for a wrong answer, what the engine showed instead. Put an
 *       {@code awaitPaused} or an {@code expect} before it, so the engine has done what the
 *       question asks about. One question is open at a time; its texts show as written (no costs filled
 *       in but in {@code why}); a choice takes no {@code waitMillis}; prefer checks that read
 *       counters or locks to ones that call the engine ({@code value}, {@code absent}), which run a
 *       real get the class sees</td></tr>
 * </table>
 * An operation (put, get, delete, fill, freeze, flush) with {@code "thread": "writer-A"} runs on a
 * new lesson thread of that name, concurrently; {@code join} it later. Without {@code thread} it
 * runs on the thread {@code lesson}, bounded by the step timeout (10 s by default). Thread names
 * are 1 to 32 letters, digits, '-' and '_'; {@code flusher}, {@code lesson} and
 * {@code lesson-runner} are taken. Every lesson thread must have ended when the script does.
 *
 * <h2>Expects</h2>
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>check</th><th>fields</th><th>holds when</th></tr>
 *   <tr><td>value</td><td>key, value</td><td>a get of the key returns the value</td></tr>
 *   <tr><td>absent</td><td>key</td><td>a get of the key finds nothing (or a tombstone)</td></tr>
 *   <tr><td>immutables, sstables, activeEntries</td><td>count or atLeast</td><td>the engine has that
 *       many immutable memtables, SSTables, entries in the active memtable</td></tr>
 *   <tr><td>activeFull</td><td></td><td>the active memtable has reached its size limit</td></tr>
 *   <tr><td>lockHeld, lockWaiting</td><td>lock, thread, [mode]</td><td>the thread holds / waits for
 *       the lock ({@code "freeze lock"} or {@code "state lock"}), in the mode (EXCLUSIVE, READ,
 *       WRITE) when given</td></tr>
 *   <tr><td>lockFree</td><td>lock</td><td>nobody holds the lock</td></tr>
 *   <tr><td>paused</td><td>[thread], [point]</td><td>the thread (any) is paused at the point
 *       (any)</td></tr>
 *   <tr><td>writeStalls, freezes, flushes</td><td>count or atLeast</td><td>that many write stalls
 *       began, memtables froze, flushes finished since the lesson's engine opened (counted from the
 *       engine's events; a {@code freshEngine} starts again)</td></tr>
 *   <tr><td>writesLost</td><td>count or atLeast</td><td>the last crash's report counts that many
 *       acknowledged writes lost</td></tr>
 *   <tr><td>leftoversRemoved, logsReplayed</td><td>count or atLeast</td><td>the last recovery
 *       removed that many leftover files, replayed that many write-ahead logs</td></tr>
 *   <tr><td>getPath</td><td>key, path</td><td>the last get of the key probed exactly these places,
 *       each {@code "memtable: <verdict>"} or {@code "sstable: <verdict>"}, the verdicts being
 *       those of {@code EngineEvent.GetPath.probes()}: {@code found}, {@code not found},
 *       {@code tombstone}, {@code bloom: no}, {@code bloom: maybe, out of key range},
 *       {@code bloom: maybe, not found}</td></tr>
 *   <tr><td>levelTables</td><td>level, count or atLeast</td><td>level {@code level} (0 for L0)
 *       holds that many tables</td></tr>
 *   <tr><td>cost</td><td>cost, below or above</td><td>the engine's cost now (a name from the list
 *       below) is lower / higher than the one a {@code remember} kept under that name:
 *       {@code { "check": "cost", "cost": "writeAmplification", "below": "leveled" }}</td></tr>
 * </table>
 * A failing expect (or a wrong {@code get}, or a wait past its bound) ends the run in state
 * FAILED with a message such as {@code Step 7 of 20 (expect immutables = 1): expected 1
 * immutable memtable, found 2}; when a thread is stuck, the message says where (paused at which
 * probe point, or waiting for which lock held by whom).
 *
 * <h2>Costs in the text</h2>
 * A say or pause text may name the engine's costs in braces; they are read from the engine's own
 * counters ({@code LsmEngine.levels(true)}) when the step shows the text, and
 * {@code {leveled.writeAmplification}} reads the costs a {@code remember} kept as {@code leveled}:
 * <pre>{@code "Tiered wrote each byte {writeAmplification} times, leveled {leveled.writeAmplification}."}</pre>
 * The names ({@link lsmviz.lesson.Cost}): {@code writeAmplification}, {@code spaceAmplification}
 * (two decimals, as the level view's footer shows them), {@code sortedRuns} (read amplification:
 * each L0 table and each non-empty level), {@code level0Tables}, {@code tables},
 * {@code flushedBytes}, {@code compactedBytes}, {@code diskBytes}, {@code liveBytes} (as
 * "24.1 KB"). An unknown name, or a remembered name no earlier step remembers, is an error in the
 * file; a brace around anything else is shown as it is. Filling reads every table: a text with
 * costs must not show while a paused thread holds the state lock.
 *
 * <h2>For developers</h2>
 * <p>Design decision (issue 19): the step kinds keep Jackson's record binding, since a record is
 * already one description of a step's fields and checks; what was spelled twice or three times
 * (the {@code @JsonSubTypes} list and the field check's own list; a check's name in its record,
 * in a table of fields and in a parser's switch) is now one enum entry each.
 * {@code FormatDefinedOnceTest} fails when a record has no entry or two.
 */
package lsmviz.lesson;
