package lsmviz.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lsmviz.engine.event.EventBus;
import lsmviz.engine.lock.LockTable;
import lsmviz.engine.memtable.Memtable;
import org.junit.jupiter.api.Test;

/** The state's owner checks the locks its methods require (REQUIRES:), so a story that forgets one fails. */
class CurrentStateTest {
    private final EngineState first = new EngineState(new Memtable(1), java.util.List.of(), Version.empty(3));
    private final CurrentState current = new CurrentState(first, new EventBus(), new LockTable());

    @Test
    void replacingTheStateRequiresTheFreezeLockAndTheStateWriteLock() {
        EngineState next = first.withFrozenActive(new Memtable(2));
        assertThatThrownBy(() -> current.replace(next)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("freeze lock and the state write lock");
        current.stateLock().lockWrite();
        try {
            assertThatThrownBy(() -> current.replace(next)).isInstanceOf(IllegalStateException.class);
        } finally {
            current.stateLock().unlockWrite();
        }
        current.freezeLock().lock();
        try {
            assertThatThrownBy(() -> current.replace(next)).isInstanceOf(IllegalStateException.class);
            current.stateLock().lockWrite();
            try {
                current.replace(next);
            } finally {
                current.stateLock().unlockWrite();
            }
        } finally {
            current.freezeLock().unlock();
        }
        assertThat(current.peek()).isSameAs(next);
        assertThat(current.read()).isSameAs(next);
    }

    @Test
    void readingTheStateRequiresOneOfTheLocks() {
        assertThatThrownBy(current::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requires the freeze lock or the state lock");
        current.stateLock().lockRead();
        try {
            assertThat(current.get()).isSameAs(first);
        } finally {
            current.stateLock().unlockRead();
        }
        current.freezeLock().lock();
        try {
            assertThat(current.get()).isSameAs(first);
        } finally {
            current.freezeLock().unlock();
        }
    }
}
