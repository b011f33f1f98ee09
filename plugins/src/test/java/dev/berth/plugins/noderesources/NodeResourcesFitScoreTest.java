package dev.berth.plugins.noderesources;

import static dev.berth.plugins.noderesources.Fixtures.EXTENDED_RES;
import static dev.berth.plugins.noderesources.Fixtures.node;
import static dev.berth.plugins.noderesources.Fixtures.reqPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NodeResourcesFit PreScore/Score for every strategy, ported from fit_test.go and the strategies' tests. */
class NodeResourcesFitScoreTest {

    private static final List<ResourceSpec> DEFAULT = NodeResourcesFitArgs.DEFAULT_RESOURCES;
    private static final List<ResourceSpec> EXTENDED_SET = List.of(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1),
            new ResourceSpec(EXTENDED_RES, 1));
    private static final List<UtilizationShapePoint> LEAST_SHAPE = List.of(new UtilizationShapePoint(0, 10), new UtilizationShapePoint(100, 0));
    private static final List<UtilizationShapePoint> MOST_SHAPE = List.of(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 10));

    private static Map<String, String> cm(String cpu, String memory) {
        return Map.of("cpu", cpu, "memory", memory);
    }

    private static NodeResourcesFitArgs least(List<ResourceSpec> resources) {
        return new NodeResourcesFitArgs(null, null, new NodeResourcesFitArgs.ScoringStrategy("LeastAllocated", resources, null));
    }

    private static NodeResourcesFitArgs most(List<ResourceSpec> resources) {
        return new NodeResourcesFitArgs(null, null, new NodeResourcesFitArgs.ScoringStrategy("MostAllocated", resources, null));
    }

    private static NodeResourcesFitArgs ratio(List<ResourceSpec> resources, List<UtilizationShapePoint> shape) {
        return new NodeResourcesFitArgs(null, null, new NodeResourcesFitArgs.ScoringStrategy("RequestedToCapacityRatio", resources,
                new NodeResourcesFitArgs.RequestedToCapacityRatioParam(shape)));
    }

    private static Node n1(String cpu, String memory) {
        return node("node1", cm(cpu, memory));
    }

    private static Node n2(String cpu, String memory) {
        return node("node2", cm(cpu, memory));
    }

    static Stream<Arguments> scores() {
        Pod pod1000 = reqPod(null, cm("1000", "2000"));
        Pod pod3000 = reqPod(null, cm("3000", "5000"));
        Pod twoContainers = reqPod(null, cm("1000", "2000"), cm("2000", "3000"));
        List<Pod> fitScorePods = List.of(reqPod("node1", cm("2000", "4000")), reqPod("node2", cm("1000", "2000")));
        List<Node> fitScoreNodes = List.of(n1("4000", "10000"), n2("6000", "10000"));
        Pod sidecarPod = Fixtures.pod("node1", List.of(cm("1000", "2000")), List.of(cm("1000", "2000")), null);
        List<Pod> sidecarPods = List.of(sidecarPod, reqPod("node2", cm("1000", "2000")));
        List<Node> equalNodes = List.of(n1("4000", "10000"), n2("4000", "10000"));
        List<Node> big = List.of(n1("10000", "20000"), n2("10000", "20000"));
        List<Pod> cpuOnlyAndBoth = List.of(reqPod("node1", cm("3000", "0")), reqPod("node2", cm("3000", "5000")));
        List<Pod> fourPods = List.of(reqPod("node1", cm("3000", "0")), reqPod("node1", cm("3000", "0")),
                reqPod("node2", cm("3000", "0")), reqPod("node2", cm("3000", "5000")));
        Pod noContainers = reqPod(null);
        List<Pod> emptyPods = List.of(reqPod("node1"), reqPod("node1"), reqPod("node2"), reqPod("node2"));
        Node ext4 = node("node2", Map.of("cpu", "6000", "memory", "10000", EXTENDED_RES, "4"));
        List<Node> extNodes = List.of(node("node1", cm("6000", "10000")), ext4);
        List<Node> extBoth = List.of(node("node1", Map.of("cpu", "6000", "memory", "10000", EXTENDED_RES, "4")),
                node("node2", Map.of("cpu", "6000", "memory", "10000", EXTENDED_RES, "10")));
        Pod extPod = reqPod(null, Map.of("cpu", "3000", "memory", "5000", EXTENDED_RES, "2"));
        List<ResourceSpec> extWeighted = List.of(new ResourceSpec(EXTENDED_RES, 2), new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));
        List<ResourceSpec> memoryHeavy = List.of(new ResourceSpec("memory", 2), new ResourceSpec("cpu", 1));
        List<ResourceSpec> foo = List.of(new ResourceSpec("intel.com/foo", 1));
        List<Node> fooNodes = List.of(Fixtures.node("node1", Map.of("cpu", "4000", "memory", "10000Mi", "intel.com/foo", "8")),
                Fixtures.node("node2", Map.of("cpu", "4000", "memory", "10000Mi", "intel.com/foo", "4")));
        return Stream.of(
                // fit_test.go TestFitScore
                Arguments.of("TestFitScore/RequestedToCapacityRatio case1", pod3000, fitScoreNodes, fitScorePods, ratio(DEFAULT, LEAST_SHAPE), List.of(10L, 32L)),
                Arguments.of("TestFitScore/RequestedToCapacityRatio case2", pod3000, fitScoreNodes, fitScorePods, ratio(DEFAULT, MOST_SHAPE), List.of(95L, 68L)),
                Arguments.of("TestFitScore/MostAllocated", pod1000, fitScoreNodes, fitScorePods, most(DEFAULT), List.of(67L, 36L)),
                Arguments.of("TestFitScore/LeastAllocated", pod1000, fitScoreNodes, fitScorePods, least(DEFAULT), List.of(32L, 63L)),
                Arguments.of("TestFitScore/MostAllocated with sidecar container", pod1000, equalNodes, sidecarPods, most(DEFAULT), List.of(67L, 45L)),
                Arguments.of("TestFitScore/LeastAllocated with sidecar container", pod1000, equalNodes, sidecarPods, least(DEFAULT), List.of(32L, 55L)),
                // least_allocated_test.go TestLeastAllocatedScoringStrategy
                Arguments.of("TestLeastAllocatedScoringStrategy/nothing scheduled, nothing requested", noContainers, equalNodes, List.of(), least(DEFAULT), List.of(100L, 100L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/nothing scheduled, resources requested, differently sized nodes", twoContainers,
                        fitScoreNodes, List.of(), least(DEFAULT), List.of(37L, 50L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/no resources requested, pods scheduled", noContainers, equalNodes, emptyPods, least(DEFAULT), List.of(100L, 100L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/no resources requested, pods scheduled with resources", noContainers, big, fourPods, least(DEFAULT), List.of(70L, 57L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/resources requested, pods scheduled with resources", twoContainers, big, cpuOnlyAndBoth, least(DEFAULT), List.of(57L, 45L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/resources requested, pods scheduled with resources, differently sized nodes", twoContainers,
                        List.of(n1("10000", "20000"), n2("10000", "50000")), cpuOnlyAndBoth, least(DEFAULT), List.of(57L, 60L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/requested resources exceed node capacity", reqPod(null, cm("3000", "0")), equalNodes,
                        cpuOnlyAndBoth, least(DEFAULT), List.of(50L, 25L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/zero node resources, pods scheduled with resources", noContainers,
                        List.of(node("node1", Map.of()), node("node2", Map.of())), cpuOnlyAndBoth, least(DEFAULT), List.of(0L, 0L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/nothing scheduled, resources requested with different weight on CPU and memory", twoContainers,
                        fitScoreNodes, List.of(), least(memoryHeavy), List.of(41L, 50L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/bypass extended resource if the pod does not request", twoContainers, extNodes, List.of(),
                        least(EXTENDED_SET), List.of(50L, 50L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/honor extended resource if the pod requests", extPod, extBoth, List.of(),
                        least(EXTENDED_SET), List.of(50L, 60L)),
                Arguments.of("TestLeastAllocatedScoringStrategy/if the node doesn't have a resource", reqPod(null, cm("3000", "4000")), extNodes, List.of(),
                        least(extWeighted), List.of(55L, 55L)),
                // most_allocated_test.go TestMostAllocatedScoringStrategy
                Arguments.of("TestMostAllocatedScoringStrategy/nothing scheduled, nothing requested", noContainers, equalNodes, List.of(), most(DEFAULT), List.of(0L, 0L)),
                Arguments.of("TestMostAllocatedScoringStrategy/nothing scheduled, resources requested, differently sized nodes", twoContainers,
                        fitScoreNodes, List.of(), most(DEFAULT), List.of(62L, 50L)),
                Arguments.of("TestMostAllocatedScoringStrategy/no resources requested, pods scheduled with resources", noContainers, big, fourPods, most(DEFAULT), List.of(30L, 42L)),
                Arguments.of("TestMostAllocatedScoringStrategy/resources requested, pods scheduled with resources", twoContainers, big, cpuOnlyAndBoth, most(DEFAULT), List.of(42L, 55L)),
                Arguments.of("TestMostAllocatedScoringStrategy/resources requested equal node capacity", reqPod(null, cm("2000", "4000"), cm("3000", "5000")),
                        List.of(n1("5000", "10000"), n2("10000", "9000")), List.of(), most(DEFAULT), List.of(95L, 75L)),
                Arguments.of("TestMostAllocatedScoringStrategy/nothing scheduled, resources requested, differently sized nodes (weighted)", twoContainers,
                        fitScoreNodes, List.of(), most(memoryHeavy), List.of(58L, 50L)),
                Arguments.of("TestMostAllocatedScoringStrategy/no resources requested, pods scheduled, nonzero request for resource", reqPod(null, Map.of()),
                        List.of(n1("250m", "1000Mi"), n2("250m", "1000Mi")), List.of(reqPod("node1", Map.of()), reqPod("node1", Map.of())),
                        most(DEFAULT), List.of(80L, 30L)),
                Arguments.of("TestMostAllocatedScoringStrategy/bypass extended resource if the pod does not request", twoContainers, extNodes, List.of(),
                        most(EXTENDED_SET), List.of(50L, 50L)),
                Arguments.of("TestMostAllocatedScoringStrategy/honor extended resource if the pod request", extPod, extBoth, List.of(),
                        most(EXTENDED_SET), List.of(50L, 40L)),
                Arguments.of("TestMostAllocatedScoringStrategy/if the node doesn't have a resource", reqPod(null, cm("3000", "4000")), extNodes, List.of(),
                        most(extWeighted), List.of(45L, 45L)),
                // requested_to_capacity_ratio_test.go
                Arguments.of("TestRequestedToCapacityRatioScoringStrategy/nothing scheduled, nothing requested", noContainers, equalNodes,
                        List.of(reqPod("node1"), reqPod("node1")), ratio(DEFAULT, LEAST_SHAPE), List.of(100L, 100L)),
                Arguments.of("TestRequestedToCapacityRatioScoringStrategy/nothing scheduled, resources requested, differently sized nodes", twoContainers,
                        fitScoreNodes, List.of(reqPod("node1"), reqPod("node1")), ratio(DEFAULT, LEAST_SHAPE), List.of(38L, 50L)),
                Arguments.of("TestRequestedToCapacityRatioScoringStrategy/no resources requested, pods scheduled with resources", noContainers,
                        fitScoreNodes, List.of(reqPod("node1", cm("3000", "5000")), reqPod("node2", cm("3000", "5000"))),
                        ratio(DEFAULT, LEAST_SHAPE), List.of(38L, 50L)),
                Arguments.of("TestResourceBinPackingSingleExtended/nothing scheduled, nothing requested", noContainers, fooNodes, List.of(),
                        ratio(foo, List.of(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 1))), List.of(0L, 0L)),
                Arguments.of("TestResourceBinPackingSingleExtended/resources requested, pods scheduled with less resources",
                        reqPod(null, Map.of("intel.com/foo", "2")), fooNodes, List.of(reqPod(null)),
                        ratio(foo, List.of(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 1))), List.of(2L, 5L)),
                Arguments.of("TestResourceBinPackingSingleExtended/resources requested, pods scheduled with resources, on node with existing pod running",
                        reqPod(null, Map.of("intel.com/foo", "2")), fooNodes, List.of(reqPod("node2", Map.of("intel.com/foo", "2"))),
                        ratio(foo, List.of(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 1))), List.of(2L, 10L)),
                Arguments.of("TestResourceBinPackingSingleExtended/resources requested, pods scheduled with more resources",
                        reqPod(null, Map.of("intel.com/foo", "4")), fooNodes, List.of(reqPod(null)),
                        ratio(foo, List.of(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 1))), List.of(5L, 10L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void scoreWithPreScore(String name, Pod pod, List<Node> nodes, List<Pod> existing, NodeResourcesFitArgs args, List<Long> want) {
        args.validate();
        NodeResourcesFit plugin = new NodeResourcesFit(args);
        CycleState state = new CycleState();
        List<NodeInfo> infos = nodes.stream().map(n -> Fixtures.nodeInfo(n, existing)).toList();
        assertThat(plugin.preScore(state, pod, infos).isSuccess()).isTrue();
        assertThat(scores(plugin, state, pod, infos)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0} if PreScore is not called")
    @MethodSource("scores")
    void scoreWithoutPreScore(String name, Pod pod, List<Node> nodes, List<Pod> existing, NodeResourcesFitArgs args, List<Long> want) {
        NodeResourcesFit plugin = new NodeResourcesFit(args);
        List<NodeInfo> infos = nodes.stream().map(n -> Fixtures.nodeInfo(n, existing)).toList();
        assertThat(scores(plugin, new CycleState(), pod, infos)).isEqualTo(want);
    }

    private static List<Long> scores(NodeResourcesFit plugin, CycleState state, Pod pod, List<NodeInfo> infos) {
        List<Long> out = new ArrayList<>();
        for (NodeInfo ni : infos) {
            out.add(plugin.score(state, pod, ni));
        }
        return out;
    }

    @Test
    void defaultArgsScoreLeastAllocated() {
        NodeResourcesFit plugin = new NodeResourcesFit(NodeResourcesFitArgs.defaults());
        Pod pod = reqPod(null, cm("1000", "2000"));
        NodeInfo ni = Fixtures.nodeInfo(n1("4000", "10000"), List.of(reqPod("node1", cm("2000", "4000"))));
        assertThat(plugin.score(new CycleState(), pod, ni)).isEqualTo(32);
    }

    static Stream<Arguments> brokenLinear() {
        return Stream.of(
                Arguments.of("TestBrokenLinearFunction/case_0", new long[]{10, 90}, new long[]{1, 9},
                        new long[][]{{-10, 1}, {0, 1}, {9, 1}, {10, 1}, {15, 1}, {19, 1}, {20, 2}, {89, 8}, {90, 9}, {99, 9}, {100, 9}, {110, 9}}),
                Arguments.of("TestBrokenLinearFunction/case_1", new long[]{0, 40, 100}, new long[]{2, 10, 0},
                        new long[][]{{-10, 2}, {0, 2}, {20, 6}, {30, 8}, {40, 10}, {70, 5}, {100, 0}, {110, 0}}),
                Arguments.of("TestBrokenLinearFunction/case_2", new long[]{0, 40, 100}, new long[]{2, 2, 2},
                        new long[][]{{-10, 2}, {0, 2}, {20, 2}, {30, 2}, {40, 2}, {70, 2}, {100, 2}, {110, 2}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenLinear")
    void brokenLinearFunction(String name, long[] utilization, long[] score, long[][] assertions) {
        LongUnaryOperator f = AllocationScorer.brokenLinearFunction(utilization, score);
        for (long[] a : assertions) {
            assertThat(f.applyAsLong(a[0])).as("p=%d", a[0]).isEqualTo(a[1]);
        }
    }
}
