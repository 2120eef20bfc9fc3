package lsmviz.engine;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;
import lsmviz.engine.types.KeyValue;
import org.awaitility.core.ConditionFactory;

/** Small helpers shared by the engine tests. Not a test itself. */
public final class EngineTestSupport {
    private EngineTestSupport() {}

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Manual flush, the given memtable limit, small blocks so that flushes make several. */
    public static Options manual(long memtableBytes) {
        return Options.defaults().withMemtableSizeBytes(memtableBytes).withBlockSizeBytes(256)
                .withFlushMode(Options.FlushMode.MANUAL);
    }

    public static Options background(long memtableBytes) {
        return Options.defaults().withMemtableSizeBytes(memtableBytes).withBlockSizeBytes(256)
                .withFlushMode(Options.FlushMode.BACKGROUND);
    }

    /** Awaitility with a short poll and a hard bound, so a deadlock fails fast. */
    public static ConditionFactory within(long seconds) {
        return await().atMost(Duration.ofSeconds(seconds)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    public static List<String> keysOf(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> s(kv.key())).toList();
    }

    public static List<KeyValue> toList(Iterator<KeyValue> it) {
        List<KeyValue> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Waits (bounded) for a future and rethrows what it threw. */
    public static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
    }

    /** Waits (bounded) for a thread that must end; fails when it does not. */
    public static void joinOrFail(Thread t) throws InterruptedException {
        t.join(20_000);
        if (t.isAlive()) {
            throw new AssertionError(t.getName() + " did not finish within 20 s: " + stackOf(t));
        }
    }

    public static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\n    at ").append(e);
        }
        return sb.toString();
    }

    /** Records every event it is given; safe for concurrent publishers. */
    public static final class Recorder implements EventListener {
        private final ConcurrentLinkedQueue<EngineEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        public void onEvent(EngineEvent event) {
            events.add(event);
        }

        public List<EngineEvent> all() {
            return List.copyOf(events);
        }

        public <E extends EngineEvent> List<E> of(Class<E> type) {
            List<E> out = new ArrayList<>();
            for (EngineEvent e : events) {
                if (type.isInstance(e)) {
                    out.add(type.cast(e));
                }
            }
            return out;
        }

        public void clear() {
            events.clear();
        }
    }
}
