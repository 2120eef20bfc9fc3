package lsmviz.engine;

import static lsmviz.engine.CompactionTestSupport.sstFiles;
import static lsmviz.engine.CompactionTestSupport.tableFiles;
import static lsmviz.engine.EngineTestSupport.b;
import static lsmviz.engine.EngineTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.CompactionCrashChild.Op;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls the plug on a child JVM ({@link CompactionCrashChild}) that writes, overwrites and deletes
 * with small memtables while its flusher and compactor run, at random moments, several times over
 * the same directory. After each kill the directory reopens with every acknowledged write in place
 * (its last acknowledged value, or gone when its last acknowledged write was a delete), no deleted
 * key back, sorted disjoint levels, and no SSTable file that the levels do not name. A few cycles
 * here; {@code -Dlsmviz.compactioncrash.cycles=50} for the long run.
 */
class CompactionCrashTest {
    @TempDir
    Path dir;

    /**
     * Where the children write their acknowledgements. Not their stdout: {@code destroyForcibly}
     * closes this end of the pipe, and lines not yet read are lost (the test then thinks fewer
     * writes were acknowledged than were, and finds "unacknowledged" ones on disk).
     */
    @TempDir
    Path ackDir;

    /** What one child run did: its last acknowledged operation, and its compactions. */
    record Run(long lastAcked, int picked, int finished, boolean killedMidCompaction, List<String> output) {}

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void killedWritersWithCompactionsRunningLoseNoAcknowledgedWrite() throws Exception {
        int cycles = Integer.getInteger("lsmviz.compactioncrash.cycles", 6);
        Random random = new Random(Long.getLong("lsmviz.compactioncrash.seed", 14));
        TreeMap<String, String> model = new TreeMap<>();
        long next = 0; // the first operation not yet known to be applied
        int finished = 0;
        int midCompaction = 0;
        List<String> log = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            Run run = runAndKill(next, 300 + random.nextInt(1500));
            for (long n = next; n <= run.lastAcked(); n++) {
                apply(model, CompactionCrashChild.op(n));
            }
            next = run.lastAcked() + 1; // it may or may not have landed: the next child does it again
            verify(model, CompactionCrashChild.op(next), "cycle " + c + " (" + run.lastAcked() + " acked)");
            finished += run.finished();
            midCompaction += run.killedMidCompaction() ? 1 : 0;
            log.add(run.lastAcked() + " acked, " + run.finished() + " compactions"
                    + (run.killedMidCompaction() ? ", killed mid-compaction" : ""));
        }
        System.out.printf("compaction crash test: %d cycles, %d operations, %d compactions, %d kills mid-compaction;"
                + " per cycle: %s%n", cycles, next, finished, midCompaction, log);
        assertThat(next).as("the children got going").isPositive();
        assertThat(finished).as("the children compacted").isPositive();
    }

    private static void apply(TreeMap<String, String> model, Op o) {
        if (o.isDelete()) {
            model.remove(o.key());
        } else {
            model.put(o.key(), o.value());
        }
    }

    /** Reopens as the next user would, checks every key and the files, and closes the way a crash would. */
    private void verify(TreeMap<String, String> model, Op inFlight, String where) throws IOException {
        TreeMap<String, String> ifLanded = new TreeMap<>(model);
        apply(ifLanded, inFlight);
        Recorder rec = new Recorder();
        try (LsmEngine e = LsmEngine.open(dir, CompactionCrashChild.options(Options.FlushMode.MANUAL), rec)) {
            assertThat(sstFiles(dir)).as("%s: SSTable files after open = the tables of the levels", where)
                    .isEqualTo(tableFiles(e.snapshot()));
            CompactionEngineTest.checkLevels(e.snapshot(), where);
            for (int n = 0; n < CompactionCrashChild.KEYS; n++) {
                String k = String.format("k%04d", n);
                String got = s(e.get(b(k)));
                if (k.equals(inFlight.key())) {
                    assertThat(got).as("%s: %s, last written by the operation in flight", where, k)
                            .isIn(model.get(k), ifLanded.get(k));
                } else {
                    assertThat(got).as("%s: get %s", where, k).isEqualTo(model.get(k));
                }
            }
            Map<String, String> scanned = new TreeMap<>();
            e.scan(null, null).forEach(kv -> scanned.put(s(kv.key()), s(kv.value())));
            assertThat(scanned).as("%s: full scan", where).isIn(model, ifLanded);
            System.out.printf("%s: reopened, %d tables, removed at open: %s%n", where, e.snapshot().sstables().size(),
                    rec.of(EngineEvent.FileRemoved.class).stream().map(f -> Path.of(f.file()).getFileName() + " ("
                            + f.reason() + ")").toList());
            e.closeWithoutFlush(); // leave the logs for the next child, as a crash would
        }
    }

    /** The last operation the child acknowledged: the last whole line of its acknowledgement file. */
    private static long lastAcked(Path acks, long none) throws IOException {
        if (!Files.exists(acks)) {
            return none;
        }
        String text = Files.readString(acks, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return none;
        }
        int from = text.lastIndexOf('\n', end - 1) + 1;
        return Long.parseLong(text.substring(from, end));
    }

    /** Starts a child at operation {@code start}, kills it about {@code millis} after its first ack. */
    private Run runAndKill(long start, int millis) throws Exception {
        Path acks = ackDir.resolve("acks-from-" + start);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
                CompactionCrashChild.class.getName(), dir.toString(), Long.toString(start), acks.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Set<Long> open = new HashSet<>(); // compactions picked and not finished
        int[] counts = new int[2];
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (open) {
                        if (line.startsWith("picked ")) {
                            open.add(Long.parseLong(line.substring(7).trim()));
                            counts[0]++;
                        } else if (line.startsWith("finished ")) {
                            open.remove(Long.parseLong(line.substring(9).trim()));
                            counts[1]++;
                        } else if (output.size() < 200) {
                            output.add(line);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the pipe closes when the child dies
            }
        });
        reader.start();
        // wait until the child acknowledges its first write (JVM start-up), then a random while more
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && p.isAlive() && lastAcked(acks, start - 1) < start) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        boolean aliveAtKill = p.isAlive();
        p.destroyForcibly();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        synchronized (open) {
            assertThat(aliveAtKill).as("the child was still running when killed; it printed: %s", output).isTrue();
            assertThat(output).as("the child printed nothing but its compactions")
                    .allMatch(l -> l.equals("opened") || l.startsWith("SLF4J"));
            return new Run(lastAcked(acks, start - 1), counts[0], counts[1], !open.isEmpty(), List.copyOf(output));
        }
    }
}
