package lsmviz.app;

import static org.assertj.core.api.Assertions.assertThat;

import lsmviz.app.session.SessionPort.WorkloadStatus;
import lsmviz.engine.event.EventListener.Detail;
import lsmviz.engine.step.StepMode;
import org.junit.jupiter.api.Test;

/** What the window asks the engine to tell, and how often it redraws, decided in one place. */
class EventDetailPolicyTest {
    private final EventDetailPolicy policy = new EventDetailPolicy();

    @Test
    void aFastWorkloadRunningLiveGetsStructureEventsAndTheFullSpeedRates() {
        assertThat(policy.decide(workload(true, 0), StepMode.RUN)).isEqualTo(Detail.STRUCTURE);
        assertThat(policy.fullSpeed()).isTrue();
    }

    @Test
    void aClassroomDemoAt400OpsGetsStructureEventsButEveryRedraw() {
        assertThat(policy.decide(workload(true, 400), StepMode.RUN)).isEqualTo(Detail.STRUCTURE);
        assertThat(policy.fullSpeed()).isFalse();
    }

    @Test
    void steppingSlowMotionOrNoWorkloadGetsEveryEvent() {
        assertThat(policy.decide(workload(true, 0), StepMode.STEP)).isEqualTo(Detail.ALL);
        assertThat(policy.fullSpeed()).isFalse();
        assertThat(policy.decide(workload(true, 0), StepMode.SLOW)).isEqualTo(Detail.ALL);
        assertThat(policy.decide(workload(false, 0), StepMode.RUN)).isEqualTo(Detail.ALL);
        assertThat(policy.detail()).isEqualTo(Detail.ALL);
    }

    private static WorkloadStatus workload(boolean running, long opsPerSecond) {
        return new WorkloadStatus(running, 0, opsPerSecond, null);
    }
}
