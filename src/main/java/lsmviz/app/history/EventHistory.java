package lsmviz.app.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import lsmviz.app.model.Projector;
import lsmviz.app.model.VisualState;
import lsmviz.engine.event.EngineEvent;

/**
 * Every event the window saw, in the order it saw them, and the picture after any prefix of them.
 * Plain Java, no JavaFX; used from one thread (the FX thread), so nothing here locks.
 *
 * <p><b>Positions.</b> A position {@code n} in {@code 0..size()} means "after the first {@code n}
 * events": {@link #stateAt(int) stateAt(0)} is the picture before anything happened and
 * {@code stateAt(size())} the latest. Event {@code i} (0-based) is the one that takes the picture
 * from position {@code i} to {@code i + 1}; markers carry that event index.
 *
 * <p><b>Checkpoints.</b> {@link #append} only stores the event (and notes a marker when it is one),
 * so recording costs next to nothing while the engine runs at full speed. Every {@code interval}
 * events the history keeps a checkpoint, a {@link Projector#copy() copy} of the fold at that
 * position, built lazily the first time a position past it is asked for. {@link #stateAt} restores
 * the nearest checkpoint at or before {@code n} and re-applies at most {@code interval} events;
 * scrubbing forward continues from the previous answer instead.
 *
 * <p><b>Memory.</b> At most {@code capacity} events are kept. When an append would go past that,
 * the oldest half (rounded down to whole checkpoints) is dropped: the checkpoint there becomes the
 * new start, positions and markers shift down by that many, and {@link #droppedBefore()} says how
 * many events were dropped since the last {@link #clear()}. Step numbers count the steps still
 * kept.
 */
public final class EventHistory {
    /** Default distance between checkpoints, in events. */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 2_000;
    /** Default number of events kept before the oldest half is dropped. */
    public static final int DEFAULT_CAPACITY = 500_000;

    /** Kinds of marker on the timeline. */
    public enum Kind {
        /** The active memtable was frozen ({@link EngineEvent.MemtableFrozen}). */
        FREEZE,
        /** A flush began or ended ({@link EngineEvent.FlushStarted}, {@link EngineEvent.FlushFinished}). */
        FLUSH,
        /** Writers began to stall ({@link EngineEvent.WriteStallBegan}). */
        STALL,
        /** A thread stopped at the step gate ({@link EngineEvent.StepReached} with {@code paused}). */
        STEP,
        /** A background failure ({@link EngineEvent.EngineError}) or a crash ({@link EngineEvent.EngineCrashed}). */
        ERROR
    }

    /**
     * A notable event on the timeline.
     *
     * @param index the event's index (0-based); the picture just after it is at {@link #position()}
     * @param kind  what sort of event it is
     * @param label one line for a tooltip or a list
     */
    public record Marker(int index, Kind kind, String label) {
        /** The position that shows the picture just after this event. */
        public int position() {
            return index + 1;
        }
    }

    private final int interval;
    private final int capacity;

    private EngineEvent[] events = new EngineEvent[1024];
    private int size;
    private long dropped;

    private final List<Marker> markers = new ArrayList<>();
    private int[] steps = new int[64]; // event indexes of steps, ascending
    private int stepCount;

    /** checkpoints.get(c) is the fold at position c * interval. Never empty: checkpoint 0 is the start. */
    private final List<Projector> checkpoints = new ArrayList<>();
    /** The fold that builds further checkpoints; it stands at position checkpoints.size() - 1 times interval, or beyond. */
    private Projector builder;
    private int builderPos;
    /** The fold behind the latest stateAt answer, kept so that scrubbing forward re-applies only the difference. */
    private Projector cursor;
    private int cursorPos = -1;

    /** A history with the default checkpoint interval and capacity. */
    public EventHistory() {
        this(DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_CAPACITY);
    }

    /**
     * @param checkpointInterval events between checkpoints (at least 1)
     * @param capacity           events kept before the oldest half is dropped (at least twice the interval)
     */
    public EventHistory(int checkpointInterval, int capacity) {
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpoint interval " + checkpointInterval + " is below 1");
        }
        if (capacity < 2L * checkpointInterval) {
            throw new IllegalArgumentException("capacity " + capacity + " is below twice the checkpoint interval "
                    + checkpointInterval);
        }
        this.interval = checkpointInterval;
        this.capacity = capacity;
        restart(new Projector());
    }

    private void restart(Projector start) {
        checkpoints.clear();
        checkpoints.add(start);
        builder = null;
        builderPos = 0;
        cursor = null;
        cursorPos = -1;
    }

    /** Records one event (FX thread). Cheap: stores it and, for a marker, notes it. */
    public void append(EngineEvent e) {
        if (size == capacity) {
            dropOldestHalf();
        }
        if (size == events.length) {
            events = Arrays.copyOf(events, (int) Math.min(capacity, 2L * events.length));
        }
        int index = size;
        events[size++] = e;
        if (e instanceof EngineEvent.MemtableFrozen f) {
            markers.add(new Marker(index, Kind.FREEZE, "freeze: memtable #" + f.memtableId() + " becomes immutable ("
                    + f.entries() + " entries; queue " + f.queueLength() + ")"));
        } else if (e instanceof EngineEvent.FlushStarted f) {
            markers.add(new Marker(index, Kind.FLUSH, "flush started: memtable #" + f.memtableId() + " into table #"
                    + f.sstableId()));
        } else if (e instanceof EngineEvent.FlushFinished f) {
            markers.add(new Marker(index, Kind.FLUSH, "flush finished: table #" + f.sstableId()
                    + " on disk, memtable #" + f.memtableId() + " gone"));
        } else if (e instanceof EngineEvent.WriteStallBegan s) {
            markers.add(new Marker(index, Kind.STALL, "write stall: " + s.thread() + " waits (queue " + s.queueLength()
                    + " of " + s.maxQueueLength() + ")"));
        } else if (e instanceof EngineEvent.EngineError err) {
            markers.add(new Marker(index, Kind.ERROR, "error: " + err.message()));
        } else if (e instanceof EngineEvent.EngineCrashed c) {
            markers.add(new Marker(index, Kind.ERROR, "crash: " + (c.report().isEmpty() ? c.kind() : c.report().get(0))));
        } else if (e instanceof EngineEvent.FlushFailed f) {
            markers.add(new Marker(index, Kind.ERROR, "error: " + f.message()));
        } else if (e instanceof EngineEvent.StepReached s && s.paused()) {
            markers.add(new Marker(index, Kind.STEP, "step: " + s.thread() + " paused at " + s.point()));
            if (stepCount == steps.length) {
                steps = Arrays.copyOf(steps, 2 * steps.length);
            }
            steps[stepCount++] = index;
        }
    }

    /** Records events in order. */
    public void appendAll(Iterable<? extends EngineEvent> es) {
        for (EngineEvent e : es) {
            append(e);
        }
    }

    /** How many events are kept. */
    public int size() {
        return size;
    }

    /** How many events were dropped from the front to stay within the capacity (since the last {@link #clear()}). */
    public long droppedBefore() {
        return dropped;
    }

    /** Event {@code index} (0-based) of those kept. */
    public EngineEvent event(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " of " + size);
        }
        return events[index];
    }

    /**
     * The kept events, oldest first: a read-only copy (one array copy), so another thread may write
     * it to a trace while recording goes on.
     */
    public List<EngineEvent> events() {
        return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(events, size)));
    }

    /** The markers of the kept events, in event order (read-only). */
    public List<Marker> markers() {
        return Collections.unmodifiableList(markers);
    }

    /** How many steps (threads stopping at the step gate) the kept events hold. */
    public int stepCount() {
        return stepCount;
    }

    /**
     * The event index of step {@code stepNumber} (1-based: step 1 is the first kept step); the
     * picture with the thread stopped there is at position {@code indexOfStep(n) + 1}.
     *
     * @throws IndexOutOfBoundsException unless {@code 1 <= stepNumber <= stepCount()}
     */
    public int indexOfStep(int stepNumber) {
        if (stepNumber < 1 || stepNumber > stepCount) {
            throw new IndexOutOfBoundsException("step " + stepNumber + " of " + stepCount);
        }
        return steps[stepNumber - 1];
    }

    /**
     * The number of the latest step shown at {@code position}: how many steps lie among the first
     * {@code position} events (0 when none).
     */
    public int stepsBefore(int position) {
        int lo = 0;
        int hi = stepCount; // first step index >= position
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The picture after the first {@code n} events: the nearest checkpoint at or before {@code n}
     * (or the previous answer, when that is nearer) with the events from there re-applied.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= n <= size()}
     */
    public VisualState stateAt(int n) {
        return foldAt(n).snapshot();
    }

    private Projector foldAt(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("position " + n + " of " + size);
        }
        int c = n / interval;
        ensureCheckpoint(c);
        int base = c * interval;
        if (cursor == null || cursorPos > n || cursorPos < base) {
            cursor = checkpoints.get(c).copy();
            cursorPos = base;
        }
        while (cursorPos < n) {
            cursor.apply(events[cursorPos++]);
        }
        return cursor;
    }

    /** Builds checkpoints up to number {@code c} (position {@code c * interval <= size}). */
    private void ensureCheckpoint(int c) {
        while (checkpoints.size() <= c) {
            int target = checkpoints.size() * interval;
            if (builder == null) {
                builder = checkpoints.get(checkpoints.size() - 1).copy();
                builderPos = (checkpoints.size() - 1) * interval;
            }
            while (builderPos < target) {
                builder.apply(events[builderPos++]);
            }
            checkpoints.add(builder.copy());
        }
    }

    private void dropOldestHalf() {
        int drop = size / 2 / interval * interval; // whole checkpoints: at least one, as capacity >= 2 * interval
        ensureCheckpoint(drop / interval);
        List<Projector> kept = new ArrayList<>(checkpoints.subList(drop / interval, checkpoints.size()));
        Projector b = builder;
        int bPos = builderPos - drop;
        System.arraycopy(events, drop, events, 0, size - drop);
        Arrays.fill(events, size - drop, size, null);
        size -= drop;
        dropped += drop;

        restart(kept.get(0));
        checkpoints.addAll(kept.subList(1, kept.size()));
        if (b != null && bPos >= (checkpoints.size() - 1) * interval) {
            builder = b;
            builderPos = bPos;
        }

        List<Marker> keptMarkers = new ArrayList<>(markers.size());
        for (Marker m : markers) {
            if (m.index() >= drop) {
                keptMarkers.add(new Marker(m.index() - drop, m.kind(), m.label()));
            }
        }
        markers.clear();
        markers.addAll(keptMarkers);
        int firstKept = stepsBefore(drop);
        int j = 0;
        for (int i = firstKept; i < stepCount; i++) {
            steps[j++] = steps[i] - drop;
        }
        stepCount = j;
    }

    /** Forgets everything (a new engine, a new trace). */
    public void clear() {
        events = new EngineEvent[1024];
        size = 0;
        dropped = 0;
        markers.clear();
        steps = new int[64];
        stepCount = 0;
        restart(new Projector());
    }
}
