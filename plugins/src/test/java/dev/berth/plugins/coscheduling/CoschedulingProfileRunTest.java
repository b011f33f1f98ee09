package dev.berth.plugins.coscheduling;

import static dev.berth.testkit.SimulationAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.simulate.ScenarioFormatException;
import dev.berth.framework.simulate.SimulationResult;
import dev.berth.plugins.DefaultPlugins;
import dev.berth.testkit.PluginRun;
import org.junit.jupiter.api.Test;

/**
 * Coscheduling in a whole profile next to the default plugins, over a scenario in {@code berth simulate}'s format
 * that holds PodGroups: the test kit's profile run with a custom kind.
 */
class CoschedulingProfileRunTest {

    private static final String SCENARIO = """
            kind: Node
            metadata: {name: node-a}
            status: {allocatable: {cpu: "8", memory: 16Gi, pods: "110"}}
            ---
            apiVersion: scheduling.x-k8s.io/v1alpha1
            kind: PodGroup
            metadata: {name: trainer}
            spec: {minMember: 3}
            ---
            apiVersion: scheduling.x-k8s.io/v1alpha1
            kind: PodGroup
            metadata: {name: solo}
            spec: {minMember: 1}
            ---
            kind: Pod
            metadata: {name: trainer-0, labels: {scheduling.x-k8s.io/pod-group: trainer}}
            spec: {containers: [{name: c, image: busybox, resources: {requests: {cpu: "1"}}}]}
            ---
            kind: Pod
            metadata: {name: solo-0, labels: {scheduling.x-k8s.io/pod-group: solo}}
            spec: {containers: [{name: c, image: busybox, resources: {requests: {cpu: "4", memory: 8Gi}}}]}
            """;

    private PluginRun run() {
        return PluginRun.profile(DefaultPlugins.registry(getClass().getClassLoader()), DefaultPlugins.multiPoint(),
                Fixtures.COSCHEDULING_PROFILE);
    }

    @Test
    void aGangShortOfMembersWaitsAndAGroupOfOneSchedules() {
        SimulationResult result = run().customKind("PodGroup", PodGroup.class).runScenario("gangs.yaml", SCENARIO);

        assertThat(result).pod("trainer-0")
                .isUnschedulableWith("pre-filter pod trainer-0 cannot find enough sibling pods, current pods number: 1, minMember of group: 3");
        assertThat(result).pod("solo-0").isScheduledOn("node-a")
                .passesFilter("NodeResourcesFit", "node-a")
                // No taints anywhere: every node gets TaintToleration's top score.
                .hasScore("TaintToleration", "node-a", 100);
    }

    @Test
    void aCustomKindNeedsItsModel() {
        assertThatThrownBy(() -> run().runScenario("gangs.yaml", SCENARIO))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessageContaining("gangs.yaml: document 2 (PodGroup trainer): kind: unknown kind \"PodGroup\"");
    }
}
