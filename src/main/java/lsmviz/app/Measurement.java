package lsmviz.app;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import lsmviz.app.bridge.EventBridge;
import lsmviz.app.session.EngineSession;
import lsmviz.workload.Workload;

/**
 * {@code --measure=S}: how the window holds up under the workload. Counts pulses on the FX thread
 * and the workload's operations for S seconds, prints one line to standard output, and quits. Run
 * {@code lsmviz workload} with the same settings for the headless figure to compare against.
 */
final class Measurement {
    private final MainController controller;
    private final EngineSession session;
    private final EventBridge bridge;
    private final int seconds;

    Measurement(MainController controller, EngineSession session, EventBridge bridge, int seconds) {
        this.controller = controller;
        this.session = session;
        this.bridge = bridge;
        this.seconds = seconds;
    }

    void start() {
        long t0 = System.nanoTime();
        long[] pulses = {0};
        double[] worst = {Double.MAX_VALUE};
        long[] secondStart = {t0};
        long[] secondPulses = {0};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses[0]++;
                secondPulses[0]++;
                if (now - secondStart[0] >= 1_000_000_000L) {
                    double rate = secondPulses[0] * 1e9 / (now - secondStart[0]);
                    if (now - t0 > 3_000_000_000L) { // after start-up
                        worst[0] = Math.min(worst[0], rate);
                    }
                    secondStart[0] = now;
                    secondPulses[0] = 0;
                }
                if (now - t0 >= seconds * 1_000_000_000L) {
                    stop();
                    Workload w = session.workload();
                    double secs = (now - t0) / 1e9;
                    long ops = w == null ? 0 : w.puts() + w.gets();
                    System.out.printf(Locale.ROOT,
                            "window: %.0f ops/s (%d ops in %.1f s), %.1f pulses/s on average, %.1f in the slowest second,"
                                    + " %d SSTables on screen, %d events dropped%n",
                            ops / secs, ops, secs, pulses[0] / secs, worst[0] == Double.MAX_VALUE ? 0 : worst[0],
                            bridge.state().sstables().size(), bridge.dropped());
                    System.out.flush();
                    Platform.exit();
                }
            }
        }.start();
    }
}
