package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.ScanIterator;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.KeyValue;

/**
 * {@code verify}: opens the directory (recovering it as any open does), checks every checksum of
 * every live file, and with {@code --expect-count N} checks that keys S..S+N-1 of a {@code load}
 * are all there with the right value. Exit 0 when all is well, 1 when a key is missing or wrong,
 * 2 on corruption.
 */
final class Verify {
    private static final int NAME_AT_MOST = 5;

    private final Path dir;
    private final long expect;
    private final long start;
    private final int valueSize;
    private final Options options;
    private final PrintStream out;

    Verify(Args a, PrintStream out) {
        this.dir = a.requireDir();
        this.expect = a.number("expect-count", -1, 0, Long.MAX_VALUE / 4);
        this.start = a.number("start", 0, 0, Long.MAX_VALUE / 4);
        this.valueSize = (int) a.number("value-size", 100, 0, Options.MAX_VALUE_BYTES);
        this.options = a.engineOptions().withFlushMode(Options.FlushMode.MANUAL);
        this.out = out;
    }

    int run() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no directory " + dir);
        }
        try (LsmEngine engine = LsmEngine.open(dir, options)) {
            var snap = engine.snapshot();
            long blocks = 0;
            for (var t : snap.sstables()) {
                engine.inspector().verifySSTable(t.id()); // throws CorruptionException on the first bad checksum
                blocks += t.blocks();
            }
            out.println("checksums: ok (manifest, " + (1 + snap.immutables().size()) + " write-ahead logs, "
                    + snap.sstables().size() + " sstables with " + blocks + " blocks)");
            if (expect < 0) {
                return Main.EXIT_OK;
            }
            List<String> problems = new ArrayList<>();
            long bad = 0;
            long n = start;
            long end = start + expect;
            try (ScanIterator it = engine.scanInto(LoadKeys.key(start), LoadKeys.key(end))) {
                KeyValue kv = it.hasNext() ? it.next() : null;
                while (n < end) {
                    byte[] k = LoadKeys.key(n);
                    int c = kv == null ? -1 : Bytes.compare(k, kv.key());
                    if (c < 0) {
                        bad++;
                        note(problems, "missing " + Bytes.display(k));
                        n++;
                    } else if (c > 0) {
                        kv = it.hasNext() ? it.next() : null; // a key that load did not write: ignore
                    } else {
                        if (!Arrays.equals(kv.value(), LoadKeys.value(n, valueSize))) {
                            bad++;
                            note(problems, "wrong value for " + Bytes.display(k) + ": " + Bytes.display(kv.value()));
                        }
                        n++;
                        kv = it.hasNext() ? it.next() : null;
                    }
                }
            }
            if (bad == 0) {
                out.println("keys: ok (" + expect + " keys from " + Bytes.display(LoadKeys.key(start)) + ")");
                return Main.EXIT_OK;
            }
            out.println("keys: " + bad + " of " + expect + " missing or wrong");
            problems.forEach(p -> out.println("  " + p));
            if (bad > problems.size()) {
                out.println("  ... and " + (bad - problems.size()) + " more");
            }
            return Main.EXIT_FAILURE;
        }
    }

    private static void note(List<String> problems, String p) {
        if (problems.size() < NAME_AT_MOST) {
            problems.add(p);
        }
    }
}
