package lsmviz.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepGate;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.SyncMode;

/**
 * Records every event of a real engine session for the history and trace tests: puts, deletes,
 * gets and scans, freezes and manual flushes, a stretch in slow motion (every probe point reported,
 * flushes record by record), a flush stopped twice in step mode, a crash (close without flush) and
 * a reopen that recovers the unflushed memtables next to the SSTables on disk.
 */
public final class RealEngineRun {
    private RealEngineRun() {}

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the session in {@code dir} (empty) and returns its events in the order they were published. */
    public static List<EngineEvent> record(Path dir) throws Exception {
        List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());
        Options o = Options.defaults().withMemtableSizeBytes(2048).withFlushMode(Options.FlushMode.MANUAL)
                .withSyncMode(SyncMode.NONE);
        LsmEngine e = LsmEngine.open(dir, o, events::add);
        try {
            for (int i = 0; i < 120; i++) {
                e.put(b(String.format("key%03d", i)), b("value-" + i + "-é\"\n"));
            }
            e.flushOldest();
            for (int i = 0; i < 120; i += 7) {
                e.delete(b(String.format("key%03d", i)));
            }
            e.get(b("key005"));
            e.get(b("key007"));
            e.get(b("nope"));
            e.scan(b("key010"), b("key020"));
            e.freeze();

            StepGate gate = e.stepGate();
            gate.setSlowDelayMillis(0);
            gate.setMode(StepMode.SLOW);
            e.flushOldest();
            for (int i = 200; i < 230; i++) {
                e.put(b("slow" + i), b("v" + i));
            }
            e.get(b("slow201"));
            e.freeze();

            gate.setBreakpoints(EnumSet.of(ProbePoint.FLUSH_ADD_SSTABLE));
            gate.setMode(StepMode.STEP);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread flusher = new Thread(() -> {
                try {
                    e.flushOldest();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "stepped-flush");
            flusher.setDaemon(true);
            flusher.start();
            assertThat(gate.awaitPaused(ProbePoint.FLUSH_ADD_SSTABLE, 20, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.step(null)).isEqualTo("stepped-flush");
            assertThat(gate.awaitPaused(ProbePoint.FLUSH_REMOVE_MEMTABLE, 20, TimeUnit.SECONDS)).isTrue();
            gate.continueAll();
            flusher.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(flusher.isAlive()).as("the stepped flush finished").isFalse();
            assertThat(failure.get()).isNull();
            gate.setMode(StepMode.RUN);

            for (int i = 300; i < 360; i++) {
                e.put(b("crash" + i), b("v" + i));
            }
            e.freeze();
        } finally {
            e.closeWithoutFlush(); // the memtables stay in their logs: the reopen recovers them
        }
        try (LsmEngine again = LsmEngine.open(dir, o, events::add)) {
            again.get(b("crash310"));
            again.put(b("after"), b("reopen"));
            again.flushOldest();
        }
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }
}
