package lsmviz.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.io.FaultyFileIO;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.SyncMode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A failing disk: the engine reports the error and keeps everything it acknowledged. */
@Timeout(60)
class FaultInjectionTest {
    @TempDir
    Path dir;

    private final FaultyFileIO io = new FaultyFileIO();

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static void assertAll(LsmEngine e, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(e.get(b("key" + i))).as("key%d", i).isEqualTo(b("value" + i));
        }
    }

    /** Manual flush, every put fsynced. */
    private static final Options SYNCED = Options.defaults().withFlushMode(Options.FlushMode.MANUAL)
            .withSyncMode(SyncMode.SYNC);

    /** An engine on the failing disk holding 200 keys in one frozen memtable; its events go to {@code events}. */
    private LsmEngine twoHundredKeysFrozen(List<EngineEvent> events) throws IOException {
        LsmEngine e = LsmEngine.open(dir, SYNCED, events::add, io);
        for (int i = 0; i < 200; i++) {
            e.put(b("key" + i), b("value" + i));
        }
        e.freeze();
        return e;
    }

    @Test
    void aFullDiskDuringAFlushLosesNothingAcknowledged() throws IOException {
        Options opts = SYNCED;
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        LsmEngine e = twoHundredKeysFrozen(events);
        io.diskFullAfter(100); // the SSTable will not fit
        assertThatThrownBy(e::flushOldest)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("flush of memtable");
        assertThat(io.injected()).isPositive();
        assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOf(EngineEvent.FlushFailed.class));
        assertThat(e.snapshot().immutables()).as("the memtable stays queued").hasSize(1);
        assertThat(e.snapshot().sstables()).isEmpty();
        assertAll(e, 200);
        e.closeWithoutFlush();

        io.diskHasRoom();
        try (LsmEngine again = LsmEngine.open(dir, opts, null, io)) {
            assertAll(again, 200);
            assertThat(again.flushOldest()).isTrue();
            assertAll(again, 200);
        }
    }

    @Test
    void aFailedDirectoryFsyncFailsTheFlushAndKeepsTheMemtableAndItsLog() throws IOException {
        Options opts = SYNCED;
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        LsmEngine e = twoHundredKeysFrozen(events);
        long memtable = e.snapshot().immutables().get(0).id();
        Path log = dir.resolve(DbDirectory.walFileName(memtable));
        io.failDirectorySyncs(true); // the table's own fsync works; the directory's fails
        assertThatThrownBy(e::flushOldest)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("flush of memtable #" + memtable)
                .hasRootCauseMessage(dir + ": fsync of the directory failed: Input/output error (injected)");
        assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOfSatisfying(EngineEvent.FlushFailed.class,
                err -> {
                    assertThat(err.memtableId()).isEqualTo(memtable);
                    assertThat(err.message()).contains("flush of memtable #" + memtable, "fsync of the directory");
                }));
        assertThat(events).noneMatch(ev -> ev instanceof EngineEvent.SSTableWritten || ev instanceof EngineEvent.FlushFinished);
        assertThat(e.snapshot().immutables()).as("the memtable stays queued")
                .extracting(EngineSnapshot.MemtableSummary::id).containsExactly(memtable);
        assertThat(e.snapshot().sstables()).isEmpty();
        assertThat(log).as("its log stays").isRegularFile();
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".sst"))).as("no table left behind").isEmpty();
        }
        assertThat(lsmviz.engine.manifest.Manifest.read(dir).liveSSTablesOldestFirst())
                .as("the manifest never named the table").isEmpty();
        assertAll(e, 200);

        io.failDirectorySyncs(false);
        assertThat(e.flushOldest()).as("the same memtable flushes once the disk is back").isTrue();
        assertThat(log).doesNotExist();
        assertAll(e, 200);
        e.close();
        try (LsmEngine again = LsmEngine.open(dir, opts, null, io)) {
            assertAll(again, 200);
        }
    }

    @Test
    void aBackgroundFlushFailureStopsWritesButKeepsReads() throws IOException {
        Options opts = Options.defaults().withMemtableSizeBytes(4096).withSyncMode(SyncMode.NONE);
        LsmEngine e = LsmEngine.open(dir, opts, null, io);
        int n = 0;
        io.diskFullAfter(20_000); // enough for a few logs, not for every table
        try {
            for (; n < 100_000; n++) {
                e.put(b("key" + n), b("value" + n));
            }
        } catch (IllegalStateException | UncheckedIOException expected) {
            // the flusher failed, or a new log could not be made: writes stop
        }
        int acked = n;
        assertThat(acked).isLessThan(100_000);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThatThrownBy(() -> e.put(b("more"), b("x"))).isInstanceOf(RuntimeException.class));
        assertAll(e, acked); // reads go on
        e.closeWithoutFlush();
        io.diskHasRoom();
        try (LsmEngine again = LsmEngine.open(dir, opts, null, io)) {
            assertAll(again, acked);
        }
    }

    @Test
    void aFailedFsyncIsNotAnAcknowledgement() throws IOException {
        Options opts = Options.defaults().withFlushMode(Options.FlushMode.MANUAL).withSyncMode(SyncMode.SYNC);
        try (LsmEngine e = LsmEngine.open(dir, opts, null, io)) {
            e.put(b("key0"), b("value0"));
            io.failSyncs(true);
            assertThatThrownBy(() -> e.put(b("key1"), b("value1")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("sync failed");
            io.failSyncs(false);
            assertAll(e, 1);
        }
    }

    @Test
    void aLogThatCannotGrowRejectsThePutWithoutApplyingIt() throws IOException {
        Options opts = Options.defaults().withFlushMode(Options.FlushMode.MANUAL).withSyncMode(SyncMode.NONE)
                .withMemtableSizeBytes(1 << 20);
        try (LsmEngine e = LsmEngine.open(dir, opts, null, io)) {
            e.put(b("key0"), b("value0"));
            io.diskFullAfter(0);
            byte[] huge = new byte[2 << 20]; // larger than the log's first mapping (about 1 MiB)
            assertThatThrownBy(() -> e.put(b("big"), huge))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("was not applied");
            assertThat(e.get(b("big"))).as("a rejected put is not visible").isNull();
            assertAll(e, 1);
            io.diskHasRoom();
        }
    }
}
