/**
 * The window: one main view over one engine session, MVC.
 *
 * <h2>Design decisions</h2>
 * <ul>
 *   <li><b>Parts.</b> Each feature of the window is one {@link lsmviz.app.model.WindowPart}: a
 *       view-model bound to its view, shown the picture ({@code show(state, now)}), and, if it
 *       wants them, told each live event ({@code event}) and ticked twice a second ({@code tick},
 *       for what grows while nothing happens). {@link lsmviz.app.MainView} registers the parts in
 *       one list, in drawing order; {@link lsmviz.app.LivePicture} loops over that list for
 *       events, redraws and ticks. A new view is its part plus one registration line.</li>
 *   <li><b>Everything shown comes from the projection.</b> The bridge folds the engine's events
 *       into one {@link lsmviz.app.model.VisualState} per pulse and, in the same pulse, samples
 *       the engine's lock table into it (the table never blocks): the lock cards, the step
 *       controls, the code pane and the status bar all read the same locks, also when the window
 *       asks for structure events only and lock events do not come. The event log and the
 *       history are parts like the others, fed by the same events.</li>
 *   <li><b>One policy for what the engine tells.</b> {@link lsmviz.app.EventDetailPolicy}
 *       decides, from the workload and the step mode, whether the window asks for every event or
 *       for structure events only, and whether it redraws at the full-speed rates of the
 *       {@link lsmviz.app.RedrawScheduler} (5 a second, spread over four pulses).</li>
 *   <li><b>Commands by what they act on.</b> {@link lsmviz.app.FileCommands},
 *       {@link lsmviz.app.EngineCommands}, {@link lsmviz.app.LessonCommands} and
 *       {@link lsmviz.app.ViewCommands}, composed by {@link lsmviz.app.WindowCommands}; their
 *       answers go to {@link lsmviz.app.WindowAnswers} (the narration, and the problem dialog for
 *       a disk's trouble).</li>
 *   <li><b>Memory.</b> The app runs with a bounded heap (-Xmx384m in its launchers): the live
 *       data stays small (the history keeps at most 500,000 events), and without a bound G1 grows
 *       the heap towards a quarter of the machine's memory.</li>
 * </ul>
 */
package lsmviz.app;
