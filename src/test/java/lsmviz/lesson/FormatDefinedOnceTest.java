package lsmviz.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lesson format is described once: every step record has exactly one {@link StepKind}, every
 * check record exactly one {@link Check}, each name is used once, and a check's fields are fields a
 * file can write.
 */
class FormatDefinedOnceTest {

    /** The concrete records a sealed type permits, through its sealed sub-interfaces. */
    private static Set<Class<?>> records(Class<?> sealed) {
        Set<Class<?>> out = new HashSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isRecord()) {
                out.add(c);
            } else {
                out.addAll(records(c));
            }
        }
        return out;
    }

    @Test
    void everyStepRecordHasOneKindAndEveryKindItsOwnName() {
        Set<Class<?>> kinds = new HashSet<>();
        for (StepKind k : StepKind.values()) {
            assertThat(kinds.add(k.type())).as("%s is listed once", k.type()).isTrue();
        }
        assertThat(kinds).isEqualTo(records(Step.class));
        assertThat(new HashSet<>(StepKind.names())).hasSize(StepKind.values().length);
        for (StepKind k : StepKind.values()) {
            assertThat(StepKind.named(k.json())).isSameAs(k);
        }
    }

    @Test
    void everyCheckRecordHasOneCheckAndItsFieldsAreOnesAFileCanWrite() {
        Set<Class<?>> checks = new HashSet<>();
        for (Check c : Check.values()) {
            assertThat(checks.add(recordOf(c))).isTrue();
            assertThat(CheckFields.names("check", "waitMillis", "text")).containsAll(c.fields());
        }
        assertThat(checks).isEqualTo(records(Expectation.class));
        assertThat(new HashSet<>(Check.names())).hasSize(Check.values().length);
    }

    @Test
    void theExpectStepTakesEveryCheckFieldAndItsWaitButNoText() {
        List<String> fields = StepKind.EXPECT.fields();
        assertThat(fields).contains("check", "waitMillis", "key", "count", "atLeast", "below").doesNotContain("text");
        assertThat(StepKind.ASK.fields()).containsExactly("question", "choices", "why");
    }

    /** A valid value for each field a check may take (one of count/atLeast, one of below/above). */
    private static Object sample(String field) {
        return switch (field) {
            case "key" -> "k";
            case "value" -> "v";
            case "lock" -> lsmviz.engine.LsmEngine.FREEZE_LOCK;
            case "thread" -> "writer";
            case "count", "level" -> 1;
            case "path" -> List.of("memtable: found");
            case "cost" -> "sortedRuns";
            case "below" -> "before";
            default -> null; // mode, point, atLeast, above: optional, or the other of a pair
        };
    }

    @Test
    void eachCheckParsesFromExactlyItsFieldsIntoItsOwnRecord() throws Exception {
        List<String> names = CheckFields.names();
        for (Check c : Check.values()) {
            Object[] values = new Object[names.size()];
            values[names.indexOf("check")] = c.json();
            for (String f : c.fields()) {
                values[names.indexOf(f)] = sample(f);
            }
            Class<?>[] types = Arrays.stream(CheckFields.class.getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            CheckFields fields = CheckFields.class.getDeclaredConstructor(types).newInstance(values);
            Expectation e = Check.parse(fields, "waitMillis");
            assertThat(e.kind()).as("check '%s' builds its own record", c.json()).isSameAs(c);
            assertThat(e.label()).as("its label").startsWith("expect ");
        }
    }

    private static Class<?> recordOf(Check c) {
        return Arrays.stream(Expectation.class.getPermittedSubclasses()).filter(r -> {
            try {
                return Check.of(r) == c;
            } catch (IllegalArgumentException no) {
                return false;
            }
        }).findFirst().orElseThrow();
    }
}
