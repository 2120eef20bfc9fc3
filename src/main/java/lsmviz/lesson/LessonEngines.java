package lsmviz.lesson;

import static lsmviz.lesson.MessageText.describe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.step.ProbePoint;
import lsmviz.lesson.LessonRunner.Settings;

/**
 * The life of a run's engine, for the script walker: the first open in a fresh temporary
 * directory, a {@code freshEngine}'s close and reopen, a {@code crash} and a {@code recover}. The
 * listeners hear each close and open, as the window needs to adopt the engine.
 */
final class LessonEngines {
    private final LessonRunner runner;
    private final Lesson lesson;
    private final Settings settings;

    LessonEngines(LessonRunner runner) {
        this.runner = runner;
        this.lesson = runner.lesson();
        this.settings = runner.settings();
    }

    /**
     * Makes a temporary directory for the run and opens a fresh engine in it with {@code engine}'s
     * options. REQUIRES: {@code r.engineLock} is held (a stop waits, then closes what is open).
     */
    void open(LessonRun r, EngineSettings engine) throws IOException {
        assert Thread.holdsLock(r.engineLock);
        if (r.cancelled) {
            throw new RunCancelled();
        }
        String prefix = "lsmviz-lesson-" + lesson.id() + "-";
        Path dir = settings.tempParent() == null ? Files.createTempDirectory(prefix)
                : Files.createTempDirectory(settings.tempParent(), prefix);
        r.dir = dir;
        runner.tell(l -> l.engineOpening(dir));
        LsmEngine e = LsmEngine.openCrashable(dir, engine.toOptions(), settings.engineListener());
        EngineFacts.Counters counters = new EngineFacts.Counters();
        e.addListener(counters);
        e.stepGate().setBreakpoints(EnumSet.noneOf(ProbePoint.class));
        r.counters = counters;
        r.engine = e;
        runner.tell(l -> l.engineOpened(e));
    }

    /**
     * A {@code freshEngine}: closes the engine as a stop does (memtables flushed), deletes its
     * directory, and opens another in a new one, with the lesson's options but another compaction
     * style. The listeners hear the close and the open, as they do at a stop and a start.
     */
    void fresh(LessonRun r, EngineStep.FreshEngine f) throws IOException {
        for (LessonThread t : r.threads.values()) {
            if (t.isAlive()) {
                throw new LessonFailure("thread " + t.getName() + " is still running: join it before a fresh engine");
            }
        }
        synchronized (r.engineLock) {
            if (r.cancelled) {
                throw new RunCancelled();
            }
            LsmEngine old = r.engine;
            Path oldDir = r.dir;
            try {
                old.close(); // flushes the memtables first, like a stop: nothing is lost
            } catch (IOException | RuntimeException x) {
                throw new LessonFailure("closing the engine failed: " + describe(x));
            }
            runner.tell(l -> l.engineClosed(old));
            r.dir = null;
            String left = TempDirectoryCleanup.deleteTree(oldDir);
            if (left != null) {
                throw new LessonFailure(left);
            }
            r.fillCounters.clear(); // the same fills write the same keys again
            open(r, f.settings(lesson.engine()));
        }
    }

    /**
     * A {@code crash}: the engine dies where it stands (its paused threads too), the lesson's
     * threads with it; their failures are the crash's doing, not the lesson's.
     */
    void crash(LessonRun r, EngineStep.Crash c) throws InterruptedException {
        synchronized (r.engineLock) {
            if (r.cancelled) {
                throw new RunCancelled();
            }
            try {
                r.counters.crash = r.engine.crash(c.crashKind());
            } catch (IOException | RuntimeException x) {
                throw new LessonFailure("the crash failed: " + describe(x));
            }
        }
        for (LessonThread t : r.threads.values()) {
            t.join(10_000);
            t.failureReported = true; // it died with the engine
        }
    }

    /**
     * A {@code recover}: opens the crashed engine's directory again with the lesson's options. Its
     * counters hear the recovery (logs replayed, leftovers removed) from the first event.
     */
    void recover(LessonRun r) {
        synchronized (r.engineLock) {
            LsmEngine old = r.engine;
            if (r.counters.crash == null || !old.isClosed()) {
                throw new LessonFailure("recover needs a crash first: the engine is still running");
            }
            runner.tell(l -> l.engineClosed(old));
            EngineFacts.Counters counters = new EngineFacts.Counters();
            counters.crash = r.counters.crash;
            EventListener window = settings.engineListener();
            EventListener both = EventListener.both(counters, window);
            LsmEngine e;
            try {
                e = LsmEngine.openCrashable(r.dir, lesson.engine().toOptions(), both);
            } catch (IOException | RuntimeException x) {
                throw new LessonFailure("recovery failed: " + describe(x));
            }
            e.stepGate().setBreakpoints(EnumSet.noneOf(ProbePoint.class));
            r.counters = counters;
            r.engine = e;
            runner.tell(l -> l.engineOpened(e));
        }
    }
}
