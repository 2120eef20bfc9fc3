package lsmviz.engine.sstable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SSTableConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void fourThreadsSharingOneReaderAllSeeCorrectValues() throws Exception {
        List<KeyValue> entries = TestTables.randomEntries(21, 20_000, 0.1);
        Path file = dir.resolve("t.sst");
        TestTables.write(file, entries, 4096, 10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SSTableReader r = SSTableReader.open(file, 1)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = 100 + t;
                Callable<Integer> task = () -> {
                    Random rnd = new Random(seed);
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < 25_000; i++) {
                        if (i % 1000 == 999) {
                            // interleave a short scan so iterators share the mapping too
                            int from = rnd.nextInt(entries.size() - 50);
                            var it = r.iterator(entries.get(from).key(), entries.get(from + 50).key());
                            for (int j = from; j < from + 50; j++) {
                                KeyValue got = it.next();
                                assertThat(got.key()).isEqualTo(entries.get(j).key());
                                assertThat(got.value()).isEqualTo(entries.get(j).value());
                            }
                            assertThat(it.hasNext()).isFalse();
                            continue;
                        }
                        KeyValue kv = entries.get(rnd.nextInt(entries.size()));
                        SSTableReader.Lookup l = rnd.nextBoolean() ? r.get(kv.key()) : r.get(kv.key(), BloomFilter.hash(kv.key()));
                        assertThat(l.found()).as("key %s", Bytes.display(kv.key())).isNotNull();
                        assertThat(l.found().key()).isEqualTo(kv.key());
                        assertThat(l.found().value()).isEqualTo(kv.value());
                        byte[] absent = (Bytes.hex(kv.key()) + "!").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        assertThat(r.get(absent).found()).isNull();
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(50, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(4 * (25_000 - 25));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
