package lsmviz.app.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lsmviz.app.code.SourceIndex.Snippet;
import lsmviz.engine.step.ProbePoint;
import org.junit.jupiter.api.Test;

/**
 * The index reads the real engine source bundled by the build, so a renamed method, a moved marker
 * or a marker whose next statement changed shows up here; synthetic sources cover the scanner's
 * rules (branches, loops, finally, nested classes, braces in literals) and its loud failures.
 */
class SourceIndexTest {
    private static final Path ENGINE = Path.of("src/main/java/lsmviz/engine/LsmEngine.java");

    /** The method each point's gate call sits in. */
    private static final Map<ProbePoint, String> METHOD = new EnumMap<>(Map.ofEntries(
            Map.entry(ProbePoint.PUT_MAKE_ROOM, "makeRoomForWrite"),
            Map.entry(ProbePoint.PUT_WRITE_MEMTABLE, "writeOperation"),
            Map.entry(ProbePoint.DELETE_WRITE_TOMBSTONE, "writeOperation"),
            Map.entry(ProbePoint.PUT_CHECK_ROOM, "makeRoomForWrite"),
            Map.entry(ProbePoint.GET_PROBE_MEMTABLE, "lookup"),
            Map.entry(ProbePoint.GET_PROBE_SSTABLE, "probe"),
            Map.entry(ProbePoint.FREEZE_RECHECK, "freezeIfStill"),
            Map.entry(ProbePoint.FREEZE_SWAP, "freezeIfStill"),
            Map.entry(ProbePoint.FLUSH_SELECT_OLDEST, "flushOldestLocked"),
            Map.entry(ProbePoint.FLUSH_ITERATE, "flushOldestLocked"),
            Map.entry(ProbePoint.FLUSH_WRITE_RECORD, "RecordFeed.next"),
            Map.entry(ProbePoint.FLUSH_ADD_SSTABLE, "flushOldestLocked"),
            Map.entry(ProbePoint.FLUSH_REMOVE_MEMTABLE, "flushOldestLocked"),
            Map.entry(ProbePoint.COMPACT_PICK, "compactOnce"),
            Map.entry(ProbePoint.COMPACT_MERGE_RECORD, "MergeFeed.next"),
            Map.entry(ProbePoint.COMPACT_SEAL_OUTPUT, "merge"),
            Map.entry(ProbePoint.COMPACT_INSTALL, "install"),
            Map.entry(ProbePoint.COMPACT_DELETE_OBSOLETE, "install"),
            Map.entry(ProbePoint.RECOVER_MANIFEST, "run"),
            Map.entry(ProbePoint.RECOVER_REMOVE_LEFTOVER, "removeLeftover"),
            Map.entry(ProbePoint.RECOVER_REPLAY_LOG, "memtables")));

    /** What the statement that runs after each gate call does: the code its narration talks about. */
    private static final Map<ProbePoint, String> NEXT = new EnumMap<>(Map.ofEntries(
            Map.entry(ProbePoint.PUT_MAKE_ROOM, "while (true) {"),
            Map.entry(ProbePoint.PUT_WRITE_MEMTABLE, "w = log.append(key, value, () -> m.put(key, value));"),
            Map.entry(ProbePoint.DELETE_WRITE_TOMBSTONE, "w = log.append(key, value, () -> m.put(key, value));"),
            Map.entry(ProbePoint.PUT_CHECK_ROOM, "freezeIfStill(s.active(), false)"),
            Map.entry(ProbePoint.GET_PROBE_MEMTABLE, "found = m.get(key)"),
            Map.entry(ProbePoint.GET_PROBE_SSTABLE, "t.get(key, hash)"),
            Map.entry(ProbePoint.FREEZE_RECHECK, "EngineState s = current.get();"),
            Map.entry(ProbePoint.FREEZE_SWAP, "current.get().withFrozenActive(fresh)"),
            Map.entry(ProbePoint.FLUSH_SELECT_OLDEST, "oldest = current.get().oldestImmutable();"),
            Map.entry(ProbePoint.FLUSH_ITERATE, "oldest.iterator()"),
            Map.entry(ProbePoint.FLUSH_WRITE_RECORD, "return records.next();"),
            Map.entry(ProbePoint.FLUSH_ADD_SSTABLE, "current.get().withSSTableAdded(table)"),
            Map.entry(ProbePoint.FLUSH_REMOVE_MEMTABLE, "next.withImmutableRemoved(oldest)"),
            Map.entry(ProbePoint.COMPACT_PICK, "MergeCounts counts = new MergeCounts();"),
            Map.entry(ProbePoint.COMPACT_MERGE_RECORD, "KeyValue kv = next;"),
            Map.entry(ProbePoint.COMPACT_SEAL_OUTPUT, "outputs.add(new TableFile("),
            Map.entry(ProbePoint.COMPACT_INSTALL, "EngineState now = current.get();"),
            Map.entry(ProbePoint.COMPACT_DELETE_OBSOLETE, "before.droppedIn(after)"),
            Map.entry(ProbePoint.RECOVER_MANIFEST, "Manifest.read(dir.path())"),
            Map.entry(ProbePoint.RECOVER_REMOVE_LEFTOVER, "dir.delete(f);"),
            Map.entry(ProbePoint.RECOVER_REPLAY_LOG, "WriteAheadLog.replay(dir.wal(id), id)")));

    private static final SourceIndex REAL = SourceIndex.load();

    @Test
    void theBundledResourceIsTheEngineSourceAsBuilt() throws IOException {
        assertThat(SourceIndex.RESOURCES).containsExactly("LsmEngine.java", "Lookup.java", "Freeze.java", "Flush.java",
                "Compaction.java", "Recovery.java");
        for (String name : SourceIndex.RESOURCES) {
            try (InputStream in = SourceIndex.class.getResourceAsStream(name)) {
                assertThat(in).as(name + " on the classpath next to SourceIndex").isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(Files.readString(ENGINE.resolveSibling(name)));
            }
        }
        assertThat(REAL.className()).isEqualTo("LsmEngine");
    }

    @Test
    void everyProbePointIsShownInTheMethodThatReallyContainsIt() throws IOException {
        Map<String, List<String>> files = new java.util.HashMap<>();
        for (ProbePoint.Kind k : ProbePoint.Kind.values()) {
            files.put(k.story(), Files.readAllLines(ENGINE.resolveSibling(k.story() + ".java")));
        }
        assertThat(METHOD.keySet()).containsExactlyInAnyOrder(ProbePoint.values());
        for (ProbePoint p : ProbePoint.values()) {
            Snippet s = REAL.snippet(p);
            assertThat(s.className()).as("class of %s", p)
                    .isEqualTo(p.kind().story());
            List<String> file = files.get(s.className());
            assertThat(s.methodName()).as("method of %s", p).isEqualTo(METHOD.get(p));
            // the lines are the file's own, numbered as in the file
            assertThat(s.lines()).as("lines of %s", p)
                    .isEqualTo(file.subList(s.firstLine() - 1, s.firstLine() - 1 + s.lines().size()));
            assertThat(SourceIndex.isGateCall(s.lines().get(s.gateIndex()).strip(), p))
                    .as("line %d", s.gateIndex() + 1).isTrue();
            assertThat(s.lines().get(s.gateIndex() - 1).strip()).isEqualTo(p.marker());
            // from the declaration (maybe after annotations) to its closing brace at the same indent
            String simpleName = s.methodName().substring(s.methodName().lastIndexOf('.') + 1);
            String declaration = s.lines().stream().filter(l -> l.contains(" " + simpleName + "(")).findFirst()
                    .orElseThrow();
            assertThat(s.lines().indexOf(declaration)).isLessThan(s.gateIndex());
            String indent = declaration.substring(0, declaration.indexOf(declaration.strip()));
            assertThat(s.lines().get(0)).startsWith(indent).doesNotStartWith(indent + " ");
            assertThat(s.lines().get(s.lines().size() - 1)).isEqualTo(indent + "}");
            for (String l : s.lines().subList(1, s.lines().size() - 1)) {
                assertThat(l).as("a line inside %s", s.methodName()).isNotEqualTo(indent + "}");
            }
        }
    }

    @Test
    void theHighlightIsTheStatementThatRunsWhenTheGateLetsGo() {
        assertThat(NEXT.keySet()).containsExactlyInAnyOrder(ProbePoint.values());
        for (ProbePoint p : ProbePoint.values()) {
            Snippet s = REAL.snippet(p);
            assertThat(s.highlightIndex()).as("highlight of %s", p).isGreaterThan(s.gateIndex());
            assertThat(s.lines().get(s.highlightIndex())).as("line about to run at %s", p).contains(NEXT.get(p));
            assertThat(s.highlightedLine()).isEqualTo(s.firstLine() + s.highlightIndex());
        }
    }

    @Test
    void aMissingMarkerFailsNamingThePoint() {
        String source = synthetic(ProbePoint.FREEZE_SWAP, "");
        assertThatThrownBy(() -> new SourceIndex(source))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FREEZE_SWAP")
                .hasMessageContaining("no marker");
    }

    @Test
    void aDuplicatedMarkerFailsNamingThePoint() {
        String source = synthetic(null, """
                    void once() {
                        // @probe FLUSH_ITERATE
                        gate.reach(ProbePoint.FLUSH_ITERATE);
                    }

                    void again() {
                        // @probe FLUSH_ITERATE
                        gate.reach(ProbePoint.FLUSH_ITERATE);
                    }
                """);
        assertThatThrownBy(() -> new SourceIndex(source))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FLUSH_ITERATE")
                .hasMessageContaining("two markers");
    }

    @Test
    void aMarkerNotFollowedByItsGateCallFailsNamingThePoint() {
        String source = synthetic(ProbePoint.GET_PROBE_SSTABLE, """
                    void wrong() {
                        // @probe GET_PROBE_SSTABLE
                        gate.reach(ProbePoint.GET_PROBE_MEMTABLE);
                    }
                """);
        assertThatThrownBy(() -> new SourceIndex(source))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET_PROBE_SSTABLE");
    }

    @Test
    void aMarkerOutsideAnyMethodFailsNamingThePoint() {
        String source = synthetic(ProbePoint.PUT_CHECK_ROOM, """
                    private final Runnable r = () -> {
                        // @probe PUT_CHECK_ROOM
                        gate.reach(ProbePoint.PUT_CHECK_ROOM);
                    };
                """);
        assertThatThrownBy(() -> new SourceIndex(source))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PUT_CHECK_ROOM")
                .hasMessageContaining("not inside a method");
    }

    @Test
    void aBranchNotTakenIsPassedOverAndTheEndOfALoopLeadsToItsHead() {
        SourceIndex index = new SourceIndex(synthetic(null, """
                    private void branches(boolean delete) {
                        if (delete) {
                            // @probe DELETE_WRITE_TOMBSTONE
                            gate.reach(ProbePoint.DELETE_WRITE_TOMBSTONE);
                        } else if (other) {
                            log("} else { // not code");
                        } else {
                            // @probe PUT_WRITE_MEMTABLE
                            gate.reach(ProbePoint.PUT_WRITE_MEMTABLE);
                        }
                        /* a comment { */
                        append(key);
                    }

                    int loop(List<String> xs) {
                        for (String x : xs) {
                            use(x);
                            // @probe GET_PROBE_MEMTABLE
                            gate.reach(ProbePoint.GET_PROBE_MEMTABLE);
                        }
                        return 0;
                    }
                """));
        Snippet delete = index.snippet(ProbePoint.DELETE_WRITE_TOMBSTONE);
        assertThat(delete.methodName()).isEqualTo("branches");
        assertThat(delete.lines().get(delete.highlightIndex()).strip()).isEqualTo("append(key);");
        Snippet put = index.snippet(ProbePoint.PUT_WRITE_MEMTABLE);
        assertThat(put.highlightIndex()).isEqualTo(delete.highlightIndex());
        Snippet get = index.snippet(ProbePoint.GET_PROBE_MEMTABLE);
        assertThat(get.methodName()).isEqualTo("loop");
        assertThat(get.lines().get(get.highlightIndex()).strip()).isEqualTo("for (String x : xs) {");
    }

    @Test
    void aFinallyBlockRunsNextAndAGateCallEndingItsMethodIsItselfTheHighlight() {
        SourceIndex index = new SourceIndex(synthetic(null, """
                    void locked() {
                        lock.lock();
                        try {
                            // @probe FREEZE_SWAP
                            gate.reach(ProbePoint.FREEZE_SWAP);
                        } catch (IllegalStateException e) {
                            handle(e);
                        } finally {
                            lock.unlock();
                        }
                    }

                    void last() {
                        // @probe FREEZE_RECHECK
                        gate.reach(ProbePoint.FREEZE_RECHECK);
                    }
                """));
        Snippet swap = index.snippet(ProbePoint.FREEZE_SWAP);
        assertThat(swap.lines().get(swap.highlightIndex()).strip()).isEqualTo("lock.unlock();");
        Snippet recheck = index.snippet(ProbePoint.FREEZE_RECHECK);
        assertThat(recheck.methodName()).isEqualTo("last");
        assertThat(recheck.highlightIndex()).isEqualTo(recheck.gateIndex());
    }

    @Test
    void methodsOfNestedClassesWrappedSignaturesAndLambdasAreToldApart() {
        SourceIndex index = new SourceIndex(synthetic(null, """
                    /** A nested class; its method is named with it. */
                    private final class Feed implements Iterator<String> {
                        @Override
                        public String next() {
                            // @probe FLUSH_WRITE_RECORD
                            gate.reach(ProbePoint.FLUSH_WRITE_RECORD);
                            return "}";
                        }
                    }

                    @SuppressWarnings({"unchecked"})
                    private static <T> Map<String, List<T>> wrapped(int a,
                            String b) throws java.io.IOException {
                        Runnable r = () -> {
                            work();
                        };
                        list.forEach(x -> {
                            // @probe FLUSH_ADD_SSTABLE
                            gate.reach(ProbePoint.FLUSH_ADD_SSTABLE);
                            x.run();
                        });
                        return null;
                    }
                """));
        Snippet record = index.snippet(ProbePoint.FLUSH_WRITE_RECORD);
        assertThat(record.methodName()).isEqualTo("Feed.next");
        assertThat(record.lines().get(0).strip()).isEqualTo("@Override");
        assertThat(record.lines().get(record.highlightIndex()).strip()).isEqualTo("return \"}\";");
        Snippet add = index.snippet(ProbePoint.FLUSH_ADD_SSTABLE);
        assertThat(add.methodName()).isEqualTo("wrapped");
        assertThat(add.lines().get(0).strip()).isEqualTo("@SuppressWarnings({\"unchecked\"})");
        assertThat(add.lines().get(add.lines().size() - 1)).isEqualTo("    }");
        assertThat(add.lines().get(add.highlightIndex()).strip()).isEqualTo("x.run();");
    }

    /**
     * A class with every probe point's marker and gate call in a method of its own, except
     * {@code left} and those that {@code members} places itself.
     */
    private static String synthetic(ProbePoint left, String members) {
        StringBuilder s = new StringBuilder("package x;\n\n/** Fake. */\npublic final class Fake {\n");
        for (ProbePoint p : ProbePoint.values()) {
            if (p != left && !members.contains("// @probe " + p.name() + "\n")) {
                s.append("    void at").append(p.ordinal()).append("() {\n")
                        .append("        // @probe ").append(p.name()).append('\n')
                        .append("        gate.reach(ProbePoint.").append(p.name()).append(");\n")
                        .append("        step();\n")
                        .append("    }\n\n");
            }
        }
        return s.append(members).append("}\n").toString();
    }
}
