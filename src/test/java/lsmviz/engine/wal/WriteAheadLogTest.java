package lsmviz.engine.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import lsmviz.engine.io.FileIO;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.CorruptionException;
import lsmviz.engine.types.KeyValue;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WriteAheadLogTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("000001.wal");
    }

    private long writeThree(SyncMode mode) throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.create(FileIO.DEFAULT, log(), 1, mode, null, 0)) {
            wal.append(Bytes.utf8("a"), Bytes.utf8("1"), () -> 0);
            wal.append(Bytes.utf8("b"), null, () -> 0);
            long end = wal.append(Bytes.utf8("c"), Bytes.utf8("333"), () -> 0).end();
            wal.awaitDurable(end);
            return end;
        }
    }

    private static List<String> text(WriteAheadLog.Replay r) {
        return r.records().stream().map(KeyValue::toString).toList();
    }

    @Test
    void replayGivesPutsAndDeletesInWriteOrder() throws IOException {
        long end = writeThree(SyncMode.SYNC);
        WriteAheadLog.Replay r = WriteAheadLog.replay(log(), 1);
        assertThat(text(r)).containsExactly("a=1", "b=<tombstone>", "c=333");
        assertThat(r.validLength()).isEqualTo(end);
        assertThat(r.tornTail()).as("the zeros after the last record are preallocated room").isFalse();
        assertThat(r.fileLength()).isGreaterThan(end);
    }

    @Test
    void appendRunsTheApplyStepOnlyAfterTheRecordIsWritten() throws IOException {
        List<Long> seen = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.create(FileIO.DEFAULT, log(), 1, SyncMode.NONE, null, 0)) {
            wal.append(Bytes.utf8("k"), Bytes.utf8("v"), () -> seen.add(wal.length()) ? 1 : 0);
        }
        assertThat(seen).hasSize(1);
    }

    @Test
    void aRecordCutShortByTheEndOfTheFileIsATornTail() throws IOException {
        long end = writeThree(SyncMode.NONE);
        try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "rw")) {
            f.setLength(end - 2); // the crash came while the last record was being written
        }
        WriteAheadLog.Replay r = WriteAheadLog.replay(log(), 1);
        assertThat(text(r)).containsExactly("a=1", "b=<tombstone>");
        assertThat(r.tornTail()).isTrue();
    }

    @Test
    void aHalfCopiedLastRecordFollowedByZerosIsATornTail() throws IOException {
        long end = writeThree(SyncMode.NONE);
        try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "rw")) {
            f.seek(end - 3);
            f.write(new byte[3]); // the last bytes of the payload never arrived
        }
        WriteAheadLog.Replay r = WriteAheadLog.replay(log(), 1);
        assertThat(text(r)).containsExactly("a=1", "b=<tombstone>");
        assertThat(r.tornTail()).isTrue();
        assertThat(r.tornBytes()).isPositive();
    }

    @Test
    void aBadRecordWithGoodRecordsAfterItIsCorruptionNamingFileAndOffset() throws IOException {
        writeThree(SyncMode.NONE);
        byte[] bytes = Files.readAllBytes(log());
        bytes[LogRecord.HEADER + 2] ^= 0x01; // inside the first record's payload
        Files.write(log(), bytes);
        assertThatThrownBy(() -> WriteAheadLog.replay(log(), 1))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(log().toString())
                .hasMessageContaining("offset 0")
                .hasMessageContaining("crc32c");
    }

    @Test
    void reopenCutsTheTornTailAndNewRecordsFollowTheGoodOnes() throws IOException {
        long end = writeThree(SyncMode.NONE);
        try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "rw")) {
            f.seek(end - 3);
            f.write(new byte[] {9, 9, 9}); // garbage where the last record's tail should be
        }
        WriteAheadLog.Replay torn = WriteAheadLog.replay(log(), 1);
        assertThat(torn.records()).hasSize(2);
        try (WriteAheadLog wal = WriteAheadLog.reopen(FileIO.DEFAULT, log(), 1, torn.validLength(), SyncMode.SYNC,
                null, 0)) {
            wal.awaitDurable(wal.append(Bytes.utf8("d"), Bytes.utf8("4"), () -> 0).end());
        }
        WriteAheadLog.Replay r = WriteAheadLog.replay(log(), 1);
        assertThat(text(r)).containsExactly("a=1", "b=<tombstone>", "d=4");
        assertThat(r.tornTail()).isFalse();
    }

    @Test
    void theLogGrowsPastItsFirstMappingWithoutLosingRecords() throws IOException {
        byte[] big = new byte[10_000];
        int n = 40; // 400 KB through a 64 KiB first mapping
        try (WriteAheadLog wal = WriteAheadLog.create(FileIO.DEFAULT, log(), 1, SyncMode.NONE, null, 0)) {
            for (int i = 0; i < n; i++) {
                big[0] = (byte) i;
                wal.append(Bytes.utf8("key" + i), big.clone(), () -> 0);
            }
        }
        WriteAheadLog.Replay r = WriteAheadLog.replay(log(), 1);
        assertThat(r.records()).hasSize(n);
        assertThat(r.records().get(n - 1).value()[0]).isEqualTo((byte) (n - 1));
    }

    @Test
    void groupCommitSharesFsyncsAmongConcurrentWriters() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<Integer> groups = new CopyOnWriteArrayList<>();
        AtomicInteger applied = new AtomicInteger();
        try (WriteAheadLog wal = WriteAheadLog.create(FileIO.DEFAULT, log(), 1, SyncMode.GROUP,
                (id, offset, writers, nanos) -> groups.add(writers), 0)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            long end = wal.append(Bytes.utf8("t" + me + "-" + i), Bytes.utf8("v"), applied::incrementAndGet).end();
                            wal.awaitDurable(end);
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
        }
        int writes = threads * perThread;
        assertThat(applied.get()).isEqualTo(writes);
        assertThat(WriteAheadLog.replay(log(), 1).records()).hasSize(writes);
        assertThat(groups.size()).as("fsyncs for %d writes", writes).isLessThan(writes);
        assertThat(groups).anySatisfy(g -> assertThat(g).isGreaterThan(1));
    }
}
