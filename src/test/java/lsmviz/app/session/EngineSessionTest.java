package lsmviz.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lsmviz.engine.LsmEngine;
import lsmviz.engine.Options;
import lsmviz.engine.step.ProbePoint;
import lsmviz.engine.step.StepMode;
import lsmviz.engine.types.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The session behind the window, without a window: its directories, its workers, its gate. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineSessionTest {
    @TempDir
    Path temp;

    private static Options small() {
        return EngineSession.classroomDefaults().withSyncMode(SyncMode.NONE);
    }

    @Test
    void aTemporaryDirectoryIsDeletedWhenTheSessionMovesOnOrCloses() throws Exception {
        EngineSession s = new EngineSession(null);
        Path first = s.openTemporary(small()).get(20, TimeUnit.SECONDS);
        s.port().put("k", "v").get(20, TimeUnit.SECONDS);
        Path second = s.openTemporary(small()).get(20, TimeUnit.SECONDS);
        assertThat(first).as("the first temporary directory, left behind").doesNotExist();
        Path mine = temp.resolve("mine");
        s.open(mine, small()).get(20, TimeUnit.SECONDS);
        assertThat(second).doesNotExist();
        s.close();
        assertThat(mine).as("a directory the user opened is theirs: it stays").isDirectory();
    }

    @Test
    void closingDeletesTheTemporaryDirectoryAndReleasingToo() throws Exception {
        EngineSession s = new EngineSession(null);
        Path dir = s.openTemporary(small()).get(20, TimeUnit.SECONDS);
        s.release();
        assertThat(dir).doesNotExist();
        Path again = s.openTemporary(small()).get(20, TimeUnit.SECONDS);
        s.close();
        assertThat(again).doesNotExist();
    }

    @Test
    void commandsPausedAtTheStepGateDoNotHoldUpTheNextOne() throws Exception {
        EngineSession s = new EngineSession(null);
        try {
            s.openTemporary(small()).get(20, TimeUnit.SECONDS);
            s.steps().setBreakpoints(EnumSet.of(ProbePoint.PUT_WRITE_MEMTABLE));
            s.steps().setMode(StepMode.STEP);
            CompletableFuture<String> a = s.port().put("a", "1");
            CompletableFuture<String> b = s.port().put("b", "2");
            CompletableFuture<String> c = s.port().put("c", "3");
            LsmEngine e = s.engine();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (e.stepGate().paused().size() < 3) {
                assertThat(System.nanoTime()).as("three puts paused").isLessThan(deadline);
                Thread.sleep(5);
            }
            // three workers hold a paused put each; a fourth command still runs
            assertThat(s.port().scan(null).get(20, TimeUnit.SECONDS)).startsWith("scan: ");
            s.steps().setMode(StepMode.RUN);
            assertThat(CompletableFuture.allOf(a, b, c)).succeedsWithin(20, TimeUnit.SECONDS);
        } finally {
            s.close();
        }
    }

    @Test
    void aLessonsSecondEngineIsAdoptedAndAWorkloadOnTheFirstStops() throws Exception {
        EngineSession s = new EngineSession(null);
        try {
            s.openTemporary(small()).get(20, TimeUnit.SECONDS);
            s.release();
            LsmEngine first = LsmEngine.open(temp.resolve("first"), small());
            s.adopt(first);
            s.port().startWorkload(new lsmviz.workload.Workload.Settings(1, 1, 200,
                    lsmviz.workload.KeyDistribution.UNIFORM, 1000, 10)).get(20, TimeUnit.SECONDS);
            assertThat(s.workloadStatus().running()).isTrue();

            first.close(); // the lesson closes its first engine, then hands over the fresh one
            LsmEngine second = LsmEngine.open(temp.resolve("second"), small());
            s.adopt(second);
            assertThat(s.engine()).isSameAs(second);
            assertThat(s.directory()).isEqualTo(temp.resolve("second"));
            assertThat(s.workloadStatus()).as("the workload of the closed engine is gone")
                    .isEqualTo(SessionPort.WorkloadStatus.NONE);
            assertThat(s.port().put("k", "v").get(20, TimeUnit.SECONDS)).contains("k");
            assertThat(new String(second.get("k".getBytes()))).isEqualTo("v");
            s.close();
            assertThat(Files.exists(temp.resolve("second"))).as("the lesson's directory is the lesson's to delete")
                    .isTrue();
            second.close();
        } finally {
            s.close();
        }
    }

    @Test
    void aNewEngineOfTheSessionTakesTheWindowsChoicesAnAdoptedOneKeepsItsOwn() throws Exception {
        EngineSession s = new EngineSession(null);
        try {
            s.steps().setSlowDelayMillis(750);
            s.steps().setBreakpoints(EnumSet.of(ProbePoint.GET_PROBE_MEMTABLE));
            s.openTemporary(small()).get(20, TimeUnit.SECONDS);
            assertThat(s.engine().stepGate().slowDelayMillis()).isEqualTo(750);
            assertThat(s.engine().stepGate().breakpoints()).containsExactly(ProbePoint.GET_PROBE_MEMTABLE);
            assertThat(s.steps().mode()).isEqualTo(StepMode.RUN);

            s.release();
            LsmEngine lessons = LsmEngine.open(temp.resolve("lesson"), small());
            lessons.stepGate().setBreakpoints(EnumSet.of(ProbePoint.FLUSH_ITERATE));
            lessons.stepGate().setMode(StepMode.STEP);
            s.adopt(lessons);
            assertThat(s.steps().mode()).as("the lesson's own mode").isEqualTo(StepMode.STEP);
            assertThat(lessons.stepGate().breakpoints()).containsExactly(ProbePoint.FLUSH_ITERATE);
            s.close();
            assertThat(Files.exists(temp.resolve("lesson"))).as("a lesson deletes its own directory, not the session")
                    .isTrue();
        } finally {
            s.close();
        }
    }
}
