package lsmviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;

/**
 * {@code load}: writes keys S..S+N-1 ({@link LoadKeys}) and prints {@code acked n} lines as it
 * goes: {@code acked n} means keys S..S+n-1 have all been acknowledged by the engine. With T
 * threads, thread t writes S+t, S+t+T, S+t+2T, ... and the printed number is the length of the
 * acknowledged prefix. A line is printed (and flushed) at least every 1,000 writes and at the end.
 */
final class Load {
    private final Path dir;
    private final Options options;
    private final long count;
    private final long start;
    private final int valueSize;
    private final int threads;
    private final PrintStream out;
    /** Per thread: how many of its keys were acknowledged. */
    private final AtomicLongArray acked;
    private long lastPrinted = -1;

    Load(Args a, PrintStream out) {
        this.dir = a.requireDir();
        this.count = a.number("count", -1, 0, Long.MAX_VALUE / 4);
        if (count < 0) {
            throw new Main.UsageException("--count N is required");
        }
        this.start = a.number("start", 0, 0, Long.MAX_VALUE / 4);
        this.valueSize = (int) a.number("value-size", 100, 0, Options.MAX_VALUE_BYTES);
        this.threads = (int) a.number("threads", 1, 1, 256);
        this.options = a.engineOptions();
        this.out = out;
        this.acked = new AtomicLongArray(threads);
    }

    int run() throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (LsmEngine engine = LsmEngine.open(dir, options)) {
            Thread[] workers = new Thread[threads];
            int reportEvery = Math.max(1, 1000 / threads);
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers[t] = new Thread(() -> {
                    try {
                        long mine = 0;
                        for (long i = me; i < count && failure.get() == null; i += threads) {
                            engine.put(LoadKeys.key(start + i), LoadKeys.value(start + i, valueSize));
                            acked.set(me, ++mine);
                            if (mine % reportEvery == 0) {
                                report();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "writer-" + t);
                workers[t].start();
            }
            try {
                Threads.joinAll(workers);
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            report();
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(f.getMessage(), f);
        }
        return Main.EXIT_OK;
    }

    /** Prints the acknowledged prefix if it moved. */
    private synchronized void report() {
        long prefix = count;
        for (int t = 0; t < threads; t++) {
            // thread t's first unacknowledged key is t + acked[t] * threads
            prefix = Math.min(prefix, t + acked.get(t) * threads);
        }
        if (prefix != lastPrinted) {
            lastPrinted = prefix;
            out.println("acked " + prefix);
            out.flush();
        }
    }
}
