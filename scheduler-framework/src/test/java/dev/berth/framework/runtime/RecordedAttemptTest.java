package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.Status;
import dev.berth.framework.simulate.AttemptExplanation;
import dev.berth.framework.simulate.Outcome;
import dev.berth.framework.simulate.PodResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live scheduler's recorded attempts, explained in {@code berth simulate}'s format. */
class RecordedAttemptTest {

    private SchedulerHarness h;
    private final List<RecordedAttempt> recorded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        h = new SchedulerHarness();
        h.scheduler.setAttemptRecorder(recorded::add);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aScheduledPodCarriesEveryEvaluatedNodeItsScoresAndTheChosenNode() {
        h.addNode("a");
        h.addNode("b");
        h.addNode("c");
        TestPlugins.REJECT.put("a", Status.unschedulable("Insufficient cpu"));
        TestPlugins.SCORES.put("b", 30L);
        TestPlugins.SCORES.put("c", 70L);
        h.addPod("web");

        h.runUntilIdle();

        assertThat(recorded).hasSize(1);
        PodResult result = AttemptExplanation.of(recorded.get(0));
        assertThat(result.pod()).isEqualTo("default/web");
        assertThat(result.status()).isEqualTo(Outcome.SCHEDULED);
        assertThat(result.node()).isEqualTo("c").isEqualTo(h.nodeOf("web"));
        assertThat(result.filter()).isEqualTo(Map.of(
                "a", Map.of("NodeFilter", "Insufficient cpu"),
                "b", Map.of("NodeFilter", PodResult.PASSED),
                "c", Map.of("NodeFilter", PodResult.PASSED)));
        assertThat(result.score().get("b")).containsEntry("NodeScore", 30L);
        assertThat(result.score().get("c")).containsEntry("NodeScore", 70L);
        assertThat(result.finalScore().get("c")).isGreaterThan(result.finalScore().get("b"));
        assertThat(result.message()).isEmpty();
    }

    @Test
    void anUnschedulablePodCarriesEachNodesReasonAndTheFitErrorMessage() {
        h.addNode("a");
        h.addNode("b");
        TestPlugins.REJECT.put("a", Status.unschedulable("Insufficient cpu"));
        TestPlugins.REJECT.put("b", Status.unresolvable("node(s) had untolerated taint {dedicated: db}"));
        h.addPod("web");

        h.runUntilIdle();

        PodResult result = AttemptExplanation.of(recorded.get(0));
        assertThat(result.status()).isEqualTo(Outcome.UNSCHEDULABLE);
        assertThat(result.node()).isNull();
        assertThat(result.filter()).isEqualTo(Map.of(
                "a", Map.of("NodeFilter", "Insufficient cpu"),
                "b", Map.of("NodeFilter", "node(s) had untolerated taint {dedicated: db}")));
        assertThat(result.score()).isEmpty();
        assertThat(result.message())
                .isEqualTo("0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: db}.");
    }

    @Test
    void withoutARecorderNothingIsRecorded() {
        h.scheduler.setAttemptRecorder(null);
        h.addNode("a");
        h.addPod("web");

        h.runUntilIdle();

        assertThat(h.nodeOf("web")).isEqualTo("a");
        assertThat(recorded).isEmpty();
    }
}
