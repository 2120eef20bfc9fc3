package lsmviz.lesson;

import static lsmviz.lesson.FieldChecks.require;

import java.util.Locale;
import lsmviz.engine.types.CrashKind;

/** A step about the lesson's engine itself: a fresh one, a crash, a recovery, the flusher. */
public sealed interface EngineStep extends Step {

    /**
     * Closes the lesson's engine as a stop does (its memtables flushed first: nothing is lost),
     * deletes its directory, and opens a fresh engine in a fresh directory with the lesson's engine
     * options but compaction {@code compaction}: the same writes can then run again under another
     * style (and, with {@code sync}, another sync mode). Like the first engine, the new one starts
     * in RUN mode with no breakpoints; fill numbering and the counted events (freezes, flushes,
     * write stalls, get paths) start again, and the costs a {@code remember} kept stay. Every
     * lesson thread must have ended (join it first).
     */
    record FreshEngine(String compaction, String sync) implements EngineStep {
        public FreshEngine {
            require("compaction", compaction);
            compaction = EngineSettings.compactionOf("compaction", compaction, null);
            sync = EngineSettings.syncModeOf("sync", sync, null);
        }

        /** The lesson's engine settings with this step's compaction style (and sync mode, when given). */
        public EngineSettings settings(EngineSettings lesson) {
            return lesson.with(compaction, sync);
        }

        @Override
        public String label() {
            return "fresh engine (" + compaction + (sync == null ? "" : ", sync " + sync) + ")";
        }
    }

    /**
     * Crashes the engine (simulated), wherever its threads are, even paused at the step gate:
     * {@code kind} is {@code process} (kill -9: what reached the operating system survives) or
     * {@code power} (a power cut: what was not fsynced is lost). The lesson's threads die with it.
     */
    record Crash(String kind) implements EngineStep {
        public Crash {
            require("kind", kind);
            kind = FieldChecks.oneOf("kind", kind, null, "crash kind", "process", "power");
        }

        public CrashKind crashKind() {
            return kind.equals("power") ? CrashKind.POWER : CrashKind.PROCESS;
        }

        @Override
        public String label() {
            return "crash (" + crashKind().label().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /**
     * Opens the crashed engine's directory again with the lesson's options: recovery replays the
     * manifest and the logs, and removes what a half-done flush or compaction left.
     */
    record Recover(String note) implements EngineStep {
        @Override
        public String label() {
            return "recover";
        }
    }

    /** Turns the engine's background flusher on or off. */
    record AutoFlush(Boolean on) implements EngineStep {
        public AutoFlush {
            if (on == null) {
                throw new FieldProblem("on", "missing field 'on' (true or false)");
            }
        }

        @Override
        public String label() {
            return "auto-flush " + (on ? "on" : "off");
        }
    }
}
