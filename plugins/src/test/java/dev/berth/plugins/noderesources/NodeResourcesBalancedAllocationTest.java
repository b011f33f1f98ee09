package dev.berth.plugins.noderesources;

import static dev.berth.plugins.noderesources.Fixtures.node;
import static dev.berth.plugins.noderesources.Fixtures.reqPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ported from upstream's balanced_allocation_test.go (TestNodeResourcesBalancedAllocation, current formula). */
class NodeResourcesBalancedAllocationTest {

    private static final List<ResourceSpec> WITH_GPU = List.of(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1),
            new ResourceSpec("nvidia.com/gpu", 1));

    private static Node makeNode(String name, long milliCpu, long memory, boolean gpu) {
        Map<String, String> capacity = new LinkedHashMap<>();
        capacity.put("cpu", milliCpu + "m");
        capacity.put("memory", String.valueOf(memory));
        if (gpu) {
            capacity.put("nvidia.com/gpu", "8");
        }
        return node(name, capacity);
    }

    private static Map<String, String> cpu(String cpu) {
        return Map.of("cpu", cpu);
    }

    private static Map<String, String> cm(String cpu, String memory) {
        return Map.of("cpu", cpu, "memory", memory);
    }

    private static Map<String, String> cmg(String cpu, String memory, String gpu) {
        return Map.of("cpu", cpu, "memory", memory, "nvidia.com/gpu", gpu);
    }

    static Stream<Arguments> scores() {
        Pod cpuAndMemoryPod = reqPod(null, cm("1000m", "2000"), cm("2000m", "3000"));
        List<Pod> existing = List.of(reqPod("node1", cpu("1000m"), cpu("2000m")), reqPod("node2", cm("1000m", "2000"), cm("2000m", "3000")));
        List<ResourceSpec> def = NodeResourcesFitArgs.DEFAULT_RESOURCES;
        return Stream.of(
                Arguments.of("nothing scheduled, resources requested, differently sized nodes", cpuAndMemoryPod,
                        List.of(makeNode("node1", 4000, 10000, false), makeNode("node2", 6000, 10000, false)), List.of(), def, List.of(68L, 75L)),
                Arguments.of("resources requested, pods scheduled with resources", cpuAndMemoryPod,
                        List.of(makeNode("node1", 10000, 20000, false), makeNode("node2", 10000, 20000, false)), existing, def, List.of(73L, 74L)),
                Arguments.of("resources requested, pods scheduled with resources, differently sized nodes", cpuAndMemoryPod,
                        List.of(makeNode("node1", 10000, 20000, false), makeNode("node2", 10000, 50000, false)), existing, def, List.of(73L, 70L)),
                Arguments.of("resources requested, pods scheduled with resources, nodes to reach min/max score",
                        reqPod(null, Map.of("memory", "2000"), Map.of("memory", "3000")),
                        List.of(makeNode("node1", 3000, 5000, false), makeNode("node2", 3000, 5000, false)),
                        List.of(reqPod("node1", cpu("1000m"), cpu("2000m"))), def, List.of(100L, 50L)),
                Arguments.of("requested resources at node capacity", reqPod(null, cpu("1000m"), cpu("2000m")),
                        List.of(makeNode("node1", 6000, 10000, false), makeNode("node2", 6000, 10000, false)), existing, def, List.of(62L, 62L)),
                Arguments.of("include scalar resource on a node for balanced resource allocation", reqPod(null, cmg("0", "0", "1")),
                        List.of(makeNode("node1", 3500, 40000, true), makeNode("node2", 3500, 40000, true)),
                        List.of(reqPod("node1", cm("1000m", "2000"), cmg("2000m", "3000", "3")), reqPod("node2", cm("1000m", "2000"), cm("2000m", "3000"))),
                        WITH_GPU, List.of(75L, 76L)),
                Arguments.of("node without the scalar resource should skip the scalar resource", cpuAndMemoryPod,
                        List.of(makeNode("node1", 3500, 40000, true), makeNode("node2", 3500, 40000, false)), List.of(), WITH_GPU, List.of(56L, 56L)));
    }

    @ParameterizedTest(name = "TestNodeResourcesBalancedAllocation/{0}")
    @MethodSource("scores")
    void scoreWithPreScore(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<ResourceSpec> resources, List<Long> want) {
        NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation(new NodeResourcesBalancedAllocationArgs(resources));
        CycleState state = new CycleState();
        List<NodeInfo> infos = nodes.stream().map(n -> Fixtures.nodeInfo(n, existing)).toList();
        assertThat(plugin.preScore(state, pod, infos)).isEqualTo(Status.SUCCESS);
        assertThat(scores(plugin, state, pod, infos)).isEqualTo(want);
    }

    @ParameterizedTest(name = "TestNodeResourcesBalancedAllocation/{0} if PreScore not called")
    @MethodSource("scores")
    void scoreWithoutPreScore(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<ResourceSpec> resources, List<Long> want) {
        NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation(new NodeResourcesBalancedAllocationArgs(resources));
        List<NodeInfo> infos = nodes.stream().map(n -> Fixtures.nodeInfo(n, existing)).toList();
        assertThat(scores(plugin, new CycleState(), pod, infos)).isEqualTo(want);
    }

    private static List<Long> scores(NodeResourcesBalancedAllocation plugin, CycleState state, Pod pod, List<NodeInfo> infos) {
        List<Long> out = new ArrayList<>();
        for (NodeInfo ni : infos) {
            out.add(plugin.score(state, pod, ni));
        }
        return out;
    }

    @Test
    void bestEffortPodIsSkippedInPreScore() {
        // TestNodeResourcesBalancedAllocation/nothing scheduled, nothing requested, skip in PreScore
        NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation(NodeResourcesBalancedAllocationArgs.defaults());
        List<NodeInfo> infos = List.of(NodeInfo.of(makeNode("node1", 4000, 10000, false)));
        assertThat(plugin.preScore(new CycleState(), reqPod(null), infos).isSkip()).isTrue();
        assertThat(plugin.score(new CycleState(), reqPod(null), infos.get(0))).isZero();
    }

    @Test
    void factoryDecodesArgs() {
        var plugin = new NodeResourcesBalancedAllocation.Factory().create(
                PluginArgs.of(Map.of("resources", List.of(Map.of("name", "cpu"), Map.of("name", "nvidia.com/gpu", "weight", 1)))), null);
        assertThat(plugin.name()).isEqualTo("NodeResourcesBalancedAllocation");
    }
}
