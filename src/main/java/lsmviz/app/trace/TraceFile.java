package lsmviz.app.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import lsmviz.engine.event.EngineEvent;

/**
 * Writes and reads traces: recorded engine events as JSON Lines (the format is described in
 * {@linkplain lsmviz.app.trace the package documentation}). Both directions stream, one line at a
 * time, with Jackson: writing never builds the whole file in memory, reading holds one line's tree
 * at a time besides the events it returns.
 */
public final class TraceFile {
    /** The {@code format} member of the header line. */
    public static final String FORMAT = "lsmviz-trace";
    /** The format version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    /** Strict reading: one value per line, no member twice. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TraceFile() {}

    /**
     * A trace read from a file.
     *
     * @param created when the trace was written (from its header)
     * @param events  the events, in recorded order
     */
    public record Trace(Instant created, List<EngineEvent> events) {}

    /**
     * Writes {@code events} to {@code file}, replacing it. The trace is first written beside it
     * under a temporary name and then moved into place, so a failed export leaves no half file.
     */
    public static void write(Path file, Collection<? extends EngineEvent> events) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, events);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code events} as a trace to {@code out} (UTF-8), flushes it and leaves it open. */
    public static void write(OutputStream out, Collection<? extends EngineEvent> events) throws IOException {
        write(out, events, Instant.now());
    }

    /** As {@link #write(OutputStream, Collection)}, with the header's {@code created} time given. */
    public static void write(OutputStream out, Collection<? extends EngineEvent> events, Instant created)
            throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null); // each value ends with its own newline instead
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("created", created.toString());
            g.writeNumberField("events", events.size());
            g.writeEndObject();
            g.writeRaw('\n');
            for (EngineEvent e : events) {
                EventCodec.write(g, e);
                g.writeRaw('\n');
            }
            g.flush();
        }
    }

    /** Reads the trace in {@code file}. */
    public static Trace read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads a trace from {@code in} (not closed). Blank lines are skipped.
     *
     * @throws TraceFormatException naming the line, when the header or an event line is not what
     *                              the format says, the file is not UTF-8, or the number of events
     *                              differs from the header's
     */
    public static Trace read(InputStream in) throws IOException {
        LineReader r = new LineReader(in);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNo = 0;
        Instant created = null;
        long expected = -1;
        List<EngineEvent> events = null;
        ByteBuffer bytes;
        while ((bytes = r.next()) != null) {
            lineNo++;
            String line;
            try {
                line = utf8.decode(bytes).toString();
            } catch (CharacterCodingException e) {
                throw new TraceFormatException(lineNo, "the line is not UTF-8 text", e);
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = parse(line, lineNo);
            if (events == null) {
                Header h = header(node, lineNo);
                created = h.created;
                expected = h.events;
                events = new ArrayList<>((int) Math.min(expected, 1 << 20));
                continue;
            }
            if (events.size() == expected) {
                throw new TraceFormatException(lineNo, "the header promises " + expected
                        + " events, and here is one more");
            }
            try {
                events.add(EventCodec.read(node));
            } catch (EventCodec.BadValue e) {
                throw new TraceFormatException(lineNo, e.getMessage());
            }
        }
        if (events == null) {
            throw new TraceFormatException(Math.max(1, lineNo), "the file is empty: a trace starts with a header line");
        }
        if (events.size() != expected) {
            throw new TraceFormatException(lineNo + 1, "the header promises " + expected + " events, the file has "
                    + events.size() + (events.size() < expected ? " (cut short?)" : ""));
        }
        return new Trace(created, Collections.unmodifiableList(events));
    }

    private static JsonNode parse(String line, long lineNo) throws TraceFormatException {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || node.isMissingNode()) {
                throw new TraceFormatException(lineNo, "no JSON value on the line");
            }
            return node;
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
            throw new TraceFormatException(lineNo, "not valid JSON: " + e.getOriginalMessage() + column, e);
        }
    }

    private record Header(Instant created, long events) {}

    private static Header header(JsonNode h, long lineNo) throws TraceFormatException {
        if (!h.isObject()) {
            throw new TraceFormatException(lineNo, "expected the header object, got " + EventCodec.kind(h));
        }
        JsonNode format = h.get("format");
        if (format == null || !format.isTextual() || !format.textValue().equals(FORMAT)) {
            throw new TraceFormatException(lineNo, "not an LSM Visualizer trace: the header's \"format\" must be \""
                    + FORMAT + "\"" + (format == null ? "" : ", got " + EventCodec.kind(format)));
        }
        JsonNode version = h.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new TraceFormatException(lineNo, "the header's \"version\" must be a whole number");
        }
        if (version.longValue() != VERSION) {
            throw new TraceFormatException(lineNo, "trace format version " + version.asText()
                    + " is not one this program reads (it reads version " + VERSION + ")");
        }
        JsonNode created = h.get("created");
        Instant when;
        try {
            when = Instant.parse(created == null || !created.isTextual() ? "" : created.textValue());
        } catch (DateTimeParseException e) {
            throw new TraceFormatException(lineNo, "the header's \"created\" must be an ISO-8601 instant such as "
                    + "\"2025-01-31T09:15:00Z\"" + (created == null ? "" : ", got " + EventCodec.kind(created)));
        }
        JsonNode n = h.get("events");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0
                || n.longValue() > Integer.MAX_VALUE) {
            throw new TraceFormatException(lineNo, "the header's \"events\" must be a whole number of events");
        }
        return new Header(when, n.longValue());
    }

    /** Splits a byte stream at '\n' (a '\r' before it is dropped), so each line is decoded on its own. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[64 * 1024];
        private int pos;
        private int limit;
        private byte[] line = new byte[1024];

        LineReader(InputStream in) {
            this.in = in;
        }

        /** The next line without its end, or null at the end of the stream. */
        ByteBuffer next() throws IOException {
            int n = 0;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? wrap(n) : null;
                    }
                }
                any = true;
                byte b = chunk[pos++];
                if (b == '\n') {
                    return wrap(n);
                }
                if (n == line.length) {
                    line = Arrays.copyOf(line, 2 * line.length);
                }
                line[n++] = b;
            }
        }

        private ByteBuffer wrap(int n) {
            return ByteBuffer.wrap(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n);
        }
    }
}
