package lsmviz.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON mapping of the lesson format: reads a file into the format's records (the step kinds
 * from {@link StepKind}, the checks through {@link Check}), strictly (unknown fields, trailing
 * text and duplicate keys are errors), and turns what goes wrong into one sentence that names the
 * file and the field.
 */
final class LessonJson {
    private static final ObjectMapper MAPPER = mapper();

    private LessonJson() {}

    private static ObjectMapper mapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        for (StepKind k : StepKind.values()) {
            m.registerSubtypes(new NamedType(k.type(), k.json()));
        }
        return m;
    }

    /** Reads {@code in} (the file {@code fileName}, for messages) as a {@code type}. */
    static <T> T read(String fileName, InputStream in, Class<T> type) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(in);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new LessonFormatException(fileName, "", "the file is empty or 'null'", null);
            }
            checkFieldNames(fileName, tree, type, "");
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw describe(fileName, e);
        }
    }

    /**
     * Reports a misspelt field before the records are built: Jackson builds a record (whose checks
     * then complain that the rightly spelt field is missing) before it reports an unknown one.
     */
    private static void checkFieldNames(String file, JsonNode node, Class<?> type, String path)
            throws LessonFormatException {
        if (type == Step.class) {
            StepKind kind = node.isObject() ? StepKind.named(node.path("do").asText()) : null;
            if (kind == null) {
                return; // not an object, or an unknown kind: Jackson says so
            }
            type = kind.type();
        }
        if (type == Step.Choice.class && !node.isObject()) {
            throw new LessonFormatException(file, path, "a choice is an object: { \"text\": \"...\", \"check\": ..., and"
                    + " the check's fields }", null);
        }
        if (!node.isObject() || !type.isRecord()) {
            return;
        }
        // an expect's record and a choice's hold a check, not the file's fields: check those by name
        if (type == Step.Expect.class) {
            checkNames(file, node, path, StepKind.EXPECT.fields(), true);
            return;
        }
        if (type == Step.Choice.class) {
            checkNames(file, node, path, CheckFields.names("waitMillis"), false);
            return;
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String at = path.isEmpty() ? name : path + "." + name;
            RecordComponent c = components.get(name);
            if (c == null) {
                if (name.equals("do") && Step.class.isAssignableFrom(type)) {
                    continue;
                }
                List<String> known = new ArrayList<>(components.keySet());
                known.sort(null);
                throw new LessonFormatException(file, at, "unknown field '" + name + "' (known here: "
                        + String.join(", ", known) + ")", null);
            }
            JsonNode value = node.get(name);
            if (c.getType().isRecord()) {
                checkFieldNames(file, value, c.getType(), at);
            } else if (c.getType() == List.class && value.isArray()
                    && c.getGenericType() instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element) {
                for (int i = 0; i < value.size(); i++) {
                    checkFieldNames(file, value.get(i), element, at + "[" + i + "]");
                }
            }
        }
    }

    private static void checkNames(String file, JsonNode node, String path, List<String> known, boolean step)
            throws LessonFormatException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!(step && name.equals("do")) && !known.contains(name)) {
                List<String> sorted = new ArrayList<>(known);
                sorted.sort(null);
                throw new LessonFormatException(file, path.isEmpty() ? name : path + "." + name, "unknown field '" + name
                        + "' (known here: " + String.join(", ", sorted) + ")", null);
            }
        }
    }

    /** Turns Jackson's exception into one sentence naming the file and the field. */
    static LessonFormatException describe(String file, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return new LessonFormatException(file, "", "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        String path = path(m);
        String reason;
        if (m instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            for (Object k : u.getKnownPropertyIds()) {
                known.add(String.valueOf(k));
            }
            known.sort(null);
            reason = "unknown field '" + u.getPropertyName() + "' (known here: " + String.join(", ", known) + ")";
        } else if (m instanceof InvalidTypeIdException t) {
            reason = t.getTypeId() == null
                    ? "missing field 'do' (the step kind: one of " + String.join(", ", StepKind.names()) + ")"
                    : "unknown step kind '" + t.getTypeId() + "' (known: " + String.join(", ", StepKind.names()) + ")";
            path = path.isEmpty() ? "do" : path + ".do";
        } else if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            reason = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (m instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            while (cause != null && !(cause instanceof FieldProblem) && cause.getCause() != null
                    && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof FieldProblem p) {
                path = path.isEmpty() ? p.field() : path + "." + p.field();
                reason = p.getMessage();
            } else {
                reason = cause == null ? v.getOriginalMessage() : String.valueOf(cause.getMessage());
            }
        } else if (m instanceof MismatchedInputException w && w.getTargetType() != null) {
            reason = "wrong kind of value: expected " + kindOf(w.getTargetType()) + " ("
                    + firstLine(w.getOriginalMessage()) + ")";
        } else {
            reason = firstLine(m.getOriginalMessage());
        }
        return new LessonFormatException(file, path, reason, e);
    }

    private static String kindOf(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
