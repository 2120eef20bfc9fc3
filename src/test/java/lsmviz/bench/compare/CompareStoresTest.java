package lsmviz.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import lsmviz.bench.Bench;
import lsmviz.bench.BenchConfig;
import lsmviz.bench.ListenerMode;
import lsmviz.bench.compare.CompareStores.Result;
import lsmviz.engine.Options;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The comparison harness does the same work on every store, with the bench's own keys and values. */
@Timeout(120)
class CompareStoresTest {
    private static final int NUM = 2000;

    @Test
    void everyStoreFindsTheSameKeysAndPrintsItsLines(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CompareStores.Config c = CompareStores.parse(new String[] {"--num", String.valueOf(NUM), "--stores",
            "ours,leveldb,rocksdb", "--dir", dir.toString()});

        List<Result> results = CompareStores.run(c, out);

        long expected = Workloads.expectedFound(Workloads.numbers(NUM, Workloads.FILL_SEED),
                Workloads.numbers(NUM, Workloads.READ_SEED), NUM);
        assertThat(results).extracting(Result::store).containsExactly("ours", "leveldb", "rocksdb");
        assertThat(results).extracting(Result::found).containsOnly(expected);
        assertThat(expected).isBetween(1L, (long) NUM - 1);
        String text = bytes.toString(StandardCharsets.UTF_8);
        for (String store : CompareStores.STORES) {
            assertThat(text).containsPattern("(?m)^fillrandom : " + store + " +[0-9.]+ micros/op")
                    .containsPattern("(?m)^at rest +: " + store + " .* on disk")
                    .containsPattern("(?m)^readrandom : " + store + " +[0-9.]+ micros/op \\(" + expected + " of "
                            + NUM + " found\\)");
        }
    }

    /** {@link Workloads} makes what {@code lsmviz bench} makes: Loops.keys and Bench's value pool (both private). */
    @Test
    void keysAndValuesAreTheBenchOnes() throws Exception {
        Method keys = Class.forName("lsmviz.bench.Loops").getDeclaredMethod("keys", int.class, boolean.class,
                long.class);
        keys.setAccessible(true);
        assertThat((byte[][]) keys.invoke(null, NUM, true, Workloads.FILL_SEED))
                .isDeepEqualTo(Workloads.keys(Workloads.numbers(NUM, Workloads.FILL_SEED)));
        assertThat((byte[][]) keys.invoke(null, NUM, true, Workloads.READ_SEED))
                .isDeepEqualTo(Workloads.keys(Workloads.numbers(NUM, Workloads.READ_SEED)));

        Bench bench = new Bench(new BenchConfig(NUM, Workloads.VALUE_SIZE, List.of(), ListenerMode.NONE,
                EventListener.Detail.ALL, false, null, Options.defaults(), SyncMode.NONE, 1, 1), System.out);
        Field pool = Bench.class.getDeclaredField("valuePool");
        pool.setAccessible(true);
        assertThat((byte[][]) pool.get(bench)).isDeepEqualTo(Workloads.values());
    }
}
