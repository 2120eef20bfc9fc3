package lsmviz.lesson;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in lessons: {@code index.json} and the lesson files it lists, read from the classpath
 * ({@value #CLASSPATH_INDEX}) when they are packaged, else from the directory
 * {@code assets/lessons} of the working directory (a run from the project root). A malformed file
 * gives a {@link LessonFormatException} that names the file and the field.
 */
public final class LessonLibrary {
    /** Where a packaged build keeps the index. */
    public static final String CLASSPATH_INDEX = "/lessons/index.json";
    /** Where the lesson files live in the source tree, relative to the project root. */
    public static final Path SOURCE_DIRECTORY = Path.of("assets", "lessons");
    /** The index's name, in either place. */
    public static final String INDEX = "index.json";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.json");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /** The index file: lesson file names, in the order the picker shows them. */
    record Index(List<String> lessons) {
        Index {
            if (lessons == null || lessons.isEmpty()) {
                throw new Lesson.FieldProblem("lessons", "missing field 'lessons' (the lesson file names, in order)");
            }
            for (int i = 0; i < lessons.size(); i++) {
                String f = lessons.get(i);
                if (f == null || !FILE_NAME.matcher(f).matches()) {
                    throw new Lesson.FieldProblem("lessons[" + i + "]", "'" + f
                            + "' is not a lesson file name (letters, digits, '.', '-', '_', ending in .json)");
                }
            }
            lessons = List.copyOf(lessons);
        }
    }

    /** Reads one file of the library by name. */
    @FunctionalInterface
    private interface Source {
        InputStream open(String fileName) throws IOException;
    }

    private final List<Lesson> lessons;
    private final String origin;

    private LessonLibrary(List<Lesson> lessons, String origin) {
        this.lessons = List.copyOf(lessons);
        this.origin = origin;
    }

    /**
     * The built-in lessons: from the classpath when {@value #CLASSPATH_INDEX} is there, else from
     * {@code assets/lessons} under the working directory.
     *
     * @throws LessonFormatException when a file is malformed
     * @throws IOException when neither place has the lessons, or a file cannot be read
     */
    public static LessonLibrary load() throws IOException {
        if (LessonLibrary.class.getResource(CLASSPATH_INDEX) != null) {
            return fromClasspath(CLASSPATH_INDEX);
        }
        if (Files.isRegularFile(SOURCE_DIRECTORY.resolve(INDEX))) {
            return fromDirectory(SOURCE_DIRECTORY);
        }
        throw new NoSuchFileException("no lessons found: neither " + CLASSPATH_INDEX + " on the classpath nor "
                + SOURCE_DIRECTORY.resolve(INDEX).toAbsolutePath());
    }

    /** The lessons whose index is the classpath resource {@code indexResource}; files sit beside it. */
    public static LessonLibrary fromClasspath(String indexResource) throws IOException {
        int slash = indexResource.lastIndexOf('/');
        String folder = indexResource.substring(0, slash + 1);
        String index = indexResource.substring(slash + 1);
        Source source = name -> {
            InputStream in = LessonLibrary.class.getResourceAsStream(folder + name);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + folder + name);
            }
            return in;
        };
        return read(source, index, "classpath:" + folder);
    }

    /** The lessons in {@code dir}: its {@code index.json} and the files it lists. */
    public static LessonLibrary fromDirectory(Path dir) throws IOException {
        return read(name -> Files.newInputStream(dir.resolve(name)), INDEX, dir.toString());
    }

    private static LessonLibrary read(Source source, String indexName, String origin) throws IOException {
        Index index;
        try (InputStream in = source.open(indexName)) {
            index = parse(indexName, in, Index.class);
        }
        List<Lesson> lessons = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < index.lessons().size(); i++) {
            String file = index.lessons().get(i);
            Lesson lesson;
            try (InputStream in = source.open(file)) {
                lesson = parse(file, in, Lesson.class);
            } catch (NoSuchFileException e) {
                throw new LessonFormatException(indexName, "lessons[" + i + "]", "lists '" + file
                        + "', which does not exist (" + e.getMessage() + ")", e);
            }
            if (!ids.add(lesson.id())) {
                throw new LessonFormatException(file, "id", "id '" + lesson.id() + "' is used by an earlier lesson", null);
            }
            lessons.add(lesson);
        }
        return new LessonLibrary(lessons, origin);
    }

    /** Parses one lesson file's text; {@code fileName} is for messages. */
    public static Lesson parse(String fileName, String json) throws LessonFormatException {
        try {
            return parse(fileName, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Lesson.class);
        } catch (LessonFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new LessonFormatException(fileName, "", e.getMessage(), e);
        }
    }

    private static <T> T parse(String fileName, InputStream in, Class<T> type) throws IOException {
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
        if (type == Lesson.Step.class) {
            Class<?> kind = node.isObject() ? STEP_TYPES.get(node.path("do").asText()) : null;
            if (kind == null) {
                return; // not an object, or an unknown kind: Jackson says so
            }
            type = kind;
        }
        if (!node.isObject() || !type.isRecord()) {
            return;
        }
        if (type == Lesson.Expect.class) {
            // an expect's record holds its check, not the file's fields: check those by name
            checkNames(file, node, path, Lesson.Expect.JSON_FIELDS);
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
                if (name.equals("do") && Lesson.Step.class.isAssignableFrom(type)) {
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

    private static void checkNames(String file, JsonNode node, String path, List<String> known)
            throws LessonFormatException {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("do") && !known.contains(name)) {
                List<String> sorted = new ArrayList<>(known);
                sorted.sort(null);
                throw new LessonFormatException(file, path.isEmpty() ? name : path + "." + name, "unknown field '" + name
                        + "' (known here: " + String.join(", ", sorted) + ")", null);
            }
        }
    }

    /** The record of each step kind, by its name in the field {@code "do"}. */
    private static final Map<String, Class<?>> STEP_TYPES = stepTypes();

    private static Map<String, Class<?>> stepTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (JsonSubTypes.Type t : Lesson.Step.class.getAnnotation(JsonSubTypes.class).value()) {
            out.put(t.name(), t.value());
        }
        return out;
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
                    ? "missing field 'do' (the step kind: one of " + String.join(", ", Lesson.STEP_KINDS) + ")"
                    : "unknown step kind '" + t.getTypeId() + "' (known: " + String.join(", ", Lesson.STEP_KINDS) + ")";
            path = path.isEmpty() ? "do" : path + ".do";
        } else if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            reason = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (m instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            while (cause != null && !(cause instanceof Lesson.FieldProblem) && cause.getCause() != null
                    && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof Lesson.FieldProblem p) {
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

    /** The lessons, in the index's order. */
    public List<Lesson> lessons() {
        return lessons;
    }

    /** The lesson with this id. */
    public Optional<Lesson> byId(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Where the lessons were read from: {@code classpath:/lessons/} or a directory. */
    public String origin() {
        return origin;
    }
}
