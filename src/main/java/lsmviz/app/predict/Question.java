package lsmviz.app.predict;

import java.util.List;
import java.util.Optional;
import lsmviz.engine.event.EngineEvent;

/**
 * One multiple-choice question about what a paused thread does next, and how to check the answer
 * against what the engine then really does.
 *
 * @param thread  the paused thread the question is about
 * @param text    the question, e.g. "Which memtable will the flush write?"
 * @param choices the answers offered, in order
 * @param judge   reads the engine's events after the thread moves on until it can say which
 *                answer was right and why
 */
public record Question(String thread, String text, List<String> choices, Judge judge) {
    public Question {
        choices = List.copyOf(choices);
    }

    /** Decides the right answer from the engine's events, one at a time. */
    @FunctionalInterface
    public interface Judge {
        /** The verdict once {@code e} settles it; empty while it does not. */
        Optional<Verdict> judge(EngineEvent e);
    }

    /** The right answer (an index into {@link #choices}) and one line saying why. */
    public record Verdict(int answer, String why) {}
}
