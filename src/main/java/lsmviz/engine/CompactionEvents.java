package lsmviz.engine;

import java.nio.file.Path;
import java.util.List;
import lsmviz.engine.compaction.MergeCounts;
import lsmviz.engine.compaction.Task;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventBus;
import lsmviz.engine.inspect.SSTableInfo;
import lsmviz.engine.state.TableMeta;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CompactionOptions;

/**
 * The compactor's events, one method each and each a no-op when nobody listens, like
 * {@link EngineEvents} (whose bus and step gate it shares).
 */
final class CompactionEvents {
    /** At full speed, progress is reported at most this often. */
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final EventBus bus;
    private final EngineEvents events;
    private long lastProgress;

    CompactionEvents(EngineEvents events) {
        this.events = events;
        this.bus = events.bus();
    }

    private static long now() {
        return System.nanoTime();
    }

    private static String thread() {
        return EventBus.currentThread();
    }

    void picked(long id, Task task) {
        if (bus.enabled()) {
            List<EngineEvent.LevelTables> inputs = task.inputs().stream()
                    .map(in -> new EngineEvent.LevelTables(in.level(), in.tables().stream().map(TableMeta::id).toList()))
                    .toList();
            bus.publish(new EngineEvent.CompactionPicked(bus.nextSeq(), now(), thread(), id,
                    task.style().name().toLowerCase(java.util.Locale.ROOT), task.reason(), task.score(), inputs,
                    task.outputLevel(), task.trivialMove(), task.bottommost()));
        }
    }

    /** Whether a progress event is due: every record in slow motion or stepping, else now and then. */
    boolean progressDue() {
        if (!bus.enabled()) {
            return false;
        }
        if (events.gate().mode() != StepMode.RUN) {
            return true;
        }
        return now() - lastProgress >= PROGRESS_EVERY_NANOS;
    }

    void progress(long id, MergeCounts c, byte[] lastKey) {
        if (bus.enabled()) {
            lastProgress = now();
            bus.publish(new EngineEvent.CompactionProgress(bus.nextSeq(), lastProgress, thread(), id, c.keysIn,
                    c.keysOut, c.overwritesDropped, c.tombstonesDropped, c.bytesIn, c.bytesOut,
                    lastKey == null ? null : Bytes.display(lastKey)));
        }
    }

    void outputWritten(long id, int level, SSTableInfo info) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.CompactionOutputWritten(bus.nextSeq(), now(), thread(), id, level,
                    EngineEvents.summary(info, level)));
        }
    }

    void installed(long id, int level, List<Long> added, List<Long> removed) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.CompactionInstalled(bus.nextSeq(), now(), thread(), id, level, added, removed));
        }
    }

    void levelsChanged(java.util.function.Supplier<lsmviz.engine.inspect.LevelsReport> report, CompactionOptions c) {
        events.levelsChanged(report, c);
    }

    void finished(long id, long t0, long bytesRead, long bytesWritten, MergeCounts c, boolean bottommost) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.CompactionFinished(bus.nextSeq(), now(), thread(), id, now() - t0, bytesRead,
                    bytesWritten, c.keysIn, c.keysOut, c.tombstonesDropped, bottommost));
        }
    }

    void failed(long id, String message) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.CompactionFailed(bus.nextSeq(), now(), thread(), id, message));
        }
    }

    void tableObsolete(long tableId, int readers) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.TableObsolete(bus.nextSeq(), now(), thread(), tableId, readers));
        }
    }

    void tableDeleted(long tableId, Path file) {
        if (bus.enabled()) {
            bus.publish(new EngineEvent.TableDeleted(bus.nextSeq(), now(), thread(), tableId,
                    file.getFileName().toString()));
        }
    }
}
