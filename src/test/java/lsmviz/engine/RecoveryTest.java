package lsmviz.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.event.EngineSnapshot.MemtableSummary;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reopening after a crash (simulated with closeWithoutFlush) restores exactly what was there. */
@Timeout(60)
class RecoveryTest {
    @TempDir
    Path dir;

    private final Options manual = Options.defaults().withFlushMode(Options.FlushMode.MANUAL)
            .withSyncMode(SyncMode.NONE);

    private static byte[] b(String s) {
        return Bytes.utf8(s);
    }

    private static String str(byte[] v) {
        return v == null ? null : Bytes.display(v);
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void reopenRestoresTheActiveAndEachImmutableMemtableSeparately() throws IOException {
        long activeId;
        List<Long> immutableIds;
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("a"), b("1"));
            e.put(b("b"), b("2"));
            e.freeze();
            e.put(b("c"), b("3"));
            e.delete(b("a"));
            e.freeze();
            e.put(b("d"), b("4"));
            activeId = e.snapshot().active().id();
            immutableIds = e.snapshot().immutables().stream().map(MemtableSummary::id).toList();
            e.closeWithoutFlush();
        }
        assertThat(files(".wal")).hasSize(3);
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (LsmEngine e = LsmEngine.open(dir, manual, events::add)) {
            EngineSnapshot s = e.snapshot();
            assertThat(s.active().id()).isEqualTo(activeId);
            assertThat(s.active().entries()).isEqualTo(1);
            assertThat(s.immutables().stream().map(MemtableSummary::id).toList()).isEqualTo(immutableIds);
            assertThat(s.immutables().stream().map(MemtableSummary::entries).toList()).containsExactly(2L, 2L);
            assertThat(s.sstables()).isEmpty();
            assertThat(str(e.get(b("a")))).isNull(); // the tombstone in the newer immutable memtable wins
            assertThat(str(e.get(b("b")))).isEqualTo("2");
            assertThat(str(e.get(b("c")))).isEqualTo("3");
            assertThat(str(e.get(b("d")))).isEqualTo("4");
            assertThat(events).filteredOn(ev -> ev instanceof EngineEvent.WalRecovered).hasSize(3);
            // the recovered active memtable takes new writes into its own log
            e.put(b("e"), b("5"));
            e.closeWithoutFlush();
        }
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            assertThat(str(e.get(b("e")))).isEqualTo("5");
            assertThat(e.snapshot().active().id()).isEqualTo(activeId);
        }
    }

    @Test
    void aCleanCloseLeavesOnlySSTablesAndNoLogs() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("k"), b("v"));
            e.freeze();
            e.put(b("k2"), b("v2"));
        }
        assertThat(files(".wal")).isEmpty();
        assertThat(files(".sst")).hasSize(2);
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            assertThat(str(e.get(b("k")))).isEqualTo("v");
            assertThat(str(e.get(b("k2")))).isEqualTo("v2");
        }
    }

    @Test
    void anSSTableTheManifestNeverNamedIsRemovedAndReported() throws IOException {
        Path stray;
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("k"), b("v"));
            e.freeze();
            e.flushOldest();
            Path real = files(".sst").get(0);
            stray = dir.resolve(DbDirectory.sstableFileName(900));
            Files.copy(real, stray); // as if a flush wrote it and crashed before the manifest record
            e.closeWithoutFlush();
        }
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (LsmEngine e = LsmEngine.open(dir, manual, events::add)) {
            assertThat(stray).doesNotExist();
            assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOfSatisfying(EngineEvent.FileRemoved.class,
                    r -> assertThat(r.file()).isEqualTo(stray.getFileName().toString())));
            assertThat(e.snapshot().sstables()).hasSize(1);
            assertThat(str(e.get(b("k")))).isEqualTo("v");
            e.put(b("new"), b("x"));
            e.freeze(); // ids keep growing past the stray file's number: no new file can reuse it
            assertThat(e.snapshot().active().id()).isGreaterThan(900);
        }
    }

    @Test
    void aLogWhoseMemtableWasAlreadyFlushedIsRemovedNotReplayed() throws IOException {
        Path saved = dir.resolveSibling(dir.getFileName() + "-saved.wal");
        Path log;
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("k"), b("old"));
            e.freeze();
            log = dir.resolve(DbDirectory.walFileName(e.snapshot().immutables().get(0).id()));
            Files.copy(log, saved);
            e.flushOldest(); // the SSTable holds k=old and the log is deleted
            e.put(b("k"), b("new"));
            e.freeze();
            e.flushOldest(); // a newer SSTable holds k=new
            e.closeWithoutFlush();
        }
        // the crash came after the manifest record but before the log was deleted
        Files.copy(saved, log, StandardCopyOption.REPLACE_EXISTING);
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (LsmEngine e = LsmEngine.open(dir, manual, events::add)) {
            assertThat(log).doesNotExist();
            assertThat(e.snapshot().immutables()).isEmpty();
            assertThat(str(e.get(b("k")))).as("a replayed stale log would shadow the newer SSTable").isEqualTo("new");
            assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOf(EngineEvent.FileRemoved.class));
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    @Test
    void aTornLastRecordIsCutAndReportedAndEverythingBeforeItStays() throws IOException {
        long end;
        long id;
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("a"), b("1"));
            e.put(b("b"), b("2"));
            e.put(b("c"), b("33333"));
            id = e.snapshot().active().id();
            e.closeWithoutFlush();
        }
        Path log = dir.resolve(DbDirectory.walFileName(id));
        end = lsmviz.engine.wal.WriteAheadLog.replay(log, id).validLength();
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.seek(end - 4);
            f.write(new byte[4]); // the last record's value never reached the file
        }
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        try (LsmEngine e = LsmEngine.open(dir, manual, events::add)) {
            assertThat(str(e.get(b("a")))).isEqualTo("1");
            assertThat(str(e.get(b("b")))).isEqualTo("2");
            assertThat(str(e.get(b("c")))).isNull();
            assertThat(events).anySatisfy(ev -> assertThat(ev).isInstanceOfSatisfying(EngineEvent.WalRecovered.class,
                    r -> assertThat(r.tornBytes()).isPositive()));
        }
    }

    @Test
    void aFlippedByteInTheMiddleOfALogIsCorruptionAtOpen() throws IOException {
        long id;
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            e.put(b("a"), b("1"));
            e.put(b("b"), b("2"));
            id = e.snapshot().active().id();
            e.closeWithoutFlush();
        }
        Path log = dir.resolve(DbDirectory.walFileName(id));
        flip(log, 10);
        assertThatThrownBy(() -> LsmEngine.open(dir, manual))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log.getFileName().toString())
                .hasMessageContaining("offset 0");
        // the failed open let go of the directory
        flip(log, 10);
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            assertThat(str(e.get(b("b")))).isEqualTo("2");
        }
    }

    @Test
    void aFlippedByteInTheManifestIsCorruptionAtOpen() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            for (int i = 0; i < 3; i++) {
                e.put(b("k" + i), b("v"));
                e.freeze();
                e.flushOldest();
            }
        }
        Path manifest = dir.resolve("MANIFEST");
        flip(manifest, 12); // inside the first record's payload
        assertThatThrownBy(() -> LsmEngine.open(dir, manual))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("MANIFEST")
                .hasMessageContaining("offset 0");
    }

    @Test
    void aFlippedByteInAnSSTableBlockIsCorruptionNeverAWrongValue() throws IOException {
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            for (int i = 0; i < 50; i++) {
                e.put(b(String.format("key%03d", i)), b("value" + i));
            }
        }
        Path sst = files(".sst").get(0);
        flip(sst, 5);
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            int corrupt = 0;
            for (int i = 0; i < 50; i++) {
                try {
                    byte[] v = e.get(b(String.format("key%03d", i)));
                    assertThat(str(v)).isEqualTo("value" + i);
                } catch (CorruptionException ex) {
                    assertThat(ex.getMessage()).contains(sst.getFileName().toString());
                    corrupt++;
                }
            }
            assertThat(corrupt).as("gets that hit the damaged block").isPositive();
            long id = e.snapshot().sstables().get(0).id();
            assertThatThrownBy(() -> e.inspector().verifySSTable(id)).isInstanceOf(CorruptionException.class);
        }
    }

    private static void flip(Path f, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(offset);
            int x = raf.read();
            raf.seek(offset);
            raf.write(x ^ 0x20);
        }
    }
}
