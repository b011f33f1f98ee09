package dev.berth.plugins.defaultpreemption;

import static dev.berth.plugins.defaultpreemption.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.LARGE_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.LOW_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.MEDIUM_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.ONE_POD_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.VERY_HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.node;
import static dev.berth.plugins.defaultpreemption.Fixtures.pdb;
import static dev.berth.plugins.defaultpreemption.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestPostFilter (default_preemption_test.go), with NodeResourcesFit replaced by {@link FakePlugins.ResourceFit}. */
class PostFilterTest {

    private static final Map<String, String> NODE_RES = Map.of("cpu", "200m", "memory", "400");
    private static final Status UNRESOLVABLE = Status.unresolvable();
    private static final Status UNSCHEDULABLE = Status.unschedulable();

    record Case(String name, Pod pod, List<Pod> pods, List<HasMetadata> pdbs, List<Node> nodes, NodeToStatus filtered,
                String wantNominated, Status wantStatus) {
        @Override
        public String toString() {
            return "TestPostFilter: " + name;
        }
    }

    private static NodeToStatus statuses(Map<String, Status> m) {
        return new NodeToStatus(m, UNRESOLVABLE);
    }

    private static Status unschedulable(String message) {
        return Status.unschedulable(message);
    }

    static Stream<Case> cases() {
        Node errorNode = MakeNode.node("node1").label("error", "true").capacity(Map.of("cpu", "300m", "memory", "300", "pods", "32")).build();
        return Stream.of(
                new Case("pod with higher priority can be made schedulable",
                        pod("p").priority(HIGH_PRIORITY).build(),
                        List.of(pod("p1").node("node1").build()), List.of(),
                        List.of(node("node1", ONE_POD_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE)), "node1", Status.SUCCESS),
                new Case("pod with tied priority is still unschedulable",
                        pod("p").build(),
                        List.of(pod("p1").node("node1").build()), List.of(),
                        List.of(node("node1", ONE_POD_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE)), null,
                        unschedulable("preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")),
                new Case("preemption should respect filteredNodesStatuses",
                        pod("p").priority(HIGH_PRIORITY).build(),
                        List.of(pod("p1").node("node1").build()), List.of(),
                        List.of(node("node1", ONE_POD_RES)),
                        statuses(Map.of("node1", UNRESOLVABLE)), null,
                        unschedulable("preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")),
                new Case("preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable",
                        pod("p").priority(HIGH_PRIORITY).build(),
                        List.of(pod("p1").node("node1").build()), List.of(),
                        List.of(node("node1", ONE_POD_RES)),
                        statuses(Map.of()), null,
                        unschedulable("preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")),
                new Case("pod can be made schedulable on one node",
                        pod("p").priority(MID_PRIORITY).build(),
                        List.of(pod("p1").priority(HIGH_PRIORITY).node("node1").build(),
                                pod("p2").priority(LOW_PRIORITY).node("node2").build()), List.of(),
                        List.of(node("node1", ONE_POD_RES), node("node2", ONE_POD_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE)), "node2", Status.SUCCESS),
                new Case("pod can be made schedulable on minHighestPriority node",
                        pod("p").priority(VERY_HIGH_PRIORITY).build(),
                        List.of(pod("p1").label("test.kubernetes.io/is-violating-pdb", "non-violating").priority(HIGH_PRIORITY).node("node1").build(),
                                pod("p2").label("test.kubernetes.io/is-violating-pdb", "violating").priority(LOW_PRIORITY).node("node1").build(),
                                pod("p3").label("test.kubernetes.io/is-violating-pdb", "violating").priority(MID_PRIORITY).node("node2").build()),
                        List.of(pdb("violating-pdb", "test.kubernetes.io/is-violating-pdb", "violating", 0),
                                pdb("non-violating-pdb", "test.kubernetes.io/is-violating-pdb", "non-violating", Integer.MAX_VALUE)),
                        List.of(node("node1", ONE_POD_RES), node("node2", ONE_POD_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE)), "node2", Status.SUCCESS),
                new Case("no candidate nodes found, no enough resource after removing low priority pods",
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(pod("p1").node("node1").build(), pod("p2").node("node2").build()), List.of(),
                        List.of(node("node1", NODE_RES), node("node2", NODE_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE)), null,
                        unschedulable("preemption: 0/2 nodes are available: 2 Insufficient cpu.")),
                new Case("no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource",
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(pod("p1").node("node1").priority(HIGH_PRIORITY).build(), pod("p2").node("node2").build(),
                                pod("p3").node("node3").priority(HIGH_PRIORITY).build()), List.of(),
                        List.of(node("node1", ONE_POD_RES), node("node2", NODE_RES), node("node3", ONE_POD_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE, "node3", UNSCHEDULABLE)), null,
                        unschedulable("preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.")),
                new Case("no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(pod("p1").node("node1").build(), pod("p2").node("node2").build()), List.of(),
                        List.of(node("node1", NODE_RES), node("node2", NODE_RES), node("node3", NODE_RES), node("node4", NODE_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE, "node4", UNRESOLVABLE)), null,
                        unschedulable("preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.")),
                // Upstream's framework words the error "running RemovePod on PreFilter plugin \"test-plugin\": ...";
                // Berth's framework names the point PreFilterExtensionRemovePod.
                new Case("only one node but failed with TestPlugin",
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(pod("p1").node("node1").build()), List.of(),
                        List.of(errorNode),
                        statuses(Map.of("node1", UNSCHEDULABLE)), null,
                        Status.error("preemption: running \"test-plugin\" PreFilterExtensionRemovePod plugin: failed to remove pod: p")),
                new Case("one failed with TestPlugin and the other pass",
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(pod("p1").node("node1").build(), pod("p2").node("node2").container(MEDIUM_RES).build()), List.of(),
                        List.of(errorNode, node("node2", LARGE_RES)),
                        statuses(Map.of("node1", UNSCHEDULABLE, "node2", UNSCHEDULABLE)), "node2", Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void postFilter(Case tc) {
        PreemptionEnv env = PreemptionEnv.builder()
                .nodes(tc.nodes())
                .pods(Stream.concat(Stream.of(tc.pod()), tc.pods().stream()).toList())
                .objects(tc.pdbs())
                .plugins(new FakePlugins.ResourceFit(), new FakePlugins.ErrorOnLabelledNode())
                .build();

        PostFilterResult got = env.plugin.postFilter(env.preFiltered(tc.pod()), tc.pod(), tc.filtered());

        assertThat(got.status().code()).isEqualTo(tc.wantStatus().code());
        assertThat(got.status().reasons()).isEqualTo(tc.wantStatus().reasons());
        assertThat(got.nominatedNodeName().orElse(null)).isEqualTo(tc.wantNominated());
    }
}
