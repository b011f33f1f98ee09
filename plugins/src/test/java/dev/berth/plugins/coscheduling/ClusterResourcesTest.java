package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.cache.Snapshot;
import dev.berth.plugins.testing.MakeNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestCheckClusterResource (core/core_test.go), with the gap it reports. */
class ClusterResourcesTest {

    // In total, the cluster has 3*2 = 6 cpus.
    private static final List<Node> NODES = List.of(
            MakeNode.node("node-a").capacity(Map.of("cpu", "3", "pods", "32")).build(),
            MakeNode.node("node-b").capacity(Map.of("cpu", "3", "pods", "32")).build());

    private static Pod running(String name, String group, String node, String cpu) {
        return member("ns", name, group).node(node).container(Map.of("cpu", cpu)).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Cluster resource enough", List.of(running("p1", null, "node-a", "2")), Map.of()),
                Arguments.of("Cluster resource not enough",
                        List.of(running("p1", null, "node-a", "2"), running("p2", null, "node-b", "1")), Map.of("cpu", 1000L)),
                Arguments.of("Cluster resource enough as p1's resource needs to be excluded from minResources",
                        List.of(running("p1", "pg1", "node-a", "2"), running("p2", null, "node-b", "1")), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gap(String name, List<Pod> existingPods, Map<String, Long> want) {
        Snapshot snapshot = Snapshot.of(NODES, existingPods);
        Map<String, Long> needed = ClusterResources.needed(Map.of("cpu", new Quantity("4")), 0);

        assertThat(ClusterResources.gap(snapshot.list(), needed, "ns/pg1")).isEqualTo(want);
    }

    @Test
    void podsOfOtherGroupsTakeRoomForMembers() {
        Node small = MakeNode.node("node-a").capacity(Map.of("cpu", "8", "pods", "2")).build();
        Snapshot snapshot = Snapshot.of(List.of(small), List.of(running("p1", "pg2", "node-a", "1"), running("p2", "pg1", "node-a", "1")));

        // Two pod slots, one taken by another group's pod: the member already there keeps its own.
        assertThat(ClusterResources.gap(snapshot.list(), ClusterResources.needed(Map.of(), 1), "ns/pg1")).isEmpty();
        assertThat(ClusterResources.gap(snapshot.list(), ClusterResources.needed(Map.of(), 2), "ns/pg1")).containsExactly(Map.entry("pods", 1L));
    }

    @Test
    void describesTheGapInQuantities() {
        assertThat(ClusterResources.describe(new TreeMap<>(Map.of("cpu", 1500L, "memory", 1024L, "pods", 1L))))
                .isEqualTo("resource gap: cpu=1500m, memory=1024, pods=1");
        assertThat(ClusterResources.describe(Map.of("cpu", 2000L))).isEqualTo("resource gap: cpu=2");
    }
}
