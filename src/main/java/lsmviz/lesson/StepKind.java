package lsmviz.lesson;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * The step kinds of a lesson file, each once: its name in the field {@code "do"} and the record
 * that holds it. The record's components are the fields the step takes and its constructor checks
 * them; {@link LessonJson} maps the names to the records from this list.
 */
public enum StepKind {
    SAY("say", Step.Say.class),
    PAUSE("pause", Step.Pause.class),
    PUT("put", Operation.Put.class),
    GET("get", Operation.Get.class),
    DELETE("delete", Operation.Delete.class),
    FILL("fill", Operation.Fill.class),
    FREEZE("freeze", Operation.Freeze.class),
    FLUSH("flush", Operation.Flush.class),
    COMPACT("compact", Operation.Compact.class),
    FRESH_ENGINE("freshEngine", EngineStep.FreshEngine.class),
    REMEMBER("remember", Step.Remember.class),
    CRASH("crash", EngineStep.Crash.class),
    RECOVER("recover", EngineStep.Recover.class),
    AUTO_FLUSH("autoFlush", EngineStep.AutoFlush.class),
    BREAKPOINTS("breakpoints", GateStep.Breakpoints.class),
    MODE("mode", GateStep.Mode.class),
    AWAIT_PAUSED("awaitPaused", GateStep.AwaitPaused.class),
    STEP("step", GateStep.SingleStep.class),
    CONTINUE("continue", GateStep.Continue.class),
    START_THREAD("startThread", ThreadStep.StartThread.class),
    JOIN("join", ThreadStep.Join.class),
    EXPECT("expect", Step.Expect.class),
    ASK("ask", Step.Ask.class),
    REVEAL("reveal", Step.Reveal.class);

    private final String json;
    private final Class<? extends Step> type;

    StepKind(String json, Class<? extends Step> type) {
        this.json = json;
        this.type = type;
    }

    /** The name in the field {@code "do"}. */
    public String json() {
        return json;
    }

    /** The record a step of this kind is read into. */
    public Class<? extends Step> type() {
        return type;
    }

    /**
     * The fields a lesson file may give this step besides {@code "do"}: its record's components,
     * or, for an expect, a check's fields and {@code waitMillis}.
     */
    public List<String> fields() {
        if (this == EXPECT) {
            return CheckFields.names("text");
        }
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** The names of every kind, in this list's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(StepKind::json).toList();
    }

    /** The kind spelt {@code json}, or null. */
    public static StepKind named(String json) {
        for (StepKind k : values()) {
            if (k.json.equals(json)) {
                return k;
            }
        }
        return null;
    }

    /** The kind whose record is {@code type}. */
    static StepKind of(Class<?> type) {
        for (StepKind k : values()) {
            if (k.type == type) {
                return k;
            }
        }
        throw new IllegalArgumentException(type + " is no step kind");
    }
}
