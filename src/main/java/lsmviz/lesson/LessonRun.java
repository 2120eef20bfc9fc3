package lsmviz.lesson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.inspect.LevelsReport;

/**
 * One run of a lesson, from {@link LessonRunner#start()} to {@link LessonRunner#stop()}: its
 * threads (the control thread that walks the script, the lesson's main thread, the lesson
 * threads), its engine and temporary directory, and the flags a pause and a stop use. A restart
 * makes a new run; nothing is shared between two runs.
 */
final class LessonRun {
    private final LessonRunner runner;
    /** The thread that walks the script ({@value LessonRunner#CONTROL_THREAD}). */
    final Thread control;
    /** Runs the script's own engine calls on the thread {@value LessonRunner#MAIN_THREAD}. */
    final ExecutorService main = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, LessonRunner.MAIN_THREAD);
        t.setDaemon(true);
        return t;
    });
    /** The lesson threads by name (a later startThread of the same name replaces an ended one). */
    final Map<String, LessonThread> threads = new ConcurrentHashMap<>();
    /** How many keys each fill prefix has put so far (numbering goes on across fills; a fresh engine clears it). */
    final Map<String, Integer> fillCounters = new ConcurrentHashMap<>();
    /** The events the engine open now has told (a fresh engine gets new ones). */
    volatile EngineFacts.Counters counters = new EngineFacts.Counters();
    /** The costs {@code remember} steps kept, by name (they outlive a fresh engine). */
    final Map<String, LevelsReport> remembered = new ConcurrentHashMap<>();
    final Object pauseMonitor = new Object();
    /** Guarded by pauseMonitor. */
    boolean waitingForUser;
    /** Guarded by pauseMonitor. */
    boolean advanced;
    /** The question asked and not yet revealed, or null. Guarded by pauseMonitor. */
    Step.Ask question;
    /** The class's answer to {@link #question} (an index into its choices), -1 while none. Guarded by pauseMonitor. */
    int answer = -1;
    /** Whether the control thread waits at the ask itself (an answer is taken only then). Guarded by pauseMonitor. */
    boolean askWaiting;
    volatile boolean cancelled;
    /** The engine call running on the main thread now, or null. */
    volatile Future<?> pending;
    /** Orders opening (and a fresh engine's replacing) the engine against closing it. */
    final Object engineLock = new Object();
    volatile LsmEngine engine;
    volatile Path dir;

    /** A run of {@code runner}'s lesson whose control thread lets {@code walker} walk the script. */
    LessonRun(LessonRunner runner, ScriptWalker walker) {
        this.runner = runner;
        this.control = new Thread(() -> walker.runScript(this), LessonRunner.CONTROL_THREAD);
        control.setDaemon(true);
    }

    /** Ends the {@code pause} the control thread waits in; returns whether it was waiting. */
    boolean advance() {
        synchronized (pauseMonitor) {
            if (!waitingForUser) {
                return false;
            }
            advanced = true;
            pauseMonitor.notifyAll();
            return true;
        }
    }

    /** Answers the question the control thread waits at, and goes on; returns whether one was waiting. */
    boolean answer(int choice) {
        synchronized (pauseMonitor) {
            if (!waitingForUser || !askWaiting || choice < 0 || choice >= question.choices().size()) {
                return false;
            }
            answer = choice;
            advanced = true;
            pauseMonitor.notifyAll();
            return true;
        }
    }

    /** Closes everything; returns a problem worth telling, or null. */
    String shutDown() {
        synchronized (pauseMonitor) {
            pauseMonitor.notifyAll();
        }
        Future<?> f = pending;
        if (f != null) {
            f.cancel(false);
        }
        String problem = null;
        LsmEngine e;
        Path d;
        synchronized (engineLock) {
            e = engine;
            d = dir;
            if (e != null) {
                try {
                    e.close(); // releases paused threads, ends stalls, flushes the (small) memtables
                } catch (IOException | RuntimeException x) {
                    problem = "closing the lesson's engine failed: " + MessageText.describe(x);
                }
            }
        }
        if (e != null) {
            runner.tell(l -> l.engineClosed(e));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean interrupted = false;
        List<Thread> all = new ArrayList<>(threads.values());
        if (Thread.currentThread() != control) {
            all.add(control);
        }
        for (Thread t : all) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException x) {
                interrupted = true;
            }
            if (t.isAlive() && problem == null) {
                problem = "thread " + t.getName() + " did not end within 10 s of the stop";
            }
        }
        main.shutdown();
        try {
            main.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException x) {
            interrupted = true;
        }
        if (d != null) {
            String left = TempDirectoryCleanup.deleteTree(d);
            if (left != null && problem == null) {
                problem = left;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return problem;
    }
}
