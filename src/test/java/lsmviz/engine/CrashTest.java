package lsmviz.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.types.Bytes;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls the plug for real: a child JVM runs {@code load --sync sync}, the test kills it
 * ({@code destroyForcibly}, SIGKILL) at a random moment, reopens the directory and checks that no
 * acknowledged write was lost. A few cycles here; {@code -Dlsmviz.crash.cycles=100} for the long run.
 */
class CrashTest {
    @TempDir
    Path dir;

    record Cycle(long acked, long total) {}

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void killedLoadsLoseNoAcknowledgedWrite() throws Exception {
        int cycles = Integer.getInteger("lsmviz.crash.cycles", 4);
        Random random = new Random(Long.getLong("lsmviz.crash.seed", 7));
        long verified = 0;
        List<Cycle> log = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            long start = verified;
            long acked = runAndKill(start, 150 + random.nextInt(900), random.nextBoolean() ? 1 : 3);
            assertThat(acked).as("cycle %d acknowledged something before the kill", c).isGreaterThanOrEqualTo(0);
            long expectUpTo = start + acked;
            try (LsmEngine e = LsmEngine.open(dir, Options.defaults().withFlushMode(Options.FlushMode.MANUAL))) {
                // one ordered scan over every acknowledged key (a get per key costs a probe of every table)
                var it = e.scanInto(key(0), key(expectUpTo));
                for (long n = 0; n < expectUpTo; n++) {
                    byte[] key = key(n);
                    assertThat(it.hasNext()).as("cycle %d: acknowledged key %s is missing", c, Bytes.display(key)).isTrue();
                    var kv = it.next();
                    assertThat(Bytes.display(kv.key())).as("cycle %d: acknowledged key", c).isEqualTo(Bytes.display(key));
                    assertThat(kv.value()).as("cycle %d: value of %s", c, Bytes.display(key)).isEqualTo(value(n));
                }
                e.closeWithoutFlush(); // leave the logs for the next cycle to append to, as a crash would
            }
            verified = expectUpTo;
            log.add(new Cycle(acked, verified));
        }
        System.out.printf("crash test: %d cycles, %d acknowledged writes verified, 0 lost; per cycle: %s%n", cycles,
                verified, log);
        assertThat(verified).as("the load got going in at least one cycle").isPositive();
    }

    /** Starts a child load from key {@code start}, kills it after about {@code millis}, returns its last ack. */
    private long runAndKill(long start, int millis, int threads) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), "lsmviz.cli.Main", "load",
                "--dir", dir.toString(), "--count", "100000000", "--start", Long.toString(start),
                "--threads", Integer.toString(threads), "--sync", SyncMode.SYNC.name().toLowerCase(),
                "--memtable-size", "64k");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long[] last = {0};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("acked ")) {
                        synchronized (last) {
                            last[0] = Long.parseLong(line.substring(6).trim());
                        }
                    }
                }
            } catch (IOException ignored) {
                // the pipe closes when the child dies
            }
        });
        reader.start();
        // wait until the child acknowledges its first writes (JVM start-up), then a random while more
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && p.isAlive()) {
            synchronized (last) {
                if (last[0] > 0) {
                    break;
                }
            }
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        p.destroyForcibly();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        synchronized (last) {
            return last[0];
        }
    }

    private static byte[] key(long n) {
        return String.format("k%016d", n).getBytes(StandardCharsets.US_ASCII);
    }

    /** The documented load value: "v<n>." repeated to 100 bytes. */
    private static byte[] value(long n) {
        byte[] unit = ("v" + n + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] v = new byte[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = unit[i % unit.length];
        }
        return v;
    }
}
