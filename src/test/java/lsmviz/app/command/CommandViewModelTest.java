package lsmviz.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import lsmviz.app.model.VisualState.LockVis;
import lsmviz.app.session.SessionPort;
import lsmviz.app.session.StepControl;
import lsmviz.engine.event.EventListener;
import lsmviz.workload.Workload;
import org.junit.jupiter.api.Test;

/** The command bar checks what is typed, then sends it and says the answer. */
class CommandViewModelTest {
    /** A session that records commands and answers them at once. */
    static final class FakePort implements SessionPort {
        final List<String> sent = new ArrayList<>();
        RuntimeException failWith;

        private CompletableFuture<String> answer(String command) {
            sent.add(command);
            return failWith != null ? CompletableFuture.failedFuture(failWith)
                    : CompletableFuture.completedFuture("done: " + command);
        }

        public CompletableFuture<String> put(String key, String value) {
            return answer("put " + key + "=" + value);
        }

        public CompletableFuture<String> get(String key) {
            return answer("get " + key);
        }

        public CompletableFuture<String> delete(String key) {
            return answer("delete " + key);
        }

        public CompletableFuture<String> scan(String from) {
            return answer("scan " + from);
        }

        public CompletableFuture<String> freeze() {
            return answer("freeze");
        }

        public CompletableFuture<String> flush() {
            return answer("flush");
        }

        public CompletableFuture<String> setAutoFlush(boolean on) {
            return answer("auto-flush " + on);
        }

        public CompletableFuture<String> crash(lsmviz.engine.types.CrashKind kind) {
            return answer("crash " + kind);
        }

        public CompletableFuture<String> recover() {
            return answer("recover");
        }

        public CompletableFuture<String> startWorkload(Workload.Settings settings) {
            return answer("workload");
        }

        public CompletableFuture<String> stopWorkload() {
            return answer("stop workload");
        }

        public WorkloadStatus workload() {
            return WorkloadStatus.NONE;
        }

        public CompletableFuture<List<MemtableEntry>> memtableEntries(long memtableId, int limit) {
            return CompletableFuture.completedFuture(List.of());
        }

        public CompletableFuture<TableDetails> sstable(long sstableId) {
            return CompletableFuture.failedFuture(new IllegalStateException("none"));
        }

        public CompletableFuture<Void> verifySSTable(long sstableId) {
            return CompletableFuture.completedFuture(null);
        }

        public StepControl steps() {
            return null;
        }

        public void setEventDetail(EventListener.Detail detail) {
        }

        public List<LockVis> liveLocks() {
            return List.of();
        }
    }

    private final FakePort port = new FakePort();
    private final List<String> said = new ArrayList<>();
    private final List<Throwable> failed = new ArrayList<>();
    private final CommandViewModel m = new CommandViewModel(port, new Answers() {
        public void say(String sentence) {
            said.add(sentence);
        }

        public void fail(Throwable cause) {
            failed.add(cause);
        }
    }, Runnable::run);

    @Test
    void aPutSendsTheKeyAndValueAndSaysTheAnswer() {
        m.keyProperty().set("apple");
        m.valueProperty().set("red");
        m.put();
        assertThat(port.sent).containsExactly("put apple=red");
        assertThat(said).containsExactly("done: put apple=red");
    }

    @Test
    void noKeyOrAKeyTooLongIsToldAndNothingIsSent() {
        m.keyProperty().set("");
        m.get();
        m.keyProperty().set("é".repeat(9_000)); // 18,000 bytes of UTF-8
        m.delete();
        assertThat(port.sent).isEmpty();
        assertThat(failed).extracting(Throwable::getMessage).containsExactly(
                "Type a key first: a key is 1 to 16384 bytes", "The key is 18000 bytes: a key is 1 to 16384 bytes");
    }

    @Test
    void aScanWithoutAKeyStartsAtTheFirstAndAFailureIsHandedOver() {
        m.scan();
        assertThat(port.sent).containsExactly("scan null");
        port.failWith = new IllegalStateException("no engine is open");
        m.freeze();
        assertThat(failed).extracting(Throwable::getMessage).containsExactly("no engine is open");
    }
}
