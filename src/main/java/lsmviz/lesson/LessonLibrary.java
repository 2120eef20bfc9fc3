package lsmviz.lesson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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


    /** The index file: lesson file names, in the order the picker shows them. */
    record Index(List<String> lessons) {
        Index {
            if (lessons == null || lessons.isEmpty()) {
                throw new FieldProblem("lessons", "missing field 'lessons' (the lesson file names, in order)");
            }
            for (int i = 0; i < lessons.size(); i++) {
                String f = lessons.get(i);
                if (f == null || !FILE_NAME.matcher(f).matches()) {
                    throw new FieldProblem("lessons[" + i + "]", "'" + f
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
            index = LessonJson.read(indexName, in, Index.class);
        }
        List<Lesson> lessons = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < index.lessons().size(); i++) {
            String file = index.lessons().get(i);
            Lesson lesson;
            try (InputStream in = source.open(file)) {
                lesson = LessonJson.read(file, in, Lesson.class);
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
            return LessonJson.read(fileName, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Lesson.class);
        } catch (LessonFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new LessonFormatException(fileName, "", e.getMessage(), e);
        }
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
