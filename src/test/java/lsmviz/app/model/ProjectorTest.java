package lsmviz.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lsmviz.app.model.VisualState.MemtableVis;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.Op;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Event sequences in, the picture out: plain Java, no window. */
@Timeout(30)
class ProjectorTest {
    private long seq;
    private final Projector p = new Projector();

    private long s() {
        return ++seq;
    }

    private void opened() {
        p.apply(new EngineEvent.EngineOpened(s(), 0, "main", "/data", new MemtableSummary(1, 0, 0, null, null),
                List.of(), List.of(), 4096, 2));
    }

    private void put(long memtable, String key, long bytes, long entries) {
        p.apply(new EngineEvent.MemtableWritten(s(), 0, "writer-1", memtable, key, false, bytes, entries));
        p.apply(new EngineEvent.OperationFinished(s(), 0, "writer-1", Op.PUT, key, "stored", 10));
    }

    @Test
    void putsFillTheActiveMemtableWithKeyRangeAndRecentKeys() {
        opened();
        put(1, "m", 100, 1);
        put(1, "c", 200, 2);
        put(1, "x", 300, 3);
        VisualState v = p.snapshot();
        assertThat(v.active()).isEqualTo(new MemtableVis(1, 300, 3, "c", "x", List.of("x", "c", "m")));
        assertThat(v.memtableLimit()).isEqualTo(4096);
        assertThat(v.counters().puts()).isEqualTo(3);
    }

    @Test
    void aFreezeMovesTheActiveMemtableToTheFrontOfTheQueue() {
        opened();
        put(1, "a", 100, 1);
        p.apply(new EngineEvent.MemtableFrozen(s(), 0, "writer-1", 1, 2, 100, 1, "a", "a", 1));
        put(2, "b", 50, 1);
        p.apply(new EngineEvent.MemtableFrozen(s(), 0, "writer-1", 2, 3, 50, 1, "b", "b", 2));
        VisualState v = p.snapshot();
        assertThat(v.active().id()).isEqualTo(3);
        assertThat(v.active().entries()).isZero();
        assertThat(v.immutables()).extracting(MemtableVis::id).containsExactly(2L, 1L);
        assertThat(v.immutables().get(1).recentKeys()).containsExactly("a");
        assertThat(v.counters().freezes()).isEqualTo(2);
    }

    @Test
    void aFlushStreamsBlocksThenSwapsTheMemtableForAnSSTable() {
        opened();
        put(1, "a", 100, 1);
        p.apply(new EngineEvent.MemtableFrozen(s(), 0, "writer-1", 1, 2, 100, 2, "a", "b", 1));
        p.apply(new EngineEvent.FlushStarted(s(), 0, "flusher", 1, 3, 2, 100));
        assertThat(p.snapshot().flush()).satisfies(f -> {
            assertThat(f.memtableId()).isEqualTo(1);
            assertThat(f.sstableId()).isEqualTo(3);
            assertThat(f.recordsWritten()).isZero();
            assertThat(f.thread()).isEqualTo("flusher");
        });
        p.apply(new EngineEvent.FlushRecordWritten(s(), 0, "flusher", 1, 3, 0, "a"));
        assertThat(p.snapshot().flush().recordsWritten()).isEqualTo(1);
        p.apply(new EngineEvent.BlockSealed(s(), 0, "flusher", 3, 0, "a", "b", 0, 40, 2));
        assertThat(p.snapshot().flush().blocks()).hasSize(1);
        assertThat(p.snapshot().flush().recordsWritten()).isEqualTo(2);
        assertThat(p.snapshot().immutables()).as("still queued until the swap").hasSize(1);
        p.apply(new EngineEvent.SSTableWritten(s(), 0, "flusher",
                new EngineEvent.SSTableSummary(3, "/data/000003.sst", 180, 2, "a", "b", 1, 30, 20)));
        p.apply(new EngineEvent.FlushFinished(s(), 0, "flusher", 1, 3, 1000));
        VisualState v = p.snapshot();
        assertThat(v.flush()).isNull();
        assertThat(v.immutables()).isEmpty();
        assertThat(v.sstables()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(3);
            assertThat(t.blocks()).isEqualTo(1);
            assertThat(t.minKey()).isEqualTo("a");
        });
        assertThat(v.counters().flushes()).isEqualTo(1);
    }

    @Test
    void lockHoldersAndWaitersFollowTheLockEventsInQueueOrder() {
        opened();
        p.apply(new EngineEvent.LockAcquired(s(), 1, "flusher", LsmEngine.FREEZE_LOCK, "exclusive", 0));
        p.apply(new EngineEvent.LockRequested(s(), 2, "writer-1", LsmEngine.FREEZE_LOCK, "exclusive"));
        p.apply(new EngineEvent.LockRequested(s(), 3, "writer-2", LsmEngine.FREEZE_LOCK, "exclusive"));
        p.apply(new EngineEvent.LockAcquired(s(), 4, "flusher", LsmEngine.STATE_LOCK, "write", 0));
        VisualState v = p.snapshot();
        assertThat(v.lock(LsmEngine.FREEZE_LOCK).holders()).extracting(VisualState.HolderVis::thread)
                .containsExactly("flusher");
        assertThat(v.lock(LsmEngine.FREEZE_LOCK).waiters()).extracting(VisualState.WaiterVis::thread)
                .containsExactly("writer-1", "writer-2");
        assertThat(v.lock(LsmEngine.STATE_LOCK).holders()).extracting(VisualState.HolderVis::mode)
                .containsExactly("write");

        p.apply(new EngineEvent.LockReleased(s(), 5, "flusher", LsmEngine.FREEZE_LOCK, "exclusive", 4));
        p.apply(new EngineEvent.LockAcquired(s(), 6, "writer-1", LsmEngine.FREEZE_LOCK, "exclusive", 4));
        v = p.snapshot();
        assertThat(v.lock(LsmEngine.FREEZE_LOCK).heldBy("writer-1")).isTrue();
        assertThat(v.lock(LsmEngine.FREEZE_LOCK).heldBy("flusher")).isFalse();
        assertThat(v.lock(LsmEngine.FREEZE_LOCK).waiters()).extracting(VisualState.WaiterVis::thread)
                .containsExactly("writer-2");
    }

    @Test
    void aStallIsShownUntilItEnds() {
        opened();
        p.apply(new EngineEvent.WriteStallBegan(s(), 0, "writer-1", 2, 2));
        p.apply(new EngineEvent.WriteStallBegan(s(), 0, "writer-2", 2, 2));
        assertThat(p.snapshot().stalledWriters()).containsExactly("writer-1", "writer-2");
        p.apply(new EngineEvent.WriteStallEnded(s(), 0, "writer-1", 1000));
        assertThat(p.snapshot().stalledWriters()).containsExactly("writer-2");
        assertThat(p.snapshot().counters().stalls()).isEqualTo(2);
    }

    @Test
    void pausedThreadsComeAndGoWithStepEvents() {
        opened();
        p.apply(new EngineEvent.StepReached(s(), 0, "flusher", "FLUSH_ADD_SSTABLE", "Flush, step 4 of 5", true));
        p.apply(new EngineEvent.StepReached(s(), 0, "writer-1", "PUT_WRITE_MEMTABLE", "Put", false));
        assertThat(p.snapshot().paused()).extracting(VisualState.PausedVis::thread).containsExactly("flusher");
        p.apply(new EngineEvent.StepResumed(s(), 0, "flusher", "FLUSH_ADD_SSTABLE"));
        assertThat(p.snapshot().paused()).isEmpty();
    }

    /** The fold of a real engine's events matches the engine's own account of itself. */
    @Test
    void projectingARealEnginesEventsGivesItsStructure(@TempDir Path dir) throws Exception {
        List<EngineEvent> events = new ArrayList<>();
        Options o = Options.defaults().withMemtableSizeBytes(2048).withFlushMode(Options.FlushMode.MANUAL)
                .withSyncMode(SyncMode.NONE).withMaxImmutableMemtables(8);
        try (LsmEngine e = LsmEngine.open(dir, o, events::add)) {
            for (int i = 0; i < 100; i++) {
                e.put(("key" + i).getBytes(), "value".getBytes());
            }
            e.flushOldest();
            e.get("key5".getBytes());
            Projector fold = new Projector();
            synchronized (events) {
                events.forEach(fold::apply);
            }
            VisualState v = fold.snapshot();
            var real = e.snapshot();
            assertThat(v.active().id()).isEqualTo(real.active().id());
            assertThat(v.active().entries()).isEqualTo(real.active().entries());
            assertThat(v.immutables()).extracting(MemtableVis::id)
                    .containsExactlyElementsOf(real.immutables().stream().map(MemtableSummary::id).toList());
            assertThat(v.sstables()).extracting(VisualState.SSTableVis::id)
                    .containsExactlyElementsOf(real.sstables().stream().map(EngineEvent.SSTableSummary::id).toList());
            assertThat(v.lastGet().key()).isEqualTo("key5");
            assertThat(v.lastGet().outcome()).isEqualTo("found");
            assertThat(v.locks()).allSatisfy(l -> {
                assertThat(l.holders()).isEmpty();
                assertThat(l.waiters()).isEmpty();
            });
            assertThat(v.counters().puts()).isEqualTo(100);
        }
    }

    private void flushed(long memtable, long table, String min, String max) {
        p.apply(new EngineEvent.FlushStarted(s(), 0, "flusher", memtable, table, 2, 100));
        p.apply(new EngineEvent.SSTableWritten(s(), 0, "flusher",
                new EngineEvent.SSTableSummary(table, "/data/" + table + ".sst", 180, 2, min, max, 1, 30, 20)));
        p.apply(new EngineEvent.FlushFinished(s(), 0, "flusher", memtable, table, 1000));
    }

    private static EngineEvent.SSTableSummary table(long id, String min, String max, int level) {
        return new EngineEvent.SSTableSummary(id, "/data/" + id + ".sst", 300, 4, min, max, 1, 30, 20, level);
    }

    @Test
    void aCompactionsOutputsAppearAtTheInstallAndItsInputsGo() {
        opened();
        flushed(1, 10, "a", "m");
        flushed(2, 11, "c", "z");
        p.apply(new EngineEvent.CompactionPicked(s(), 0, "compactor", 1, "leveled", "L0 has 2 tables", 1.0,
                List.of(new EngineEvent.LevelTables(0, List.of(11L, 10L))), 1, false, true));
        p.apply(new EngineEvent.CompactionOutputWritten(s(), 0, "compactor", 1, 1, table(12, "a", "k", 1)));
        p.apply(new EngineEvent.CompactionOutputWritten(s(), 0, "compactor", 1, 1, table(13, "l", "z", 1)));
        assertThat(p.snapshot().sstables()).as("outputs are not live before the install")
                .extracting(VisualState.SSTableVis::id).containsExactly(11L, 10L);
        flushed(3, 14, "b", "d"); // a flush during the merge: its table stays
        p.apply(new EngineEvent.CompactionInstalled(s(), 0, "compactor", 1, 1, List.of(12L, 13L), List.of(11L, 10L)));
        VisualState v = p.snapshot();
        assertThat(v.sstables()).extracting(VisualState.SSTableVis::id).containsExactly(14L, 12L, 13L);
        assertThat(v.sstables()).extracting(VisualState.SSTableVis::level).containsExactly(0, 1, 1);
        assertThat(v.counters().compactions()).isEqualTo(1);
    }

    @Test
    void aTrivialMoveChangesATablesLevelAndAFailedCompactionChangesNothing() {
        opened();
        flushed(1, 10, "a", "m");
        p.apply(new EngineEvent.CompactionInstalled(s(), 0, "compactor", 1, 2, List.of(10L), List.of(10L)));
        assertThat(p.snapshot().sstables()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(10);
            assertThat(t.level()).isEqualTo(2);
        });
        p.apply(new EngineEvent.CompactionOutputWritten(s(), 0, "compactor", 2, 3, table(20, "a", "m", 3)));
        p.apply(new EngineEvent.CompactionFailed(s(), 0, "compactor", 2, "No space left on device"));
        VisualState v = p.snapshot();
        assertThat(v.sstables()).extracting(VisualState.SSTableVis::id).containsExactly(10L);
        assertThat(v.counters().errors()).isEqualTo(1);
    }

    /** With compaction running, the fold still shows exactly the engine's live tables, each at its level. */
    @Test
    void projectingACompactingEngineShowsItsLiveTablesAndLevels(@TempDir Path dir) throws Exception {
        List<EngineEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Options o = Options.defaults().withMemtableSizeBytes(2048).withSstableTargetBytes(4096)
                .withSyncMode(SyncMode.NONE);
        try (LsmEngine e = LsmEngine.open(dir, o, events::add)) {
            for (int i = 0; i < 3000; i++) {
                e.put(String.format("key%05d", (i * 7919) % 3000).getBytes(), ("value" + i).getBytes());
            }
            e.flushAll();
            assertThat(e.awaitCompactions(30_000)).isTrue();
            e.compactOnce();
            Projector fold = new Projector();
            synchronized (events) {
                events.forEach(fold::apply);
            }
            var real = e.snapshot();
            VisualState v = fold.snapshot();
            assertThat(v.counters().compactions()).isPositive();
            assertThat(v.sstables()).extracting(t -> t.id() + "@L" + t.level()).containsExactlyElementsOf(
                    real.sstables().stream().map(t -> t.id() + "@L" + t.level()).toList());
        }
    }
}
