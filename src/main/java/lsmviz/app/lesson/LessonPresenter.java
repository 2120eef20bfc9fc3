package lsmviz.app.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import lsmviz.app.command.Answers;
import lsmviz.app.session.EngineSession;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.event.EventListener;
import lsmviz.lesson.Lesson;
import lsmviz.lesson.LessonRunner;

/**
 * Runs lessons in the window. Starting one closes the session's engine (nothing is lost) and lets
 * the lesson open its own in a fresh temporary directory, with the window's event bridge
 * attached; the session adopts it, so the window's commands and step controls act on it (and
 * adopts the next one when the lesson closes its engine for a fresh one, {@code freshEngine}). Stopping
 * (from the control bar or the menu, the same way) closes the lesson's engine, deletes its
 * directory and opens a fresh temporary engine. Every blocking call runs on the session's workers.
 */
public final class LessonPresenter implements LessonViewModel.Host {
    private final EngineSession session;
    private final EventListener bridge;
    private final IntSupplier historySize;
    private final IntConsumer showHistory;
    private final Answers answers;
    private final Executor onFx;
    private final LessonViewModel model;
    private LessonRunner current;

    /**
     * @param historySize how many events the timeline holds
     * @param showHistory shows the picture at a timeline position (-1: live)
     */
    public LessonPresenter(EngineSession session, EventListener bridge, IntSupplier historySize,
            IntConsumer showHistory, Answers answers, Executor onFx) {
        this.session = session;
        this.bridge = bridge;
        this.historySize = historySize;
        this.showHistory = showHistory;
        this.answers = answers;
        this.onFx = onFx;
        this.model = new LessonViewModel(this, onFx);
    }

    public LessonViewModel model() {
        return model;
    }

    /** The lesson running in the window, or null. */
    public LessonRunner current() {
        return current;
    }

    /** Starts {@code lesson} (FX thread); a lesson running already is stopped first. */
    public CompletableFuture<Void> start(Lesson lesson) {
        LessonRunner old = current;
        LessonRunner runner = new LessonRunner(lesson, LessonRunner.Settings.defaults().withEngineListener(bridge));
        runner.addListener(new LessonRunner.Listener() {
            @Override
            public void engineOpened(LsmEngine engine) {
                // before the lesson's first command (or the first on a fresh engine): the window acts on it
                session.adopt(engine);
            }
        });
        current = runner;
        showHistory.accept(-1);
        model.bind(runner);
        CompletableFuture<Void> started = session.background(() -> {
            if (old != null) {
                old.stop();
            }
            try {
                session.release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            runner.start();
            return null;
        });
        started.whenComplete((v, ex) -> {
            if (ex != null) {
                onFx.execute(() -> answers.fail(ex.getCause() != null ? ex.getCause() : ex));
            }
        });
        return started;
    }

    /** Ends the lesson (its engine closes, its directory goes) and opens a fresh temporary engine. */
    @Override
    public void stopLesson() {
        if (current == null) {
            return;
        }
        answers.follow(end().thenCompose(v -> session.openTemporary(EngineSession.classroomDefaults()))
                .thenApply(d -> "lesson stopped; a fresh engine in " + d), onFx);
    }

    /**
     * Ends the lesson, if one runs, and leaves the window without an engine (the caller opens
     * one). Completes at once when no lesson runs. Call on the FX thread.
     */
    public CompletableFuture<Void> end() {
        LessonRunner r = current;
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        current = null;
        model.unbind();
        showHistory.accept(-1);
        return session.background(() -> {
            r.stop();
            return null;
        });
    }

    /** Stops a running lesson without opening another engine (the window is closing). Blocks. */
    public void stopForShutdown() {
        LessonRunner r = current;
        current = null;
        if (r != null) {
            r.stop();
        }
    }

    @Override
    public int historySize() {
        return historySize.getAsInt();
    }

    @Override
    public void showHistory(int position) {
        showHistory.accept(position);
    }

    @Override
    public void background(Runnable work) {
        session.background(() -> {
            work.run();
            return null;
        });
    }
}
