package lsmviz.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

/**
 * The child JVM of {@link CompactionCrashTest}: runs the deterministic operations {@code start,
 * start + 1, ...} (puts, overwrites, deletes) with small memtables so that the flusher and the
 * compactor run all the time, until it is killed. Once operation N returned, it appends "N" to the
 * acknowledgement file (one write each, so the page cache has it whenever the process dies); its
 * compactions are printed ("picked", "finished"), so that the test can say where the kill fell.
 */
public final class CompactionCrashChild {
    static final int KEYS = 1000;

    private CompactionCrashChild() {}

    /** Put with SYNC (each write fsynced before it returns), 4 KB memtables, compaction from 2 L0 tables. */
    static Options options(Options.FlushMode mode) {
        return Options.defaults().withMemtableSizeBytes(4 * 1024).withBlockSizeBytes(256).withSstableTargetBytes(4096)
                .withFlushMode(mode).withSyncMode(SyncMode.SYNC)
                .withCompaction(CompactionOptions.defaults().withL0(2, 6, 10).withLevels(8 * 1024, 2, 4));
    }

    /** Operation {@code n}: the same every time it is asked. */
    record Op(String key, String value) {
        boolean isDelete() {
            return value == null;
        }
    }

    static Op op(long n) {
        Random r = new Random(n * 0x9E3779B97F4A7C15L + 14);
        String key = String.format("k%04d", r.nextInt(KEYS));
        if (r.nextInt(100) < 25) {
            return new Op(key, null);
        }
        StringBuilder v = new StringBuilder("v").append(n).append('-');
        int len = 20 + r.nextInt(100);
        while (v.length() < len) {
            v.append((char) ('a' + r.nextInt(26)));
        }
        return new Op(key, v.toString());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        FileOutputStream acks = new FileOutputStream(args[2], true);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (LsmEngine e = LsmEngine.open(dir, options(Options.FlushMode.BACKGROUND), ev -> {
            if (ev instanceof EngineEvent.CompactionPicked p) {
                out.println("picked " + p.compactionId());
            } else if (ev instanceof EngineEvent.CompactionFinished f) {
                out.println("finished " + f.compactionId());
            } else if (ev instanceof EngineEvent.CompactionFailed f) {
                out.println("failed " + f.message());
            }
        })) {
            out.println("opened");
            for (long n = start; ; n++) {
                Op o = op(n);
                byte[] key = o.key().getBytes(StandardCharsets.US_ASCII);
                if (o.isDelete()) {
                    e.delete(key);
                } else {
                    e.put(key, o.value().getBytes(StandardCharsets.US_ASCII));
                }
                acks.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
