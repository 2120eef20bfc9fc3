package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;

/** Helpers for the compaction tests. Not a test itself. */
final class CompactionTestSupport {
    private CompactionTestSupport() {}

    /**
     * Manual flush (only the test flushes; the compactor runs what it is asked), 64 KB memtables
     * that never fill by themselves here, 4 KB outputs, L0 compacts at 2 tables.
     */
    static Options manualCompaction() {
        return EngineTestSupport.manual(64 * 1024).withSstableTargetBytes(4096).withSyncMode(SyncMode.NONE)
                .withCompaction(CompactionOptions.defaults().withL0(2, 6, 10).withLevels(16 * 1024, 4, 4));
    }

    /** Writes {@code tables} L0 tables, each with every key {@code prefix000..} at version {@code t}. */
    static TreeMap<String, String> fillL0(LsmEngine e, String prefix, int tables, int keys) {
        TreeMap<String, String> model = new TreeMap<>();
        for (int t = 0; t < tables; t++) {
            for (int i = 0; i < keys; i++) {
                String k = prefix + String.format("%04d", i);
                String v = k + "@" + t + "-" + "x".repeat(40);
                e.put(b(k), b(v));
                model.put(k, v);
            }
            e.flushAll();
        }
        return model;
    }

    /** The SSTable files in {@code dir}, by name. */
    static TreeSet<String> sstFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sst"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The tables' file names as the snapshot names them. */
    static TreeSet<String> tableFiles(EngineSnapshot snap) {
        return snap.sstables().stream().map(t -> Path.of(t.path()).getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static long l0Count(LsmEngine e) {
        return e.snapshot().sstables().stream().filter(t -> t.level() == 0).count();
    }

    static SSTableSummary table(LsmEngine e, long id) {
        return e.snapshot().sstables().stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }

    /** A named thread running one engine call, keeping its result or failure. */
    static final class Call<T> extends Thread {
        private final Callable<T> body;
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Call(String name, Callable<T> body) {
            super(name);
            this.body = body;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try {
                result.set(body.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        /** Joins (at most 20 s) and returns the result; fails when the call threw. */
        T join20() throws InterruptedException {
            joinOrFail(this);
            assertThat(failure.get()).as(getName() + " failed").isNull();
            return result.get();
        }
    }
}
