package lsmviz.app.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lsmviz.app.history.RealEngineRun;
import lsmviz.app.model.Projector;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Export then import gives the same events, and so the same sequence of pictures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TraceRoundTripTest {
    @TempDir
    Path tmp;

    /** Records are equal, except that GetPath's arrays are compared element by element. */
    static boolean same(EngineEvent a, EngineEvent b) {
        if (a instanceof EngineEvent.GetPath p && b instanceof EngineEvent.GetPath q) {
            return p.seq() == q.seq() && p.nanos() == q.nanos() && Objects.equals(p.thread(), q.thread())
                    && Objects.equals(p.key(), q.key()) && Arrays.equals(p.sourceIds(), q.sourceIds())
                    && Arrays.equals(p.verdicts(), q.verdicts()) && p.memtables() == q.memtables();
        }
        return a.equals(b);
    }

    static void assertSameEvents(List<EngineEvent> actual, List<EngineEvent> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            int at = i;
            assertThat(same(actual.get(i), expected.get(i))).as(() -> "event " + at + ": " + expected.get(at)
                    + " came back as " + actual.get(at)).isTrue();
        }
    }

    @Test
    void aRealEnginesTraceComesBackAsTheSameEventsAndTheSamePictures() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        List<EngineEvent> events = RealEngineRun.record(data);
        Set<String> types = events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(types).as("the run covers the interesting events").contains("EngineOpened", "EngineClosed",
                "OperationStarted", "OperationFinished", "MemtableWritten", "MemtableFrozen", "FlushStarted",
                "FlushRecordWritten", "BlockSealed", "SSTableWritten", "FlushFinished", "GetPath", "LockAcquired",
                "LockReleased", "StepReached", "StepResumed", "WalRecovered");
        assertThat(events).as("steps that stopped and steps that went on")
                .anyMatch(e -> e instanceof EngineEvent.StepReached s && s.paused())
                .anyMatch(e -> e instanceof EngineEvent.StepReached s && !s.paused());
        assertThat(events).as("a reopen that restores immutable memtables and SSTables")
                .anyMatch(e -> e instanceof EngineEvent.EngineOpened o && !o.immutables().isEmpty()
                        && !o.sstables().isEmpty());

        Path file = tmp.resolve("session.lsmtrace.jsonl");
        TraceFile.write(file, events);
        TraceFile.Trace back = TraceFile.read(file);

        assertSameEvents(back.events(), events);
        assertThat(back.created()).isBetween(Instant.now().minusSeconds(120), Instant.now());

        Projector original = new Projector();
        Projector replayed = new Projector();
        for (int i = 0; i < events.size(); i++) {
            original.apply(events.get(i));
            replayed.apply(back.events().get(i));
            VisualState want = original.snapshot();
            assertThat(replayed.snapshot()).as("picture after event %d", i).isEqualTo(want);
        }
        assertThat(original.snapshot().counters().flushes()).isPositive();
    }

    @Test
    void theFileIsAHeaderLineThenOneJsonObjectPerEvent() throws Exception {
        List<EngineEvent> events = List.of(
                new EngineEvent.MemtableFrozen(7, 123, "writer-1", 3, 4, 2048, 21, "a", "k\"q", 1),
                new EngineEvent.GetPath(8, 124, "reader", "k", new long[] {4, 3}, new byte[] {0, 1}, 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceFile.write(out, events, Instant.parse("2025-01-31T09:15:00Z"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).as("the last line ends with a newline").isEmpty();
        ObjectMapper m = new ObjectMapper();
        JsonNode header = m.readTree(lines[0]);
        assertThat(header.get("format").asText()).isEqualTo("lsmviz-trace");
        assertThat(header.get("version").asInt()).isEqualTo(1);
        assertThat(header.get("created").asText()).isEqualTo("2025-01-31T09:15:00Z");
        assertThat(header.get("events").asInt()).isEqualTo(2);
        assertThat(lines[1]).isEqualTo("{\"type\":\"MemtableFrozen\",\"seq\":7,\"nanos\":123,\"thread\":\"writer-1\","
                + "\"memtableId\":3,\"newActiveMemtableId\":4,\"sizeBytes\":2048,\"entries\":21,\"minKey\":\"a\","
                + "\"maxKey\":\"k\\\"q\",\"queueLength\":1}");
        assertThat(lines[2]).isEqualTo("{\"type\":\"GetPath\",\"seq\":8,\"nanos\":124,\"thread\":\"reader\","
                + "\"key\":\"k\",\"sourceIds\":[4,3],\"verdicts\":[0,1],\"memtables\":2}");
    }

    /** One instance of every event type, with awkward values, survives the trip: the format cannot drift. */
    @Test
    void everyEventTypeRoundTripsWithAwkwardValues() throws Exception {
        List<EngineEvent> events = new ArrayList<>();
        for (Class<?> c : EngineEvent.class.getPermittedSubclasses()) {
            for (int variant = 0; variant < 3; variant++) {
                events.add((EngineEvent) sample(c, variant));
            }
        }
        assertThat(events).hasSize(3 * EngineEvent.class.getPermittedSubclasses().length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceFile.write(out, events);
        TraceFile.Trace back = TraceFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertSameEvents(back.events(), events);
        assertThat(EventCodec.typeNames()).containsExactlyInAnyOrderElementsOf(Arrays
                .stream(EngineEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList());
    }

    @Test
    void anEmptyTraceRoundTrips() throws Exception {
        Path file = tmp.resolve("empty.jsonl");
        TraceFile.write(file, List.of());
        assertThat(TraceFile.read(file).events()).isEmpty();
        assertThat(Files.list(tmp)).as("no temporary file left behind").containsExactly(file);
    }

    private static final String[] TEXTS = {"", "ünïcødé ✓ 🙂 \"quoted\" \\ back\nslash\ttab\u0001", null};
    private static final long[] LONGS = {0, Long.MIN_VALUE, Long.MAX_VALUE};
    private static final int[] INTS = {0, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final double[] DOUBLES = {0, -Double.MAX_VALUE, 1.25};

    /** A value of type {@code t}; variant 0, 1, 2 give plain, extreme and null-ish values. */
    private static Object sample(Type t, int variant) throws Exception {
        if (t instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < variant; i++) {
                list.add(sample(element, i));
            }
            return List.copyOf(list);
        }
        Class<?> c = (Class<?>) t;
        if (c == long.class || c == Long.class) {
            return LONGS[variant];
        } else if (c == int.class || c == Integer.class) {
            return INTS[variant];
        } else if (c == double.class) {
            return DOUBLES[variant];
        } else if (c == boolean.class) {
            return variant == 1;
        } else if (c == byte.class) {
            return (byte) (variant == 1 ? -128 : variant);
        } else if (c == String.class) {
            return TEXTS[variant];
        } else if (c.isEnum()) {
            Object[] ks = c.getEnumConstants();
            return ks[variant % ks.length];
        } else if (c.isArray()) {
            Object a = Array.newInstance(c.getComponentType(), variant * 2);
            for (int i = 0; i < variant * 2; i++) {
                Array.set(a, i, sample(c.getComponentType(), (i + 1) % 2));
            }
            return a;
        } else if (c.isRecord()) {
            RecordComponent[] rc = c.getRecordComponents();
            Object[] args = new Object[rc.length];
            Class<?>[] raw = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                args[i] = rc[i].getName().equals("thread") ? "thread-" + variant
                        : sample(rc[i].getGenericType(), variant);
                raw[i] = rc[i].getType();
            }
            return c.getDeclaredConstructor(raw).newInstance(args);
        }
        throw new IllegalArgumentException("no sample for " + t);
    }
}
