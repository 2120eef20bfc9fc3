package lsmviz.app.bridge;

/** Pulses and events per second, measured on the FX thread over the last whole second. */
public final class PulseMeter {
    private long windowStart;
    private int pulses;
    private long events;
    private volatile double pulsesPerSecond;
    private volatile double eventsPerSecond;

    void pulse(long now) {
        if (windowStart == 0) {
            windowStart = now;
        }
        pulses++;
        long span = now - windowStart;
        if (span >= 1_000_000_000L) {
            pulsesPerSecond = pulses * 1e9 / span;
            eventsPerSecond = events * 1e9 / span;
            pulses = 0;
            events = 0;
            windowStart = now;
        }
    }

    void events(int n) {
        events += n;
    }

    public double pulsesPerSecond() {
        return pulsesPerSecond;
    }

    public double eventsPerSecond() {
        return eventsPerSecond;
    }
}
