package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.background;
import static lsmviz.engine.EngineTestSupport.manual;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random operations against the engine and against a {@link TreeMap} in the engine's key order;
 * after every operation that answers, the two must agree. Fixed seeds: a failure names the seed
 * and the operation and replays exactly (in MANUAL mode; BACKGROUND adds the flusher's timing).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineModelTest {
    private static final int OPS = 3000;
    private static final int KEYS = 250;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Options.FlushMode.class)
    void randomOperationsAgreeWithATreeMap(Options.FlushMode mode) throws IOException {
        long seed = mode == Options.FlushMode.MANUAL ? 20240322L : 424242L;
        Random rnd = new Random(seed);
        Options options = (mode == Options.FlushMode.MANUAL ? manual(1024) : background(1024))
                .withMaxImmutableMemtables(3);
        List<byte[]> keys = keyPool(rnd);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.ORDER);
        int reopens = 0;
        int flushes = 0;
        int scans = 0;

        LsmEngine e = LsmEngine.open(dir, options);
        try {
            for (int i = 0; i < OPS; i++) {
                int r = rnd.nextInt(100);
                byte[] key = keys.get(rnd.nextInt(keys.size())).clone();
                String where = "seed " + seed + ", op " + i;
                if (r < 40) {
                    byte[] value = new byte[rnd.nextInt(32)];
                    rnd.nextBytes(value);
                    e.put(key, value);
                    model.put(key, value.clone());
                } else if (r < 52) {
                    e.delete(key);
                    model.remove(key);
                } else if (r < 77) {
                    assertThat(e.get(key)).as("get %s at %s", Bytes.hex(key), where).isEqualTo(model.get(key));
                } else if (r < 85) {
                    byte[] from = rnd.nextInt(5) == 0 ? null : randomBound(rnd, keys);
                    byte[] to = rnd.nextInt(5) == 0 ? null : randomBound(rnd, keys);
                    assertThat(render(e.scan(from, to))).as("scan [%s, %s) at %s", hexOrNull(from), hexOrNull(to), where)
                            .containsExactlyElementsOf(render(expectedRange(model, from, to)));
                    scans++;
                } else if (r < 89) {
                    e.freeze();
                } else if (r < 95) {
                    if (e.flushOldest()) {
                        flushes++;
                    }
                } else if (r < 96) {
                    boolean crash = rnd.nextBoolean();
                    if (crash) {
                        e.closeWithoutFlush(); // the plug is pulled: memtables come back from their logs
                    } else {
                        e.close();
                    }
                    e = LsmEngine.open(dir, options);
                    reopens++;
                    if (!crash) {
                        assertThat(e.snapshot().immutables()).isEmpty();
                    }
                } else {
                    for (byte[] k : keys) {
                        assertThat(e.get(k)).as("get %s in a full check at %s", Bytes.hex(k), where)
                                .isEqualTo(model.get(k));
                    }
                }
            }
            assertThat(reopens).as("the seed exercises reopen").isGreaterThan(5);
            assertThat(scans).isGreaterThan(100);
            if (mode == Options.FlushMode.MANUAL) {
                assertThat(flushes).isGreaterThan(10); // in the background, the flusher gets there first
            }
            if (mode == Options.FlushMode.MANUAL) {
                assertThat(e.snapshot().sstables()).as("the run built real structure").hasSizeGreaterThan(10);
            } else {
                assertThat(e.levels(false).levels().stream().filter(l -> l.level() > 0).mapToInt(l -> l.tables()).sum())
                        .as("compaction moved tables below L0 in the background").isPositive();
            }
            assertThat(render(e.scan(null, null))).containsExactlyElementsOf(render(expectedRange(model, null, null)));
        } finally {
            e.close();
        }
        try (LsmEngine again = LsmEngine.open(dir, options)) {
            assertThat(render(again.scan(null, null))).as("after the final reopen")
                    .containsExactlyElementsOf(render(expectedRange(model, null, null)));
            for (byte[] k : keys) {
                assertThat(again.get(k)).isEqualTo(model.get(k));
            }
        }
    }

    /** Distinct keys of 1..6 random bytes: high bytes (>= 0x80) included, so order is unsigned. */
    private static List<byte[]> keyPool(Random rnd) {
        Set<String> seen = new HashSet<>();
        List<byte[]> out = new ArrayList<>();
        while (out.size() < KEYS) {
            byte[] k = new byte[1 + rnd.nextInt(6)];
            rnd.nextBytes(k);
            if (seen.add(Bytes.hex(k))) {
                out.add(k);
            }
        }
        return out;
    }

    private static byte[] randomBound(Random rnd, List<byte[]> keys) {
        if (rnd.nextBoolean()) {
            return keys.get(rnd.nextInt(keys.size())).clone();
        }
        byte[] b = new byte[1 + rnd.nextInt(3)];
        rnd.nextBytes(b);
        return b;
    }

    private static List<Map.Entry<byte[], byte[]>> expectedRange(TreeMap<byte[], byte[]> model, byte[] from, byte[] to) {
        if (from != null && to != null && Bytes.compare(from, to) >= 0) {
            return List.of();
        }
        Map<byte[], byte[]> view = from == null && to == null ? model
                : from == null ? model.headMap(to, false)
                : to == null ? model.tailMap(from, true)
                : model.subMap(from, true, to, false);
        return new ArrayList<>(view.entrySet());
    }

    private static List<String> render(List<?> kvs) {
        List<String> out = new ArrayList<>(kvs.size());
        for (Object o : kvs) {
            if (o instanceof KeyValue kv) {
                out.add(Bytes.hex(kv.key()) + "=" + (kv.value() == null ? "<tombstone>" : Bytes.hex(kv.value())));
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<byte[], byte[]> en = (Map.Entry<byte[], byte[]>) o;
                out.add(Bytes.hex(en.getKey()) + "=" + Bytes.hex(en.getValue()));
            }
        }
        return out;
    }

    private static String hexOrNull(byte[] b) {
        return b == null ? "-" : Bytes.hex(b);
    }
}
