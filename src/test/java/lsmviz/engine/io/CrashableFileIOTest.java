package lsmviz.engine.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import lsmviz.engine.types.CrashKind;
import lsmviz.engine.types.CrashReport;

/** The two simulated crashes, on real files: what each keeps, what it loses, and what it reports. */
class CrashableFileIOTest {
    private final CrashableFileIO io = new CrashableFileIO();
    @TempDir
    Path dir;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    private String content(String name) throws IOException {
        return new String(Files.readAllBytes(dir.resolve(name)), US_ASCII);
    }

    /** A file created, written, fsynced and named durably (its directory fsynced). */
    private FileChannel durableFile(String name, String text) throws IOException {
        FileChannel ch = io.open(dir.resolve(name), CREATE_NEW, READ, WRITE);
        ch.write(ascii(text));
        ch.force(true);
        io.syncDirectory(dir);
        return ch;
    }

    /** A file of {@code size} zeros, synced and named durably, mapped for writing. */
    private MappedByteBuffer durableMappedFile(String name, int size) throws IOException {
        try (FileChannel ch = durableFile(name, "")) {
            ch.write(ByteBuffer.allocate(size), 0);
            ch.force(true);
            return ch.map(MapMode.READ_WRITE, 0, size);
        }
    }

    @Test
    @Timeout(10)
    void powerCutLosesUnsyncedWritesAndKeepsSyncedOnes() throws IOException {
        FileChannel ch = durableFile("000001.log", "synced;");
        ch.write(ascii("unsynced"));

        CrashReport report = io.crash(CrashKind.POWER);

        assertThat(content("000001.log")).isEqualTo("synced;");
        assertThat(report.files()).containsExactly(
                new CrashReport.Entry(dir.resolve("000001.log").toAbsolutePath(), 15, 7, 8, false));
    }

    @Test
    @Timeout(10)
    void powerCutUndoesAnUnsyncedTruncation() throws IOException {
        FileChannel ch = durableFile("MANIFEST", "0123456789");
        ch.truncate(4);

        CrashReport report = io.crash(CrashKind.POWER);

        assertThat(content("MANIFEST")).isEqualTo("0123456789");
        assertThat(report.files()).singleElement().satisfies(e -> {
            assertThat(e.bytesLost()).isZero();
            assertThat(e.describe()).isEqualTo("MANIFEST: back to its last synced 10 bytes");
        });
    }

    @Test
    @Timeout(10)
    void powerCutRestoresAFileReopenedForAppendingToItsContentBeforeTheOpen() throws IOException {
        Files.writeString(dir.resolve("MANIFEST"), "old;");
        FileChannel ch = io.open(dir.resolve("MANIFEST"), CREATE, APPEND);
        ch.write(ascii("new"));

        io.crash(CrashKind.POWER);

        assertThat(content("MANIFEST")).isEqualTo("old;");
    }

    @Test
    @Timeout(10)
    void processCrashKeepsUnsyncedWrites() throws IOException {
        FileChannel ch = durableFile("000001.log", "synced;");
        ch.write(ascii("unsynced"));
        FileChannel fresh = io.open(dir.resolve("000002.sst"), CREATE_NEW, WRITE); // directory not synced
        fresh.write(ascii("table"));

        CrashReport report = io.crash(CrashKind.PROCESS);

        assertThat(content("000001.log")).isEqualTo("synced;unsynced");
        assertThat(content("000002.sst")).isEqualTo("table");
        assertThat(report.files()).isEmpty();
        assertThat(report.describe()).containsExactly(
                "Process crash (simulated): nothing lost, every byte written had reached the operating system");
    }

    @Test
    @Timeout(10)
    void powerCutForgetsAFileCreatedSinceItsDirectoryWasSynced() throws IOException {
        try (FileChannel ch = io.open(dir.resolve("000007.sst"), CREATE_NEW, WRITE)) {
            ch.write(ascii("a whole table"));
            ch.force(true);
        }

        CrashReport report = io.crash(CrashKind.POWER);

        assertThat(dir.resolve("000007.sst")).doesNotExist();
        assertThat(report.files()).singleElement().satisfies(e -> {
            assertThat(e.forgotten()).isTrue();
            assertThat(e.bytesBefore()).isEqualTo(13);
            assertThat(e.describe()).isEqualTo("000007.sst: created after the directory's last sync, forgotten (13 bytes)");
        });
    }

    @Test
    @Timeout(10)
    void powerCutKeepsAFileOnceItsDirectoryIsSynced() throws IOException {
        try (FileChannel ch = io.open(dir.resolve("000007.sst"), CREATE_NEW, WRITE)) {
            ch.write(ascii("a whole table"));
            ch.force(true);
        }
        io.syncDirectory(dir);

        CrashReport report = io.crash(CrashKind.POWER);

        assertThat(content("000007.sst")).isEqualTo("a whole table");
        assertThat(report.files()).isEmpty();
    }

    @Test
    @Timeout(10)
    void msyncedMappedBytesSurviveAPowerCutAndLaterOnesDoNot() throws IOException {
        MappedByteBuffer map = durableMappedFile("000003.wal", 4096);
        map.put(0, "hello".getBytes(US_ASCII));
        io.syncMapped(map);
        map.put(100, "world".getBytes(US_ASCII));

        CrashReport report = io.crash(CrashKind.POWER);
        map.put(200, "late".getBytes(US_ASCII)); // an engine thread still running
        map.force();

        byte[] file = Files.readAllBytes(dir.resolve("000003.wal"));
        assertThat(file).hasSize(4096);
        assertThat(new String(file, 0, 5, US_ASCII)).isEqualTo("hello");
        assertThat(Arrays.copyOfRange(file, 100, 300)).containsOnly(0);
        assertThat(report.files()).singleElement().satisfies(
                e -> assertThat(e.describe()).isEqualTo("000003.wal: 5 unsynced bytes lost (kept 4,091)"));
    }

    @Test
    @Timeout(10)
    void fsyncOfAMappedFileMakesItsMappedBytesDurable() throws IOException {
        FileChannel ch = durableFile("000003.wal", "");
        ch.write(ByteBuffer.allocate(4096), 0);
        ch.force(true);
        MappedByteBuffer map = ch.map(MapMode.READ_WRITE, 0, 4096);
        map.put(0, "record".getBytes(US_ASCII));
        ch.force(true); // on Linux, fsync writes the pages dirtied through mappings too
        map.put(6, "unsynced".getBytes(US_ASCII));

        io.crash(CrashKind.POWER);

        byte[] file = Files.readAllBytes(dir.resolve("000003.wal"));
        assertThat(new String(file, 0, 6, US_ASCII)).isEqualTo("record");
        assertThat(Arrays.copyOfRange(file, 6, 4096)).containsOnly(0);
    }

    @Test
    @Timeout(10)
    void processCrashKeepsMappedBytesAndDetachesTheOldMapping() throws IOException {
        MappedByteBuffer map = durableMappedFile("000003.wal", 4096);
        map.put(0, "never msynced".getBytes(US_ASCII));

        CrashReport report = io.crash(CrashKind.PROCESS);
        map.put(200, "late".getBytes(US_ASCII)); // written after the crash: recovery must not see it
        map.force();

        byte[] file = Files.readAllBytes(dir.resolve("000003.wal"));
        assertThat(new String(file, 0, 13, US_ASCII)).isEqualTo("never msynced");
        assertThat(Arrays.copyOfRange(file, 13, 4096)).containsOnly(0);
        assertThat(report.files()).isEmpty();
    }

    @Test
    @Timeout(10)
    void everyOperationFailsOnceTheLayerCrashed() throws IOException {
        Path log = dir.resolve("000001.log");
        FileChannel ch = durableFile("000001.log", "synced");
        MappedByteBuffer map = durableMappedFile("000002.wal", 4096);

        io.crash(CrashKind.POWER);

        assertThat(io.crashed()).isTrue();
        List<ThrowingCallable> calls = List.of(
                () -> io.open(dir.resolve("000009.sst"), CREATE_NEW, WRITE),
                () -> io.open(log, READ),
                () -> io.syncMapped(map),
                () -> io.syncDirectory(dir),
                () -> io.delete(log),
                () -> ch.write(ascii("x")),
                () -> ch.write(ascii("x"), 0),
                () -> ch.write(new ByteBuffer[] {ascii("x")}),
                () -> ch.truncate(0),
                () -> ch.force(true),
                () -> ch.map(MapMode.READ_WRITE, 0, 10),
                () -> ch.read(ByteBuffer.allocate(1), 0),
                () -> ch.size(),
                () -> ch.position(0));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(SimulatedCrashException.class)
                    .hasMessageEndingWith(": the power was cut (simulated)");
        }
        ch.close(); // closing still works: the engine cleans up after the failure
        assertThat(log).exists();
        assertThatThrownBy(() -> io.crash(CrashKind.PROCESS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(10)
    void reportSaysWhatEachFileLost() throws IOException {
        FileChannel log = durableFile("000012.log", "x".repeat(1024));
        log.write(ByteBuffer.wrap(new byte[4096]).put(0, (byte) 1).put(4095, (byte) 1));
        try (FileChannel sst = io.open(dir.resolve("000013.sst"), CREATE_NEW, WRITE)) {
            sst.write(ascii("table"));
            sst.force(true);
        }

        CrashReport report = io.crash(CrashKind.POWER);

        assertThat(report.kind()).isEqualTo(CrashKind.POWER);
        assertThat(report.bytesLost()).isEqualTo(4096 + 5);
        assertThat(report.describe()).containsExactly(
                "Power cut (simulated): 2 files changed, 4,101 bytes lost",
                "000012.log: 4,096 unsynced bytes lost (kept 1,024)",
                "000013.sst: created after the directory's last sync, forgotten (5 bytes)");
    }

    @Test
    @Timeout(20)
    void cleanClosedFilesAreNotTracked() throws IOException {
        for (int i = 0; i < 1000; i++) {
            try (FileChannel ch = io.open(dir.resolve(i + ".sst"), CREATE_NEW, WRITE)) {
                ch.write(ascii("table " + i));
                ch.force(true);
            }
        }
        assertThat(io.trackedFiles()).isZero();
        assertThat(io.unsyncedNames()).isEqualTo(1000);
        io.syncDirectory(dir);
        assertThat(io.unsyncedNames()).isZero();

        try (FileChannel ch = io.open(dir.resolve("dirty"), CREATE_NEW, WRITE)) {
            ch.write(ascii("unsynced"));
        }
        assertThat(io.trackedFiles()).as("closed with an unsynced change").isOne();
        try (FileChannel ch = io.open(dir.resolve("dirty"), WRITE)) {
            ch.force(true);
        }
        assertThat(io.trackedFiles()).isZero();
    }

    /**
     * Writers append to their own files (channel writes, or a mapping) and fsync, while the power
     * is cut under them: every byte a writer saw synced is on disk afterwards.
     */
    @Test
    @Timeout(30)
    void powerCutKeepsEveryByteThatConcurrentWritersSawSynced() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path roundDir = Files.createDirectory(dir.resolve("round" + round));
            CrashableFileIO layer = new CrashableFileIO();
            int writers = 5;
            List<Path> files = new ArrayList<>();
            List<AtomicLong> durable = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(writers);
            for (int w = 0; w < writers; w++) {
                Path p = roundDir.resolve(w + (w == 0 ? ".wal" : ".sst"));
                FileChannel ch = layer.open(p, CREATE_NEW, READ, WRITE);
                files.add(p);
                AtomicLong synced = new AtomicLong();
                durable.add(synced);
                int seed = w;
                Runnable body = w == 0 ? () -> SyncingWriters.mapped(layer, ch, seed, synced, started)
                        : () -> SyncingWriters.channel(ch, seed, synced, started);
                threads.add(new Thread(body, "writer-" + w));
            }
            layer.syncDirectory(roundDir);
            threads.forEach(Thread::start);
            started.await();
            while (durable.stream().anyMatch(d -> d.get() == 0)) {
                Thread.onSpinWait(); // every writer has synced something
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));

            layer.crash(CrashKind.POWER);
            for (Thread t : threads) {
                t.join();
            }

            for (int w = 0; w < writers; w++) {
                byte[] file = Files.readAllBytes(files.get(w));
                long n = durable.get(w).get();
                assertThat((long) file.length).isGreaterThanOrEqualTo(n);
                for (int i = 0; i < n; i++) {
                    assertThat(file[i]).as("writer %d, byte %d", w, i).isEqualTo(SyncingWriters.pattern(w, i));
                }
            }
        }
    }
}
