package lsmviz.app.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lsmviz.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;

/** A trace that is not what the format says fails with the line and what is wrong on it. */
class TraceFormatTest {
    private static final String HEADER = "{\"format\":\"lsmviz-trace\",\"version\":1,\"created\":\"2025-01-31T09:15:00Z\",\"events\":%d}\n";
    private static final String FROZEN = "{\"type\":\"MemtableFrozen\",\"seq\":1,\"nanos\":5,\"thread\":\"w\",\"memtableId\":1,"
            + "\"newActiveMemtableId\":2,\"sizeBytes\":10,\"entries\":1,\"minKey\":\"a\",\"maxKey\":\"a\",\"queueLength\":1}\n";

    private static TraceFile.Trace read(String text) throws IOException {
        return TraceFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertFails(String text, long line, String... fragments) {
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(TraceFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(fragments);
        });
    }

    @Test
    void aWellFormedTraceReads() throws IOException {
        TraceFile.Trace t = read(String.format(HEADER, 2) + FROZEN + "\n" + FROZEN);
        assertThat(t.events()).hasSize(2);
        assertThat(t.created()).hasToString("2025-01-31T09:15:00Z");
    }

    @Test
    void aLineThatIsNotJsonNamesItsLine() {
        assertFails(String.format(HEADER, 3) + FROZEN + FROZEN + "{\"type\":\"MemtableFrozen\", seq:}\n", 4,
                "not valid JSON");
    }

    @Test
    void twoValuesOnOneLineAreNotOneEvent() {
        assertFails(String.format(HEADER, 1) + FROZEN.strip() + " {}\n", 2, "not valid JSON");
    }

    @Test
    void anUnknownEventTypeNamesTheType() {
        assertFails(String.format(HEADER, 2) + FROZEN + "{\"type\":\"MemtableMelted\",\"seq\":2}\n", 3,
                "unknown event type \"MemtableMelted\"");
    }

    @Test
    void anEventWithoutATypeIsRejected() {
        assertFails(String.format(HEADER, 1) + "{\"seq\":2}\n", 2, "no \"type\" member");
    }

    @Test
    void aMissingMemberIsNamed() {
        assertFails(String.format(HEADER, 1) + FROZEN.replace(",\"queueLength\":1", ""), 2,
                "MemtableFrozen.queueLength is missing");
    }

    @Test
    void aMemberOfTheWrongKindIsNamed() {
        assertFails(String.format(HEADER, 1) + FROZEN.replace("\"sizeBytes\":10", "\"sizeBytes\":\"ten\""), 2,
                "MemtableFrozen.sizeBytes", "expected a whole number", "\"ten\"");
        assertFails(String.format(HEADER, 1) + FROZEN.replace("\"queueLength\":1", "\"queueLength\":1e99"), 2,
                "MemtableFrozen.queueLength");
        assertFails(String.format(HEADER, 1) + FROZEN.replace("\"queueLength\":1", "\"queueLength\":3000000000"), 2,
                "MemtableFrozen.queueLength", "outside");
    }

    @Test
    void anUnknownMemberIsNamed() {
        assertFails(String.format(HEADER, 1) + FROZEN.replace("{\"type\"", "{\"colour\":\"red\",\"type\""), 2,
                "unknown member [colour]");
    }

    @Test
    void nestedValuesAreCheckedWithTheirPath() {
        String opened = "{\"type\":\"EngineOpened\",\"seq\":1,\"nanos\":0,\"thread\":\"main\",\"directory\":\"/d\","
                + "\"active\":{\"id\":1,\"sizeBytes\":0,\"entries\":0,\"minKey\":null,\"maxKey\":null},"
                + "\"immutables\":[],\"sstables\":[{\"id\":\"x\"}],\"memtableLimitBytes\":4096,"
                + "\"maxImmutableMemtables\":2}\n";
        assertFails(String.format(HEADER, 1) + opened, 2, "EngineOpened.sstables[0].id", "expected a whole number");
        String badOp = "{\"type\":\"OperationStarted\",\"seq\":1,\"nanos\":0,\"thread\":\"main\",\"op\":\"JUMP\","
                + "\"key\":null}\n";
        assertFails(String.format(HEADER, 1) + badOp, 2, "OperationStarted.op", "PUT, GET", "JUMP");
    }

    @Test
    void aBadHeaderIsLineOne() {
        assertFails("{\"format\":\"something-else\",\"version\":1}\n" + FROZEN, 1, "not an LSM Visualizer trace");
        assertFails(String.format(HEADER, 1).replace("\"version\":1", "\"version\":2") + FROZEN, 1,
                "version 2");
        assertFails(String.format(HEADER, 1).replace("2025-01-31T09:15:00Z", "yesterday") + FROZEN, 1,
                "\"created\"", "yesterday");
        assertFails("[1,2]\n", 1, "expected the header object");
        assertFails("", 1, "empty");
    }

    @Test
    void aTraceCutShortSaysSo() {
        assertFails(String.format(HEADER, 3) + FROZEN + FROZEN, 4, "promises 3 events", "has 2", "cut short");
    }

    @Test
    void moreEventsThanTheHeaderSaysNamesTheFirstExtraLine() {
        assertFails(String.format(HEADER, 1) + FROZEN + FROZEN, 3, "promises 1 events", "one more");
    }

    @Test
    void windowsLineEndsAreFine() throws IOException {
        assertThat(read((String.format(HEADER, 1) + FROZEN).replace("\n", "\r\n")).events()).hasSize(1);
    }

    /** The example in the package documentation is a trace this reader accepts. */
    @Test
    void theDocumentedExampleReads() throws IOException {
        String doc = Files.readString(Path.of("src/main/java/lsmviz/app/trace/package-info.java"));
        String pre = doc.substring(doc.indexOf("<pre>") + 5, doc.indexOf("</pre>"));
        StringBuilder trace = new StringBuilder();
        for (String line : pre.split("\n")) {
            String text = line.replaceFirst("^\\s*\\*\\s?", "");
            if (!text.isBlank()) {
                trace.append(text).append('\n');
            }
        }
        TraceFile.Trace t = read(trace.toString());
        assertThat(t.events()).hasSize(7);
        assertThat(t.events().get(5)).isInstanceOfSatisfying(EngineEvent.GetPath.class,
                g -> assertThat(g.probes()).extracting(EngineEvent.GetPath.Probe::verdict)
                        .containsExactly("not found", "found"));
    }

    @Test
    void bytesThatAreNotUtf8NameTheirLine() {
        byte[] head = (String.format(HEADER, 1)).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        assertThatThrownBy(() -> TraceFile.read(new ByteArrayInputStream(all)))
                .isInstanceOf(TraceFormatException.class).hasMessage("line 2: the line is not UTF-8 text");
    }
}
