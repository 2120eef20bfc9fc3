package lsmviz.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import lsmviz.engine.LsmEngine;

/**
 * A generator of puts and gets on real threads ({@code writer-1..}, {@code reader-1..}), for the
 * window and for headless measurement alike. Keys are {@code key} + 8 digits of the key number;
 * values are {@code valueSize} bytes.
 */
public final class Workload {

    /**
     * @param writers    writer threads
     * @param readers    reader threads
     * @param opsPerSec  total operations per second over all threads; 0 means as fast as possible
     * @param keySpace   key numbers are drawn from [0, keySpace)
     */
    public record Settings(int writers, int readers, long opsPerSec, KeyDistribution distribution, long keySpace,
            int valueSize) {
        public Settings {
            check("writers", writers, 0, 64);
            check("readers", readers, 0, 64);
            if (writers + readers == 0) {
                throw new IllegalArgumentException("a workload needs at least one writer or reader");
            }
            check("operations per second", opsPerSec, 0, 100_000_000);
            check("key space", keySpace, 1, 1_000_000_000);
            check("value size", valueSize, 0, 1 << 20);
            if (distribution == null) {
                throw new IllegalArgumentException("key distribution is missing: sequential, uniform or zipfian");
            }
        }

        private static void check(String name, long v, long min, long max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " = " + v + " is outside the allowed range " + min + ".." + max);
            }
        }

        public static Settings defaults() {
            return new Settings(2, 1, 0, KeyDistribution.UNIFORM, 100_000, 100);
        }
    }

    private final LsmEngine engine;
    private final Settings settings;
    private final LongAdder puts = new LongAdder();
    private final LongAdder gets = new LongAdder();
    private final LongAdder found = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public Workload(LsmEngine engine, Settings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        KeyDistribution.Picker picker = settings.distribution().picker(settings.keySpace());
        int n = settings.writers() + settings.readers();
        // each thread gets an equal share of the rate; 0 = unlimited
        long intervalNanos = settings.opsPerSec() == 0 ? 0 : 1_000_000_000L * n / settings.opsPerSec();
        byte[] value = new byte[settings.valueSize()];
        java.util.Arrays.fill(value, (byte) 'v');
        for (int i = 0; i < settings.writers(); i++) {
            threads.add(thread("writer-" + (i + 1), intervalNanos, () -> {
                engine.put(key(picker.next()), value);
                puts.increment();
            }));
        }
        for (int i = 0; i < settings.readers(); i++) {
            threads.add(thread("reader-" + (i + 1), intervalNanos, () -> {
                if (engine.get(key(picker.next())) != null) {
                    found.increment();
                }
                gets.increment();
            }));
        }
        threads.forEach(Thread::start);
    }

    private Thread thread(String name, long intervalNanos, Runnable op) {
        Thread t = new Thread(() -> {
            long next = System.nanoTime();
            try {
                while (running) {
                    op.run();
                    if (intervalNanos > 0) {
                        next += intervalNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else if (wait < -1_000_000_000L) {
                            next = System.nanoTime(); // fell behind by a second: do not burst to catch up
                        }
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    failure.compareAndSet(null, e);
                }
                running = false;
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops every thread and waits for them (a thread paused at the step gate is waited for too). */
    public void stop() throws InterruptedException {
        List<Thread> mine;
        synchronized (this) {
            running = false;
            mine = new ArrayList<>(threads);
            threads.clear();
        }
        for (Thread t : mine) {
            t.join();
        }
    }

    /** Stops asking threads to go on, without waiting for them. */
    public void requestStop() {
        running = false;
    }

    public boolean isRunning() {
        return running;
    }

    public long puts() {
        return puts.sum();
    }

    public long gets() {
        return gets.sum();
    }

    public long found() {
        return found.sum();
    }

    /** The first failure of a workload thread (the engine closed, a full disk, ...), or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** {@code key} and the number in 8 zero-padded digits (more digits when it is larger). */
    public static byte[] key(long n) {
        int digits = Math.max(8, Long.toString(n).length());
        byte[] k = new byte[3 + digits];
        k[0] = 'k';
        k[1] = 'e';
        k[2] = 'y';
        for (int i = k.length - 1; i >= 3; i--) {
            k[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return k;
    }
}
