package lsmviz.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventListener;

/** The listeners the bench attaches ({@link ListenerMode}). JDK and engine only, as the bench. */
final class BenchListeners {
    private BenchListeners() {}

    /** Counts every event it is given. */
    static EventListener counting(LongAdder events, EventListener.Detail detail) {
        return new EventListener() {
            @Override
            public void onEvent(EngineEvent e) {
                events.increment();
            }

            @Override
            public Detail detail() {
                return detail;
            }
        };
    }

    /**
     * What the window's listener ({@code lsmviz.app.bridge.EventBridge}) does on an engine thread,
     * line for line: beyond a backlog of two million, operation-level events are dropped and
     * counted; every other event is offered to a {@link ConcurrentLinkedQueue} and counted. A
     * drainer thread empties the queue every 16 ms, as the window's FX thread does once per
     * pulse (without folding the events into a picture: that is the FX thread's cost, not the
     * engine's). The bench cannot use EventBridge itself: it needs JavaFX, and the bench runs
     * on the JDK and the engine alone.
     */
    static final class Queueing implements EventListener, AutoCloseable {
        static final int BACKLOG_LIMIT = 2_000_000;
        private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final LongAdder events;
        private final Detail detail;
        private final Thread drainer;
        private volatile boolean closed;

        Queueing(LongAdder events, Detail detail) {
            this.events = events;
            this.detail = detail;
            drainer = new Thread(this::drainEvery16Millis, "bench-pulse");
            drainer.setDaemon(true);
            drainer.start();
        }

        @Override
        public Detail detail() {
            return detail;
        }

        @Override
        public void onEvent(EngineEvent e) {
            if (queued.get() > BACKLOG_LIMIT && droppable(e)) {
                dropped.incrementAndGet();
                return;
            }
            queue.offer(e);
            queued.incrementAndGet();
        }

        private static boolean droppable(EngineEvent e) {
            return e instanceof EngineEvent.OperationStarted || e instanceof EngineEvent.OperationFinished
                    || e instanceof EngineEvent.MemtableWritten || e instanceof EngineEvent.GetPath
                    || e instanceof EngineEvent.WalSynced || e instanceof EngineEvent.FlushRecordWritten;
        }

        private void drainEvery16Millis() {
            while (!closed) {
                drain();
                try {
                    Thread.sleep(16);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void drain() {
            long n = 0;
            while (queue.poll() != null) {
                n++;
            }
            queued.addAndGet(-n);
            events.add(n);
        }

        /** Stops the drainer and counts what is left (dropped events count as heard). */
        @Override
        public void close() {
            closed = true;
            drainer.interrupt();
            try {
                drainer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drain();
            events.add(dropped.getAndSet(0));
        }
    }
}
