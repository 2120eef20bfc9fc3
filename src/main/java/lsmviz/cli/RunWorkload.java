package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.workload.KeyDistribution;
import lsmviz.workload.Workload;

/**
 * {@code workload}: the window's workload generator without the window, for the throughput the
 * window is measured against. Prints one line a second and a summary.
 */
final class RunWorkload {
    private final Path dir;
    private final Options options;
    private final Workload.Settings settings;
    private final int seconds;
    private final boolean countingListener;
    private final PrintStream out;

    RunWorkload(Args a, PrintStream out) {
        this.out = out;
        this.dir = a.requireDir();
        this.seconds = (int) a.number("seconds", 10, 1, 3600);
        Workload.Settings d = Workload.Settings.defaults();
        String dist = a.string("distribution", d.distribution().name()).toUpperCase(Locale.ROOT);
        KeyDistribution distribution;
        try {
            distribution = KeyDistribution.valueOf(dist);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--distribution expects sequential, uniform or zipfian, found '"
                    + dist.toLowerCase(Locale.ROOT) + "'");
        }
        try {
            this.settings = new Workload.Settings((int) a.number("writers", d.writers(), 0, 64),
                    (int) a.number("readers", d.readers(), 0, 64), a.number("rate", d.opsPerSec(), 0, 100_000_000),
                    distribution, a.number("keys", d.keySpace(), 1, 1_000_000_000),
                    (int) a.number("value-size", d.valueSize(), 0, 1 << 20));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        String listener = a.string("listener", "none");
        if (!listener.equals("none") && !listener.equals("count")) {
            throw new Main.UsageException("--listener expects none or count, found '" + listener + "'");
        }
        this.countingListener = listener.equals("count");
        this.options = a.engineOptions();
    }

    int run() throws IOException, InterruptedException {
        java.util.concurrent.atomic.LongAdder events = new java.util.concurrent.atomic.LongAdder();
        try (LsmEngine engine = LsmEngine.open(dir, options)) {
            if (countingListener) {
                engine.addListener(e -> events.increment());
            }
            Workload w = new Workload(engine, settings);
            out.printf(Locale.ROOT, "workload: %d writers, %d readers, %s keys over %d, %d-byte values, rate %s%n",
                    settings.writers(), settings.readers(), settings.distribution().name().toLowerCase(Locale.ROOT),
                    settings.keySpace(), settings.valueSize(),
                    settings.opsPerSec() == 0 ? "unlimited" : settings.opsPerSec() + " ops/s");
            long t0 = System.nanoTime();
            w.start();
            long lastOps = 0;
            long minuteOps = 0;
            for (int s = 1; s <= seconds && w.isRunning(); s++) {
                Thread.sleep(Math.max(0, t0 + s * 1_000_000_000L - System.nanoTime()) / 1_000_000L);
                long ops = w.puts() + w.gets();
                out.printf(Locale.ROOT, "second %d: %d ops/s%n", s, ops - lastOps);
                if (s % 60 == 0) {
                    // a minute's mean, and what the levels look like: does compaction keep up?
                    out.printf(Locale.ROOT, "minute %d: %d ops/s, %d sstables in %d sorted runs%n", s / 60,
                            (ops - minuteOps) / 60, engine.snapshot().sstables().size(),
                            engine.levels(false).readAmplification());
                    minuteOps = ops;
                }
                out.flush();
                lastOps = ops;
            }
            w.stop();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (w.failure() != null) {
                throw new IOException("workload failed: " + w.failure().getMessage(), w.failure());
            }
            out.printf(Locale.ROOT, "total: %.0f ops/s (%.0f puts/s, %.0f gets/s, %d of %d gets found) over %.1f s%s%n",
                    (w.puts() + w.gets()) / secs, w.puts() / secs, w.gets() / secs, w.found(), w.gets(), secs,
                    countingListener ? ", " + events.sum() + " events" : "");
            engine.levels(false).lines().forEach(out::println);
        }
        return Main.EXIT_OK;
    }
}
