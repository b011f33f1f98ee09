package dev.berth.framework.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.Status;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.runtime.TestPlugins;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine with small fake plugins whose verdicts each test sets. */
class SimulatorTest {

    private static final String PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: sim
              plugins:
                multiPoint:
                  enabled:
                  - name: PrioritySort
                  - name: NodeFilter
                  - name: Exploding
                  - name: NodeScore
                    weight: 2
                  - name: Recorder
                  - name: Gate
                  - name: Binder
            """;

    private Simulator simulator;

    @BeforeEach
    void setUp() {
        TestPlugins.reset();
        var registry = TestPlugins.registry();
        simulator = new Simulator(new SchedulerConfigLoader(registry.names(), List.of()).parse(PROFILE), registry);
    }

    @AfterEach
    void tearDown() {
        TestPlugins.reset();
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSchedulerName("sim").addNewContainer().withName("c").withImage("i").endContainer().endSpec()
                .build();
    }

    private PodResult simulateOne(HasMetadata... objects) {
        List<PodResult> results = simulator.run(List.of(objects)).results();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void recordsFilterVerdictsUpToTheFirstRejectionAndScoresOfFeasibleNodes() {
        TestPlugins.REJECT.put("node-a", Status.unschedulable("too small"));
        TestPlugins.SCORES.put("node-b", 40L);
        TestPlugins.SCORES.put("node-c", 70L);

        PodResult r = simulateOne(node("node-a"), node("node-b"), node("node-c"), pod("web"));

        assertThat(r.pod()).isEqualTo("default/web");
        assertThat(r.status()).isEqualTo(Outcome.SCHEDULED);
        assertThat(r.node()).isEqualTo("node-c");
        assertThat(r.filter()).containsExactly(
                Map.entry("node-a", Map.of("NodeFilter", "too small")),
                Map.entry("node-b", Map.of("NodeFilter", "passed", "Exploding", "passed")),
                Map.entry("node-c", Map.of("NodeFilter", "passed", "Exploding", "passed")));
        assertThat(r.filter().get("node-b").keySet()).containsExactly("NodeFilter", "Exploding");
        assertThat(r.score()).containsExactly(
                Map.entry("node-b", Map.of("NodeScore", 40L)),
                Map.entry("node-c", Map.of("NodeScore", 70L)));
        assertThat(r.finalScore()).containsExactly(Map.entry("node-b", 80L), Map.entry("node-c", 140L));
        assertThat(r.message()).isEmpty();
    }

    @Test
    void equalBestScoresGoToTheNodeNameThatSortsFirst() {
        PodResult r = simulateOne(node("node-c"), node("node-a"), node("node-b"), pod("web"));

        assertThat(r.node()).isEqualTo("node-a");
    }

    @Test
    void noFeasibleNodeGivesTheFitErrorMessage() {
        TestPlugins.REJECT.put("node-a", Status.unschedulable("too small"));
        TestPlugins.REJECT.put("node-b", Status.unresolvable("wrong zone"));

        PodResult r = simulateOne(node("node-a"), node("node-b"), pod("web"));

        assertThat(r.status()).isEqualTo(Outcome.UNSCHEDULABLE);
        assertThat(r.node()).isNull();
        assertThat(r.message()).isEqualTo("0/2 nodes are available: 1 too small, 1 wrong zone.");
        assertThat(r.score()).isEmpty();
    }

    @Test
    void permitWaitIsReportedAsAnErrorAndUnreserved() {
        TestPlugins.permit = p -> PermitResult.waitFor(Duration.ofSeconds(5));

        PodResult r = simulateOne(node("node-a"), pod("web"));

        assertThat(r.status()).isEqualTo(Outcome.ERROR);
        assertThat(r.node()).isNull();
        assertThat(r.message()).isEqualTo("Permit wait is not supported in simulate");
        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@node-a", "unreserve:web@node-a");
    }

    @Test
    void filterErrorEndsTheAttempt() {
        TestPlugins.EXPLODE_ON.add("node-a");

        PodResult r = simulateOne(node("node-a"), node("node-b"), pod("web"));

        assertThat(r.status()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).contains("boom on node-a");
        assertThat(r.filter().get("node-a").get("Exploding")).contains("boom on node-a");
    }

    @Test
    void placedPodsRunForTheNextAndBoundPodsAreNotScheduled() {
        Pod running = new PodBuilder(pod("running")).editSpec().withNodeName("node-a").endSpec().build();

        List<PodResult> results = simulator.run(List.of(node("node-a"), running, pod("one"), pod("two"))).results();

        assertThat(results).extracting(PodResult::pod).containsExactly("default/one", "default/two");
        assertThat(results).extracting(PodResult::status).containsOnly(Outcome.SCHEDULED);
    }

    @Test
    void podForAnotherSchedulerIsAnError() {
        Pod other = new PodBuilder(pod("web")).editSpec().withSchedulerName("other").endSpec().build();

        PodResult r = simulateOne(node("node-a"), other);

        assertThat(r.status()).isEqualTo(Outcome.ERROR);
        assertThat(r.message()).isEqualTo("spec.schedulerName \"other\" matches no profile; the profiles are [sim]");
    }

    @Test
    void unknownPriorityClassNamesThePodAsGiven() {
        Pod gold = new PodBuilder(pod("web")).editSpec().withPriorityClassName("gold").endSpec().build();

        assertThatThrownBy(() -> simulator.run(List.of(node("node-a"), gold)))
                .isInstanceOfSatisfying(ScenarioException.class, e -> {
                    assertThat(e.object()).isSameAs(gold);
                    assertThat(e.field()).isEqualTo("spec.priorityClassName");
                });
    }

    @Test
    void podWithoutContainersIsRejected() {
        Pod empty = new PodBuilder(pod("web")).editSpec().withContainers(List.of()).endSpec().build();

        assertThatThrownBy(() -> simulator.run(List.of(node("node-a"), empty)))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.field()).isEqualTo("spec.containers"));
    }
}
