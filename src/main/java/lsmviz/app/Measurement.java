package lsmviz.app;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.session.EngineSession;

/**
 * {@code --measure=S}: how the window holds up under the workload. Counts pulses on the FX thread
 * and the workload's operations for S seconds, prints one line per second and a summary to
 * standard output, and quits. With {@code --warmup=W} the S measured seconds start after W
 * seconds (the JIT compiler is busy with the window's code for the first half minute on two
 * cores). Run {@code lsmviz workload} with the same settings for W+S seconds for the headless
 * figure: its per-second lines cover the same seconds.
 */
final class Measurement {
    private final EngineSession session;
    private final EventBridge bridge;
    private final int seconds;
    private final int warmupSeconds;

    Measurement(EngineSession session, EventBridge bridge, int seconds, int warmupSeconds) {
        this.session = session;
        this.bridge = bridge;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
    }

    void start() {
        long begin = System.nanoTime();
        new AnimationTimer() {
            long t0 = begin + warmupSeconds * 1_000_000_000L;
            boolean measuring = warmupSeconds == 0;
            long ops0;
            long pulses;
            double worst = Double.MAX_VALUE;
            long secondStart = begin;
            long secondPulses;
            long secondOps;
            int second;

            @Override
            public void handle(long now) {
                long ops = session.port().workload().operations();
                if (!measuring && now >= t0) {
                    measuring = true;
                    t0 = now;
                    ops0 = ops;
                }
                if (measuring) {
                    pulses++;
                }
                secondPulses++;
                if (now - secondStart >= 1_000_000_000L) {
                    double rate = secondPulses * 1e9 / (now - secondStart);
                    second++;
                    System.out.printf(Locale.ROOT, "second %d: %d ops/s, %.1f pulses/s%s%n", second,
                            Math.round((ops - secondOps) * 1e9 / (now - secondStart)), rate, measuring ? "" : " (warm-up)");
                    // the first 3 s are start-up (the window shows, the engine opens)
                    if (measuring && now - begin > 3_000_000_000L) {
                        worst = Math.min(worst, rate);
                    }
                    secondStart = now;
                    secondPulses = 0;
                    secondOps = ops;
                }
                if (measuring && now - t0 >= seconds * 1_000_000_000L) {
                    stop();
                    double secs = (now - t0) / 1e9;
                    System.out.printf(Locale.ROOT,
                            "window: %.0f ops/s (%d ops in %.1f s%s), %.1f pulses/s on average, %.1f in the slowest second,"
                                    + " %d SSTables on screen, %d events dropped%n",
                            (ops - ops0) / secs, ops - ops0, secs,
                            warmupSeconds == 0 ? "" : " after a " + warmupSeconds + " s warm-up", pulses / secs,
                            worst == Double.MAX_VALUE ? 0 : worst, bridge.state().sstables().size(), bridge.dropped());
                    System.out.flush();
                    Platform.exit();
                }
            }
        }.start();
    }
}
