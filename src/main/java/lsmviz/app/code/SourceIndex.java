package lsmviz.app.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lsmviz.engine.step.ProbePoint;

/**
 * The engine's own source, indexed by probe point: for each {@link ProbePoint}, the method that
 * contains its marker comment ({@code // @probe NAME}), the gate call right below the marker, and
 * the statement that runs once the gate lets the thread go.
 *
 * <p>The text is the engine's own source files (one per story: {@code LsmEngine.java} for writes,
 * {@code Freeze.java}, {@code Flush.java}, {@code Lookup.java} and {@code Compaction.java}; see
 * {@link ProbePoint.Kind#story()}), copied onto the classpath by the build (see the {@code <resources>} of
 * pom.xml), so what the code pane shows cannot drift from what runs. Each point is marked in
 * exactly one of them. The
 * index is built once, in the constructor, and fails loudly ({@link IllegalStateException} naming
 * the point) when a marker is missing, duplicated, not followed by its gate call, or outside any
 * method.
 *
 * <p>Methods are found by a small scanner that knows Java comments, string, text-block and char
 * literals, and matches braces: the snippet of a point is the innermost method declaration
 * enclosing its marker (a method of a nested class counts, e.g. {@code RecordFeed.next()}), from
 * its first annotation to its closing brace. Plain Java, no JavaFX.
 */
public final class SourceIndex {
    /** Name of the bundled copy of the engine's main source, next to this class on the classpath. */
    public static final String RESOURCE = "LsmEngine.java";
    /** Every bundled engine source with probe points, in the order they are searched. */
    public static final List<String> RESOURCES = ProbePoint.sourceFiles();

    private static final Set<String> NOT_A_NAME = Set.of("if", "for", "while", "do", "switch", "catch", "try",
            "finally", "else", "synchronized", "return", "throw", "new", "case", "assert", "yield", "this", "super");
    private static final String ANNOTATIONS = "(?:@[\\w.$]+(?:\\s*\\([^)]*\\))?\\s*)*";
    private static final String MODIFIERS =
            "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*";
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile(ANNOTATIONS + MODIFIERS + "(?:class|interface|enum|record)\\s+([\\w$]+)\\b.*");
    private static final Pattern METHOD_DECLARATION = Pattern.compile(ANNOTATIONS
            + "(?:(?:public|protected|private|static|final|synchronized|abstract|native|strictfp|default)\\s+)*"
            + "(?:<[^>]*>\\s*)?" // type parameters
            + "(?:([\\w$.<>\\[\\]?, ]+?)\\s+)?" // return type; absent for a constructor
            + "([\\w$]+)\\s*\\([^)]*\\)" // name and parameters
            + "(?:\\s*throws\\s+[\\w$., ]+)?");
    private static final Pattern GATE_CALL = Pattern.compile("gate\\.reach\\(ProbePoint\\.[\\w$]+\\);");

    /**
     * One method of the engine source around a probe point.
     *
     * @param className  the top-level class of the file it is in, e.g. {@code LsmEngine}
     * @param methodName the method's name, qualified by the nested classes it sits in below the
     *     top-level class (e.g. {@code flushOldestLocked}, {@code RecordFeed.next})
     * @param firstLine 1-based source line number of {@code lines.get(0)}
     * @param lines the whole method, from its first annotation (or its declaration) to its closing
     *     brace, exactly as in the source
     * @param highlightIndex index in {@code lines} of the line about to run: the first statement
     *     that runs after the gate call lets the thread go (comments, blank lines, closing braces,
     *     branches not taken and other probe calls are passed over; the end of a loop body leads to
     *     the loop's head). When no such statement can be named before the method ends, the gate
     *     call itself.
     * @param gateIndex index in {@code lines} of the gate call {@code gate.reach(ProbePoint.X)},
     *     where a paused thread is waiting
     */
    public record Snippet(String className, String methodName, int firstLine, List<String> lines, int highlightIndex, int gateIndex) {
        public Snippet {
            lines = List.copyOf(lines);
            if (highlightIndex < 0 || highlightIndex >= lines.size() || gateIndex < 0 || gateIndex >= lines.size()) {
                throw new IllegalArgumentException("index out of the method's " + lines.size() + " lines");
            }
        }

        /** 1-based source line number of the line about to run. */
        public int highlightedLine() {
            return firstLine + highlightIndex;
        }

        /** 1-based source line number of the gate call. */
        public int gateLine() {
            return firstLine + gateIndex;
        }

        /** 1-based source line number of the method's closing brace. */
        public int lastLine() {
            return firstLine + lines.size() - 1;
        }

        /** Whether {@code other} shows the same method (so a view only needs to move its highlight). */
        public boolean sameMethod(Snippet other) {
            return other != null && firstLine == other.firstLine && className.equals(other.className)
                    && methodName.equals(other.methodName)
                    && lines.equals(other.lines);
        }
    }


    /** One source file: its lines, its blocks, its class. */
    private record SourceFile(String name, List<String> source, JavaBlocks scan, String className) {}

    private final List<SourceFile> files = new ArrayList<>();
    private final Map<ProbePoint, Snippet> snippets = new EnumMap<>(ProbePoint.class);

    /**
     * Indexes {@code text}, the source of the engine class, which must mark every probe point.
     *
     * @throws IllegalStateException naming the probe point whose marker is missing, duplicated, not
     *     followed by its gate call, or not inside a method
     */
    public SourceIndex(String text) {
        this(Map.of(RESOURCE, text));
    }

    /**
     * Indexes {@code sources} (file name to text, searched in iteration order); each probe point
     * is marked in exactly one of them.
     *
     * @throws IllegalStateException as {@link #SourceIndex(String)}
     */
    public SourceIndex(Map<String, String> sources) {
        sources.forEach((name, text) -> {
            List<String> lines = text.lines().toList();
            JavaBlocks scan = new JavaBlocks(lines);
            String cls = scan.blocks.stream()
                    .filter(b -> TYPE_DECLARATION.matcher(b.header()).matches())
                    .min((x, y) -> Integer.compare(x.openLine(), y.openLine()))
                    .map(b -> typeName(b.header()))
                    .orElseThrow(() -> new IllegalStateException("no class declaration in " + name));
            files.add(new SourceFile(name, lines, scan, cls));
        });
        for (ProbePoint p : ProbePoint.values()) {
            snippets.put(p, index(p));
        }
    }

    /**
     * Loads the copies of the engine source that the build puts on the classpath
     * ({@link #RESOURCES} next to this class).
     *
     * @throws IllegalStateException when a resource is missing or a probe point cannot be placed
     */
    public static SourceIndex load() {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String name : RESOURCES) {
            try (InputStream in = SourceIndex.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the engine source " + name + " is not on the classpath under "
                            + SourceIndex.class.getPackageName().replace('.', '/')
                            + "/: the build copies it there (pom.xml, <build><resources>)");
                }
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("could not read the bundled engine source " + name, e);
            }
        }
        return new SourceIndex(texts);
    }

    /** The snippet of the method where {@code p}'s gate call sits. */
    public Snippet snippet(ProbePoint p) {
        return snippets.get(p);
    }

    /** The top-level class of the first indexed source, e.g. {@code LsmEngine}. */
    public String className() {
        return files.get(0).className();
    }


    /**
     * The gate call a marker must be followed by: {@code gate.reach(ProbePoint.X);}, or with a
     * second argument naming what the thread reports before it is shown there
     * ({@code gate.reach(ProbePoint.X, trace);}) or what it acts on ({@code gate.reach(ProbePoint.X, m.id());}).
     */
    static boolean isGateCall(String line, ProbePoint p) {
        String head = "gate.reach(ProbePoint." + p.name();
        if (!line.startsWith(head) || !line.endsWith(");")) {
            return false;
        }
        String rest = line.substring(head.length(), line.length() - 2);
        return rest.isEmpty() || rest.matches(", [A-Za-z_][A-Za-z0-9_]*(\\.[a-z][A-Za-z0-9_]*\\(\\))?");
    }
    /** Number of lines of the first indexed source. */
    public int lineCount() {
        return files.get(0).source().size();
    }

    private Snippet index(ProbePoint p) {
        SourceFile file = null;
        int marker = -1;
        for (SourceFile f : files) {
            for (int i = 0; i < f.source().size(); i++) {
                if (f.source().get(i).strip().equals(p.marker())) {
                    if (marker >= 0) {
                        throw new IllegalStateException("probe point " + p.name() + ": two markers '" + p.marker()
                                + "', at line " + (marker + 1) + " of " + file.name() + " and line " + (i + 1)
                                + " of " + f.name());
                    }
                    marker = i;
                    file = f;
                }
            }
        }
        if (marker < 0) {
            throw new IllegalStateException("probe point " + p.name() + ": no marker '" + p.marker() + "' in "
                    + String.join(" or ", files.stream().map(SourceFile::name).toList()));
        }
        List<String> source = file.source();
        JavaBlocks scan = file.scan();
        int gate = marker + 1;
        String call = "gate.reach(ProbePoint." + p.name() + ");";
        if (gate >= source.size() || !isGateCall(source.get(gate).strip(), p)) {
            throw new IllegalStateException("probe point " + p.name() + ": the line after its marker (line "
                    + (marker + 1) + ") is not '" + call + "'");
        }
        JavaBlocks.Block method = null;
        List<String> owners = new ArrayList<>();
        for (JavaBlocks.Block b : scan.enclosing(marker)) { // innermost first
            if (method == null && isMethod(b.header())) {
                method = b;
            } else if (method != null && TYPE_DECLARATION.matcher(b.header()).matches()) {
                owners.add(0, typeName(b.header()));
            }
        }
        if (method == null) {
            throw new IllegalStateException("probe point " + p.name() + ": its marker (line " + (marker + 1)
                    + ") is not inside a method");
        }
        owners.remove(0); // the top-level class
        owners.add(methodName(method.header()));
        int next = nextStatement(gate, method, scan);
        int first = method.headerLine();
        return new Snippet(file.className(), String.join(".", owners), first + 1, source.subList(first, method.closeLine() + 1),
                (next < 0 ? gate : next) - first, gate - first);
    }

    /**
     * The 0-based line of the first statement that runs after the gate call on line {@code gate},
     * or -1 when it cannot be named before the method ends.
     */
    private static int nextStatement(int gate, JavaBlocks.Block method, JavaBlocks scan) {
        int i = gate + 1;
        while (i < method.closeLine()) {
            String code = scan.code.get(i).strip();
            if (code.isEmpty() || GATE_CALL.matcher(code).matches()) {
                i++; // blank, comment only, or another probe (it only waits, it does nothing)
                continue;
            }
            if (!code.startsWith("}")) {
                return i;
            }
            String rest = code.substring(1).strip();
            if (rest.startsWith("else") || rest.startsWith("catch")) {
                // a branch not taken (or a handler for an exception not thrown): skip its body
                JavaBlocks.Block skipped = scan.lastOpenedOn(i);
                if (skipped == null) {
                    return -1;
                }
                i = skipped.closeLine();
                continue;
            }
            if (rest.startsWith("while")) {
                return i; // the test of a do-while loop
            }
            JavaBlocks.Block closed = scan.closedAtStartOf(i);
            if (closed != null && startsWithWord(closed.header(), "for", "while")) {
                return closed.headerLine(); // the end of a loop body: the loop's head runs next
            }
            if (rest.startsWith("finally") || rest.isEmpty() || rest.matches("[)};,]*")) {
                i++; // into the finally block, or out of the block
                continue;
            }
            return -1;
        }
        return -1;
    }

    private static boolean isMethod(String header) {
        if (header.contains("=") || header.contains("->") || TYPE_DECLARATION.matcher(header).matches()) {
            return false;
        }
        Matcher m = METHOD_DECLARATION.matcher(header);
        if (!m.matches() || NOT_A_NAME.contains(m.group(2))) {
            return false;
        }
        String type = m.group(1);
        return type == null || !NOT_A_NAME.contains(type.strip().split("\\s+")[0]);
    }

    private static String methodName(String header) {
        Matcher m = METHOD_DECLARATION.matcher(header);
        if (!m.matches()) {
            throw new IllegalArgumentException(header);
        }
        return m.group(2);
    }

    private static String typeName(String header) {
        Matcher m = TYPE_DECLARATION.matcher(header);
        if (!m.matches()) {
            throw new IllegalArgumentException(header);
        }
        return m.group(1);
    }

    private static boolean startsWithWord(String text, String... words) {
        for (String w : words) {
            if (text.startsWith(w)
                    && (text.length() == w.length() || !Character.isJavaIdentifierPart(text.charAt(w.length())))) {
                return true;
            }
        }
        return false;
    }
}
