package lsmviz.engine.lock;

import static lsmviz.engine.EngineTestSupport.joinOrFail;
import static lsmviz.engine.EngineTestSupport.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.EngineTestSupport.Recorder;
import lsmviz.engine.event.EngineEvent;
import lsmviz.engine.event.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TracedLockTest {
    private static final String STATE = "state lock";
    private static final String FREEZE = "freeze lock";

    private final EventBus bus = new EventBus();
    private final Recorder events = new Recorder();
    private final LockTable table = new LockTable();
    private final TracedMutex freezeLock = new TracedMutex(FREEZE, bus, table);
    private final TracedReadWriteLock stateLock = new TracedReadWriteLock(STATE, bus, table);
    private final List<Actor> actors = new ArrayList<>();

    TracedLockTest() {
        bus.addListener(events);
    }

    /** A real thread that takes a lock, reports it, holds it until told, then lets go. */
    private final class Actor extends Thread {
        private final Runnable lock;
        private final Runnable unlock;
        final CountDownLatch acquired = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Throwable failure;

        Actor(String name, Runnable lock, Runnable unlock) {
            super(name);
            this.lock = lock;
            this.unlock = unlock;
            setDaemon(true);
            actors.add(this);
        }

        @Override
        public void run() {
            try {
                lock.run();
                acquired.countDown();
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError(getName() + " was never told to release");
                }
                unlock.run();
            } catch (Throwable t) {
                failure = t;
            }
        }

        Actor startAndAwaitHold() throws InterruptedException {
            start();
            assertThat(acquired.await(10, TimeUnit.SECONDS)).as(getName() + " acquires").isTrue();
            return this;
        }

        /** Starts the thread and waits until it is parked in the lock's queue. */
        Actor startAndAwaitQueued(String lockName, LockMode mode) {
            start();
            within(10).until(() -> table.view(lockName).isAwaitedBy(getName(), mode) && getState() == State.WAITING);
            return this;
        }

        void finish() throws InterruptedException {
            release.countDown();
            joinOrFail(this);
            assertThat(failure).as(getName() + " failed").isNull();
        }
    }

    private Actor stateReader(String name) {
        return new Actor(name, stateLock::lockRead, stateLock::unlockRead);
    }

    private Actor stateWriter(String name) {
        return new Actor(name, stateLock::lockWrite, stateLock::unlockWrite);
    }

    private Actor freezer(String name) {
        return new Actor(name, freezeLock::lock, freezeLock::unlock);
    }

    @AfterEach
    void releaseEveryone() throws InterruptedException {
        for (Actor a : actors) {
            a.release.countDown();
        }
        for (Actor a : actors) {
            a.join(5_000);
        }
    }

    @Test
    void writeHolderAndQueuedReaderAndWriterShowInQueueOrder() throws InterruptedException {
        Actor a = stateWriter("A").startAndAwaitHold();
        Actor b = stateReader("B").startAndAwaitQueued(STATE, LockMode.READ);
        Actor c = stateWriter("C").startAndAwaitQueued(STATE, LockMode.WRITE);

        LockView v = table.view(STATE);
        assertThat(v.lock()).isEqualTo(STATE);
        assertThat(v.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                .containsExactly(tuple("A", LockMode.WRITE));
        assertThat(v.waiters()).extracting(LockView.Waiter::thread, LockView.Waiter::mode)
                .containsExactly(tuple("B", LockMode.READ), tuple("C", LockMode.WRITE));
        assertThat(v.waiters().get(0).ticket()).isLessThan(v.waiters().get(1).ticket());
        assertThat(v.isHeldBy("A", LockMode.WRITE)).isTrue();
        assertThat(v.isHeldBy("A", LockMode.READ)).isFalse();

        a.finish();
        assertThat(b.acquired.await(10, TimeUnit.SECONDS)).isTrue();
        // B reads now; C still waits for the write side
        LockView afterA = table.view(STATE);
        assertThat(afterA.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                .containsExactly(tuple("B", LockMode.READ));
        assertThat(afterA.waiters()).extracting(LockView.Waiter::thread).containsExactly("C");
        assertThat(c.acquired.getCount()).isEqualTo(1);

        b.finish();
        assertThat(c.acquired.await(10, TimeUnit.SECONDS)).isTrue();
        LockView afterB = table.view(STATE);
        assertThat(afterB.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                .containsExactly(tuple("C", LockMode.WRITE));
        assertThat(afterB.waiters()).isEmpty();

        c.finish();
        assertThat(table.view(STATE).holders()).isEmpty();
    }

    @Test
    void readersShareTheStateLock() throws InterruptedException {
        Actor r1 = stateReader("R1").startAndAwaitHold();
        Actor r2 = stateReader("R2").startAndAwaitHold();
        LockView v = table.view(STATE);
        assertThat(v.holders()).extracting(LockView.Holder::thread).containsExactlyInAnyOrder("R1", "R2");
        assertThat(v.holders()).extracting(LockView.Holder::mode).containsOnly(LockMode.READ);
        assertThat(v.waiters()).isEmpty();
        r1.finish();
        r2.finish();
    }

    @Test
    void readerArrivingWhileAWriterWaitsQueuesBehindTheWriter() throws InterruptedException {
        // The lock is documented as fair so that a waiting writer (a freeze or a flush swap) is not
        // starved by a stream of readers, and the queue the UI shows is the real one.
        Actor first = stateReader("first-reader").startAndAwaitHold();
        Actor writer = stateWriter("writer").startAndAwaitQueued(STATE, LockMode.WRITE);
        Actor late = stateReader("late-reader");
        late.start();

        within(10).until(() -> late.getState() == Thread.State.WAITING || late.acquired.getCount() == 0);
        assertThat(late.acquired.getCount()).as("the late reader must not overtake the queued writer").isEqualTo(1);
        assertThat(table.view(STATE).waiters()).extracting(LockView.Waiter::thread, LockView.Waiter::mode)
                .containsExactly(tuple("writer", LockMode.WRITE), tuple("late-reader", LockMode.READ));

        first.finish();
        assertThat(writer.acquired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(late.acquired.getCount()).isEqualTo(1);
        writer.finish();
        assertThat(late.acquired.await(10, TimeUnit.SECONDS)).isTrue();
        late.finish();
    }

    @Test
    void mutexShowsHolderAndWaitersInQueueOrderAndHandsOverFifo() throws InterruptedException {
        Actor a = freezer("A").startAndAwaitHold();
        Actor b = freezer("B").startAndAwaitQueued(FREEZE, LockMode.EXCLUSIVE);
        Actor c = freezer("C").startAndAwaitQueued(FREEZE, LockMode.EXCLUSIVE);

        LockView v = table.view(FREEZE);
        assertThat(v.holders()).extracting(LockView.Holder::thread, LockView.Holder::mode)
                .containsExactly(tuple("A", LockMode.EXCLUSIVE));
        assertThat(v.waiters()).extracting(LockView.Waiter::thread).containsExactly("B", "C");
        assertThat(v.isAwaitedBy("B", LockMode.EXCLUSIVE)).isTrue();

        a.finish();
        assertThat(b.acquired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(c.acquired.getCount()).isEqualTo(1);
        assertThat(table.view(FREEZE).waiters()).extracting(LockView.Waiter::thread).containsExactly("C");
        b.finish();
        c.acquired.await(10, TimeUnit.SECONDS);
        c.finish();
        assertThat(table.view(FREEZE).holders()).isEmpty();
    }

    @Test
    void threadThatReleasesAndAsksAgainGoesBehindTheQueuedWaiter() throws InterruptedException {
        // Fair hand-over: releasing and re-requesting at once must not barge past a parked waiter.
        CountDownLatch go = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread a = new Thread(() -> {
            freezeLock.lock();
            order.add("A");
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            freezeLock.unlock();
            freezeLock.lock();
            order.add("A again");
            freezeLock.unlock();
        }, "A");
        a.setDaemon(true);
        a.start();
        within(10).until(() -> table.view(FREEZE).isHeldBy("A", LockMode.EXCLUSIVE));
        Thread b = new Thread(() -> {
            freezeLock.lock();
            order.add("B");
            freezeLock.unlock();
        }, "B");
        b.setDaemon(true);
        b.start();
        within(10).until(() -> table.view(FREEZE).isAwaitedBy("B", LockMode.EXCLUSIVE)
                && b.getState() == Thread.State.WAITING);
        go.countDown();
        joinOrFail(a);
        joinOrFail(b);
        assertThat(order).containsExactly("A", "B", "A again");
    }

    @Test
    void writerThatReleasesAndAsksAgainGoesBehindTheQueuedReader() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread a = new Thread(() -> {
            stateLock.lockWrite();
            order.add("A");
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stateLock.unlockWrite();
            stateLock.lockWrite();
            order.add("A again");
            stateLock.unlockWrite();
        }, "A");
        a.setDaemon(true);
        a.start();
        within(10).until(() -> table.view(STATE).isHeldBy("A", LockMode.WRITE));
        Thread b = new Thread(() -> {
            stateLock.lockRead();
            order.add("B");
            stateLock.unlockRead();
        }, "B");
        b.setDaemon(true);
        b.start();
        within(10).until(() -> table.view(STATE).isAwaitedBy("B", LockMode.READ)
                && b.getState() == Thread.State.WAITING);
        go.countDown();
        joinOrFail(a);
        joinOrFail(b);
        assertThat(order).containsExactly("A", "B", "A again");
    }

    @Test
    void requestAcquireReleaseEventsNameLockModeAndThread() throws InterruptedException {
        Actor a = stateWriter("A").startAndAwaitHold();
        Actor b = stateReader("B").startAndAwaitQueued(STATE, LockMode.READ);
        a.finish();
        b.acquired.await(10, TimeUnit.SECONDS);
        b.finish();

        List<EngineEvent> lockEvents = events.all().stream()
                .filter(e -> e instanceof EngineEvent.LockRequested || e instanceof EngineEvent.LockAcquired
                        || e instanceof EngineEvent.LockReleased)
                .toList();
        assertThat(lockEvents).extracting(e -> e.getClass().getSimpleName() + " " + e.thread())
                .as("a lock taken at once has no request event; a thread that must wait asks first")
                .containsExactly("LockAcquired A", "LockRequested B", "LockReleased A",
                        "LockAcquired B", "LockReleased B");
        assertThat(events.of(EngineEvent.LockRequested.class))
                .extracting(EngineEvent.LockRequested::lock, EngineEvent.LockRequested::mode)
                .containsExactly(tuple(STATE, "read"));
        List<EngineEvent.LockAcquired> acquired = events.of(EngineEvent.LockAcquired.class);
        assertThat(acquired).extracting(EngineEvent.LockAcquired::lock, EngineEvent.LockAcquired::mode)
                .containsExactly(tuple(STATE, "write"), tuple(STATE, "read"));
        assertThat(acquired.get(0).waitedNanos()).as("A did not wait").isZero();
        assertThat(acquired.get(1).waitedNanos()).as("B queued behind A").isPositive();
        assertThat(events.of(EngineEvent.LockReleased.class))
                .extracting(EngineEvent.LockReleased::lock, EngineEvent.LockReleased::mode)
                .containsExactly(tuple(STATE, "write"), tuple(STATE, "read"));
        assertThat(events.of(EngineEvent.LockReleased.class)).allSatisfy(e -> assertThat(e.heldNanos()).isPositive());
        assertThat(lockEvents).extracting(EngineEvent::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void mutexEventsUseExclusiveMode() {
        freezeLock.lock();
        freezeLock.unlock();
        assertThat(events.of(EngineEvent.LockAcquired.class))
                .extracting(EngineEvent.LockAcquired::lock, EngineEvent.LockAcquired::mode,
                        EngineEvent.LockAcquired::thread)
                .containsExactly(tuple(FREEZE, "exclusive", Thread.currentThread().getName()));
    }

    @Test
    void reentrantHoldsAreCountedAndShownOnce() {
        freezeLock.lock();
        freezeLock.lock();
        assertThat(table.view(FREEZE).holders()).hasSize(1);
        freezeLock.unlock();
        assertThat(freezeLock.isHeldByCurrentThread()).isTrue();
        assertThat(table.view(FREEZE).isHeldBy(Thread.currentThread().getName(), LockMode.EXCLUSIVE)).isTrue();
        freezeLock.unlock();
        assertThat(freezeLock.isHeldByCurrentThread()).isFalse();
        assertThat(table.view(FREEZE).holders()).isEmpty();

        stateLock.lockRead();
        stateLock.lockRead();
        assertThat(table.view(STATE).holders()).hasSize(1);
        stateLock.unlockRead();
        assertThat(stateLock.isReadLockedByCurrentThread()).isTrue();
        stateLock.unlockRead();
        assertThat(stateLock.isReadLockedByCurrentThread()).isFalse();
        assertThat(table.view(STATE).holders()).isEmpty();
    }

    @Test
    void releasingALockNotHeldThrowsNamingThreadAndLock() {
        assertThatThrownBy(freezeLock::unlock).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining(Thread.currentThread().getName()).hasMessageContaining(FREEZE);
        assertThatThrownBy(stateLock::unlockWrite).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining(STATE).hasMessageContaining("write");
        assertThatThrownBy(stateLock::unlockRead).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("read");
        // and the failed releases left the locks usable
        stateLock.lockWrite();
        assertThat(stateLock.isWriteLockedByCurrentThread()).isTrue();
        stateLock.unlockWrite();
    }

    @Test
    void tableListsLocksInCreationOrderAndRejectsUnknownNames() {
        assertThat(table.snapshot()).extracting(LockView::lock).containsExactly(FREEZE, STATE);
        assertThatThrownBy(() -> table.view("no such lock")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such lock");
    }
}
