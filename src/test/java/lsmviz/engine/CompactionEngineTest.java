package lsmviz.engine;

import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EngineEvent.SSTableSummary;
import lsmviz.engine.event.EngineSnapshot;
import lsmviz.engine.types.CompactionOptions;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with compaction on, against a {@link TreeMap}: random puts, overwrites and deletes
 * with small memtables (so that the flusher and the compactor run all the time), reopened in
 * between (cleanly and as a crash would), compacted in full; after every phase each get and a
 * full scan agree with the model and the levels keep their rules.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CompactionEngineTest {
    private static final int KEYS = 1500;

    @TempDir
    Path dir;

    /** 8 KB memtables, 4 KB outputs, L0 compacts at 2 tables, L1 16 KB and each level 4x: four levels in use. */
    static Options options() {
        return EngineTestSupport.background(8 * 1024).withSstableTargetBytes(4096).withSyncMode(SyncMode.NONE)
                .withCompaction(CompactionOptions.defaults().withL0(2, 6, 10).withLevels(16 * 1024, 4, 4));
    }

    static String key(int n) {
        return String.format("k%05d", n);
    }

    /** A value of 1 to 200 bytes that says which operation wrote it. */
    static String value(Random r, long op) {
        StringBuilder v = new StringBuilder("v").append(op).append('-');
        int len = 1 + r.nextInt(200);
        while (v.length() < len) {
            v.append((char) ('a' + r.nextInt(26)));
        }
        return v.toString();
    }

    @Test
    void everyGetAndScanMatchesTheModelThroughCompactionsReopensAndFullCompactions() throws Exception {
        long seed = Long.getLong("lsmviz.model.seed", 14);
        Random r = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        Recorder rec = new Recorder();
        LsmEngine e = LsmEngine.open(dir, options(), rec);
        long op = 0;
        int installs = 0;
        int deepest = 0;
        try {
            for (int phase = 0; phase < 8; phase++) {
                String where = "seed " + seed + ", phase " + phase;
                for (int i = 0; i < 2500; i++, op++) {
                    String k = key(r.nextInt(KEYS));
                    int dice = r.nextInt(100);
                    if (dice < 60) {
                        String v = value(r, op);
                        e.put(b(k), b(v));
                        model.put(k, v);
                    } else if (dice < 85) {
                        e.delete(b(k));
                        model.remove(k);
                    } else {
                        assertThat(s(e.get(b(k)))).as("%s, op %d: get %s", where, op, k).isEqualTo(model.get(k));
                    }
                }
                checkAgainstModel(e, model, where + ", while compactions run");
                assertThat(e.awaitCompactions(60_000)).as("%s: compactions settle", where).isTrue();
                checkAgainstModel(e, model, where + ", compactions settled");
                deepest = Math.max(deepest, deepestLevel(e));
                installs += rec.of(EngineEvent.CompactionInstalled.class).size();
                rec.clear();
                switch (phase % 4) {
                    case 0 -> e = reopen(e, rec, true);
                    case 1 -> e = reopen(e, rec, false); // as a crash leaves it: memtables from their logs
                    case 2 -> {
                        e.compact();
                        checkFullyCompacted(e, model, where);
                        installs += rec.of(EngineEvent.CompactionInstalled.class).size();
                        rec.clear();
                    }
                    default -> {
                        // go on writing into the same engine
                    }
                }
                checkAgainstModel(e, model, where + ", after " + (phase % 4 == 2 ? "compact()" : "reopen"));
            }
            e.compact();
            checkFullyCompacted(e, model, "seed " + seed + ", at the end");
            e = reopen(e, rec, true);
            checkFullyCompacted(e, model, "seed " + seed + ", at the end, reopened");
            checkAgainstModel(e, model, "seed " + seed + ", at the end, reopened");
        } finally {
            e.close();
        }
        assertThat(installs).as("compactions ran").isGreaterThan(20);
        assertThat(deepest).as("the data reached at least L2").isGreaterThanOrEqualTo(2);
    }

    private LsmEngine reopen(LsmEngine e, Recorder rec, boolean clean) throws IOException {
        if (clean) {
            e.close();
        } else {
            e.closeWithoutFlush();
        }
        LsmEngine again = LsmEngine.open(dir, options(), rec);
        assertThat(rec.of(EngineEvent.FileRemoved.class)).as("a %s close leaves no file to clean up",
                clean ? "clean" : "plain").isEmpty();
        return again;
    }

    /** Each key's get, one full scan, the levels' rules, and no SSTable file the levels do not name. */
    static void checkAgainstModel(LsmEngine e, TreeMap<String, String> model, String where) throws IOException {
        for (int n = 0; n < KEYS; n++) {
            String k = key(n);
            assertThat(s(e.get(b(k)))).as("%s: get %s", where, k).isEqualTo(model.get(k));
        }
        List<String> scanned = e.scan(null, null).stream().map(kv -> s(kv.key()) + "=" + s(kv.value())).toList();
        List<String> expected = model.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).toList();
        assertThat(scanned).as("%s: full scan", where).isEqualTo(expected);
        Random r = new Random(where.hashCode());
        for (int i = 0; i < 20; i++) {
            String from = key(r.nextInt(KEYS + 10) - 5);
            String to = key(r.nextInt(KEYS + 10) - 5);
            List<String> range = e.scan(b(from), b(to)).stream().map(kv -> s(kv.key()) + "=" + s(kv.value())).toList();
            List<String> want = from.compareTo(to) >= 0 ? List.of() : model.subMap(from, to).entrySet().stream()
                    .map(en -> en.getKey() + "=" + en.getValue()).toList();
            assertThat(range).as("%s: scan [%s, %s)", where, from, to).isEqualTo(want);
        }
        checkLevels(e.snapshot(), where);
    }

    /** L1 and deeper: each level in key order, no two tables overlapping. */
    static void checkLevels(EngineSnapshot snap, String where) {
        Map<Integer, List<SSTableSummary>> byLevel = snap.sstables().stream()
                .collect(Collectors.groupingBy(SSTableSummary::level, TreeMap::new, Collectors.toList()));
        byLevel.forEach((level, tables) -> {
            for (SSTableSummary t : tables) {
                assertThat(t.minKey().compareTo(t.maxKey())).as("%s: table %d's range", where, t.id())
                        .isLessThanOrEqualTo(0);
            }
            if (level == 0) {
                List<Long> ids = tables.stream().map(SSTableSummary::id).toList();
                assertThat(ids).as("%s: L0 newest first", where)
                        .isSortedAccordingTo((a, c) -> Long.compare(c, a));
                return;
            }
            for (int i = 1; i < tables.size(); i++) {
                SSTableSummary a = tables.get(i - 1);
                SSTableSummary c = tables.get(i);
                assertThat(a.maxKey().compareTo(c.minKey()))
                        .as("%s: L%d tables %d [%s..%s] and %d [%s..%s] in order and disjoint", where, level, a.id(),
                                a.minKey(), a.maxKey(), c.id(), c.minKey(), c.maxKey())
                        .isLessThan(0);
            }
        });
    }

    /** After compact(): no memtable data, one non-empty level, and it holds exactly the live keys. */
    static void checkFullyCompacted(LsmEngine e, TreeMap<String, String> model, String where) throws IOException {
        EngineSnapshot snap = e.snapshot();
        assertThat(snap.active().entries()).as("%s: active memtable", where).isZero();
        assertThat(snap.immutables()).as("%s: immutable memtables", where).isEmpty();
        TreeSet<Integer> levels = snap.sstables().stream().map(SSTableSummary::level)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(levels).as("%s: non-empty levels after compact()", where).hasSizeLessThanOrEqualTo(1);
        assertThat(levels).as("%s: nothing left in L0", where).doesNotContain(0);
        long entries = snap.sstables().stream().mapToLong(SSTableSummary::entries).sum();
        assertThat(entries).as("%s: entries in the bottom level = live keys (no tombstone, no old version)", where)
                .isEqualTo(model.size());
        checkLevels(snap, where);
        assertThat(sstFilesOnDisk(e.directory())).as("%s: SSTable files on disk", where)
                .isEqualTo(snap.sstables().stream().map(t -> Path.of(t.path()).getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    static TreeSet<String> sstFilesOnDisk(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sst"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static int deepestLevel(LsmEngine e) {
        return e.snapshot().sstables().stream().mapToInt(SSTableSummary::level).max().orElse(0);
    }

    @Test
    void aManualEngineCompactsOnlyWhenAskedAndCompactOnceRunsTheDueCompaction() throws Exception {
        Options manual = options().withFlushMode(Options.FlushMode.MANUAL);
        TreeMap<String, String> model = new TreeMap<>();
        Random r = new Random(3);
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 100; i++) {
                    String k = key(r.nextInt(300));
                    String v = value(r, t * 100L + i);
                    e.put(b(k), b(v));
                    model.put(k, v);
                }
                e.flushAll();
            }
            assertThat(e.awaitCompactions(1000)).as("nothing runs by itself in manual mode").isTrue();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::level).containsOnly(0)
                    .hasSizeGreaterThanOrEqualTo(4); // a full memtable also freezes in manual mode

            assertThat(e.compactOnce()).as("L0 has 4 tables or more, the trigger is 2").isTrue();
            assertThat(e.snapshot().sstables()).extracting(SSTableSummary::level).doesNotContain(0);
            checkAgainstModel(e, model, "after compactOnce");
            while (e.compactOnce()) {
                checkAgainstModel(e, model, "after another compactOnce");
            }
            assertThat(e.compactOnce()).as("nothing more is due").isFalse();
            checkAgainstModel(e, model, "nothing due");
        }
    }

    @Test
    void tombstonesStayWhileOlderDataLiesBelowAndGoAtTheBottom() throws Exception {
        Options manual = options().withFlushMode(Options.FlushMode.MANUAL);
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            for (int i = 0; i < 200; i++) {
                e.put(b(key(i)), b("old-" + i));
            }
            e.compact(); // everything in one level below L0
            for (int i = 0; i < 200; i += 2) {
                e.delete(b(key(i)));
            }
            e.flushAll();
            e.flushAll();
            e.put(b(key(1)), b("new-1"));
            e.flushAll(); // two L0 tables: the trigger
            assertThat(e.compactOnce()).isTrue();
            // L0 went into L1; if older data sat deeper, the tombstones must still be there
            TreeMap<String, String> model = new TreeMap<>();
            for (int i = 1; i < 200; i += 2) {
                model.put(key(i), i == 1 ? "new-1" : "old-" + i);
            }
            checkAgainstModel(e, model, "after L0 compacted over older data");
            e.compact();
            checkFullyCompacted(e, model, "after compact()");
        }
        TreeMap<String, String> model = new TreeMap<>();
        for (int i = 1; i < 200; i += 2) {
            model.put(key(i), i == 1 ? "new-1" : "old-" + i);
        }
        try (LsmEngine e = LsmEngine.open(dir, manual)) {
            checkAgainstModel(e, model, "reopened");
        }
    }

    /** Manual mode never stalls a writer on L0; turning auto flush on starts the compactor, which shrinks L0. */
    @Test
    void aManualEngineWithADeepL0NeitherStallsNorCompactsUntilAutoFlushIsTurnedOn() throws Exception {
        Options manual = options().withFlushMode(Options.FlushMode.MANUAL);
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, manual, rec)) {
            TreeMap<String, String> model = CompactionTestSupport.fillL0(e, "k", 14, 30);
            assertThat(CompactionTestSupport.l0Count(e)).as("past the stop limit of 10").isEqualTo(14);
            e.put(b("one more"), b("write"));
            model.put("one more", "write");
            assertThat(rec.of(EngineEvent.WriteStallBegan.class)).isEmpty();
            assertThat(rec.of(EngineEvent.CompactionPicked.class)).isEmpty();

            e.setAutoFlush(true);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> !rec.of(EngineEvent.CompactionInstalled.class).isEmpty());
            assertThat(e.awaitCompactions(30_000)).isTrue();
            assertThat(CompactionTestSupport.l0Count(e)).isLessThan(2);
            checkAgainstModelLoosely(e, model);
        }
    }

    private static void checkAgainstModelLoosely(LsmEngine e, TreeMap<String, String> model) {
        model.forEach((k, v) -> assertThat(s(e.get(b(k)))).as("get %s", k).isEqualTo(v));
        assertThat(e.scan(null, null)).hasSize(model.size());
        checkLevels(e.snapshot(), "after auto compaction");
    }

    /** The levels report counts what flushes and compactions really wrote, and what is live. */
    @Test
    void theLevelsReportAddsUpTheFlushedCompactedAndLiveBytes() throws Exception {
        Options manual = options().withFlushMode(Options.FlushMode.MANUAL);
        Recorder rec = new Recorder();
        TreeMap<String, String> model = new TreeMap<>();
        Random r = new Random(9);
        try (LsmEngine e = LsmEngine.open(dir, manual, rec)) {
            for (int t = 0; t < 6; t++) {
                for (int i = 0; i < 60; i++) {
                    String k = key(r.nextInt(200));
                    if (r.nextInt(5) == 0) {
                        e.delete(b(k));
                        model.remove(k);
                    } else {
                        String v = value(r, t * 100L + i);
                        e.put(b(k), b(v));
                        model.put(k, v);
                    }
                }
                e.flushAll();
                while (e.compactOnce()) {
                    // until nothing is due
                }
            }
            var report = e.levels(true);
            long flushed = rec.of(EngineEvent.SSTableWritten.class).stream().mapToLong(w -> w.sstable().fileSize()).sum();
            long read = rec.of(EngineEvent.CompactionFinished.class).stream()
                    .mapToLong(EngineEvent.CompactionFinished::bytesRead).sum();
            long written = rec.of(EngineEvent.CompactionFinished.class).stream()
                    .mapToLong(EngineEvent.CompactionFinished::bytesWritten).sum();
            long outputs = rec.of(EngineEvent.CompactionOutputWritten.class).stream()
                    .mapToLong(w -> w.sstable().fileSize()).sum();
            assertThat(report.flushBytesWritten()).as("flushed bytes").isEqualTo(flushed);
            assertThat(report.compactionBytesRead()).as("compaction input bytes").isEqualTo(read);
            assertThat(report.compactionBytesWritten()).as("compaction output bytes").isEqualTo(written)
                    .isEqualTo(outputs);
            EngineSnapshot snap = e.snapshot();
            for (var level : report.levels()) {
                List<SSTableSummary> tables = snap.sstables().stream().filter(t -> t.level() == level.level()).toList();
                assertThat(level.tables()).as("L%d tables", level.level()).isEqualTo(tables.size());
                assertThat(level.bytes()).as("L%d bytes", level.level())
                        .isEqualTo(tables.stream().mapToLong(SSTableSummary::fileSize).sum());
            }
            assertThat(report.diskBytes()).isEqualTo(snap.sstableBytes());
            long live = model.entrySet().stream().mapToLong(en -> en.getKey().length() + en.getValue().length()).sum();
            assertThat(report.liveDataBytes()).as("live key and value bytes").isEqualTo(live);
            assertThat(report.writeAmplification()).isGreaterThan(1.0);
            assertThat(report.readAmplification()).isEqualTo((int) (snap.sstables().stream()
                    .filter(t -> t.level() == 0).count() + snap.sstables().stream().filter(t -> t.level() > 0)
                    .map(SSTableSummary::level).distinct().count()));
        }
    }

    /** For other tests: every table of the levels, by level, as "id:min..max". */
    static List<List<String>> levelsOf(EngineSnapshot snap, int maxLevels) {
        List<List<String>> out = new ArrayList<>();
        for (int n = 0; n <= maxLevels; n++) {
            int level = n;
            out.add(snap.sstables().stream().filter(t -> t.level() == level)
                    .map(t -> t.id() + ":" + t.minKey() + ".." + t.maxKey() + "#" + t.entries()).toList());
        }
        return out;
    }
}
