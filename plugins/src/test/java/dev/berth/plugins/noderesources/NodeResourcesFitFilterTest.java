package dev.berth.plugins.noderesources;

import static dev.berth.plugins.noderesources.Fixtures.EXTENDED_A;
import static dev.berth.plugins.noderesources.Fixtures.EXTENDED_B;
import static dev.berth.plugins.noderesources.Fixtures.HUGE_PAGE_A;
import static dev.berth.plugins.noderesources.Fixtures.KUBERNETES_IO_B;
import static dev.berth.plugins.noderesources.Fixtures.allocatableNode;
import static dev.berth.plugins.noderesources.Fixtures.nodeInfoWith;
import static dev.berth.plugins.noderesources.Fixtures.resourcePod;
import static dev.berth.plugins.noderesources.Fixtures.withInitContainers;
import static dev.berth.plugins.noderesources.Fixtures.withOverhead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Status;
import dev.berth.plugins.noderesources.Fixtures.Usage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NodeResourcesFit PreFilter/Filter, ported from upstream's fit_test.go. */
class NodeResourcesFitFilterTest {

    private static final NodeResourcesFitArgs DEFAULT_ARGS = NodeResourcesFitArgs.defaults();

    private static String insufficient(String resource) {
        return "Insufficient " + resource;
    }

    private static Status filter(NodeResourcesFitArgs args, Pod pod, NodeInfo nodeInfo) {
        NodeResourcesFit plugin = new NodeResourcesFit(args);
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, pod, List.of(nodeInfo)).status().isSuccess()).isTrue();
        return plugin.filter(state, pod, nodeInfo);
    }

    static Stream<Arguments> enoughRequests() {
        Usage none = Usage.of(0, 0);
        return Stream.of(
                Arguments.of("TestEnoughRequests/no resources requested always fits",
                        new Pod(), resourcePod(Usage.of(10, 20)), DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/too many resources fails",
                        resourcePod(Usage.of(1, 1)), resourcePod(Usage.of(10, 20)), DEFAULT_ARGS,
                        Status.unschedulable(insufficient("cpu"), insufficient("memory"))),
                Arguments.of("TestEnoughRequests/too many resources fails due to init container cpu",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(3, 1)), resourcePod(Usage.of(8, 19)), DEFAULT_ARGS,
                        Status.unschedulable(insufficient("cpu"))),
                Arguments.of("TestEnoughRequests/too many resources fails due to highest init container cpu",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(3, 1), Usage.of(2, 1)), resourcePod(Usage.of(8, 19)),
                        DEFAULT_ARGS, Status.unschedulable(insufficient("cpu"))),
                Arguments.of("TestEnoughRequests/too many resources fails due to init container memory",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(1, 3)), resourcePod(Usage.of(9, 19)), DEFAULT_ARGS,
                        Status.unschedulable(insufficient("memory"))),
                Arguments.of("TestEnoughRequests/too many resources fails due to highest init container memory",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(1, 3), Usage.of(1, 2)), resourcePod(Usage.of(9, 19)),
                        DEFAULT_ARGS, Status.unschedulable(insufficient("memory"))),
                Arguments.of("TestEnoughRequests/init container fits because it's the max, not sum, of containers and init containers",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(1, 1)), resourcePod(Usage.of(9, 19)), DEFAULT_ARGS,
                        Status.SUCCESS),
                Arguments.of("TestEnoughRequests/multiple init containers fit because it's the max, not sum, of containers and init containers",
                        withInitContainers(resourcePod(Usage.of(1, 1)), Usage.of(1, 1), Usage.of(1, 1)), resourcePod(Usage.of(9, 19)),
                        DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/both resources fit",
                        resourcePod(Usage.of(1, 1)), resourcePod(Usage.of(5, 5)), DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/one resource memory fits",
                        resourcePod(Usage.of(2, 1)), resourcePod(Usage.of(9, 5)), DEFAULT_ARGS, Status.unschedulable(insufficient("cpu"))),
                Arguments.of("TestEnoughRequests/one resource cpu fits",
                        resourcePod(Usage.of(1, 2)), resourcePod(Usage.of(5, 19)), DEFAULT_ARGS, Status.unschedulable(insufficient("memory"))),
                Arguments.of("TestEnoughRequests/equal edge case",
                        resourcePod(Usage.of(5, 1)), resourcePod(Usage.of(5, 19)), DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/equal edge case for init container",
                        withInitContainers(resourcePod(Usage.of(4, 1)), Usage.of(5, 1)), resourcePod(Usage.of(5, 19)), DEFAULT_ARGS,
                        Status.SUCCESS),
                Arguments.of("TestEnoughRequests/extended resource fits",
                        resourcePod(Usage.scalar(0, 0, EXTENDED_A, 1)), resourcePod(none), DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/extended resource fits for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(0, 0, EXTENDED_A, 1)), resourcePod(none), DEFAULT_ARGS,
                        Status.SUCCESS),
                Arguments.of("TestEnoughRequests/extended resource capacity enforced",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_A, 10)), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 0)), DEFAULT_ARGS,
                        Status.unresolvable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource capacity enforced for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, EXTENDED_A, 10)), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 0)),
                        DEFAULT_ARGS, Status.unresolvable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_A, 1)), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 5)), DEFAULT_ARGS,
                        Status.unschedulable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, EXTENDED_A, 1)), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 5)),
                        DEFAULT_ARGS, Status.unschedulable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced for multiple containers",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_A, 3), Usage.scalar(1, 1, EXTENDED_A, 3)),
                        resourcePod(Usage.scalar(0, 0, EXTENDED_A, 2)), DEFAULT_ARGS, Status.unresolvable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource allocatable admits multiple init containers",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, EXTENDED_A, 3), Usage.scalar(1, 1, EXTENDED_A, 3)),
                        resourcePod(Usage.scalar(0, 0, EXTENDED_A, 2)), DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced for multiple init containers",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, EXTENDED_A, 6), Usage.scalar(1, 1, EXTENDED_A, 3)),
                        resourcePod(Usage.scalar(0, 0, EXTENDED_A, 2)), DEFAULT_ARGS, Status.unresolvable(insufficient(EXTENDED_A))),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced for unknown resource",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_B, 1)), resourcePod(none), DEFAULT_ARGS,
                        Status.unresolvable(insufficient(EXTENDED_B))),
                Arguments.of("TestEnoughRequests/extended resource allocatable enforced for unknown resource for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, EXTENDED_B, 1)), resourcePod(none), DEFAULT_ARGS,
                        Status.unresolvable(insufficient(EXTENDED_B))),
                Arguments.of("TestEnoughRequests/kubernetes.io resource capacity enforced for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, KUBERNETES_IO_B, 10)), resourcePod(none), DEFAULT_ARGS,
                        Status.unresolvable(insufficient(KUBERNETES_IO_B))),
                Arguments.of("TestEnoughRequests/hugepages resource capacity enforced",
                        resourcePod(Usage.scalar(1, 1, HUGE_PAGE_A, 10)), resourcePod(Usage.scalar(0, 0, HUGE_PAGE_A, 0)), DEFAULT_ARGS,
                        Status.unresolvable(insufficient(HUGE_PAGE_A))),
                Arguments.of("TestEnoughRequests/hugepages resource capacity enforced for init container",
                        withInitContainers(resourcePod(none), Usage.scalar(1, 1, HUGE_PAGE_A, 10)), resourcePod(Usage.scalar(0, 0, HUGE_PAGE_A, 0)),
                        DEFAULT_ARGS, Status.unresolvable(insufficient(HUGE_PAGE_A))),
                Arguments.of("TestEnoughRequests/hugepages resource allocatable enforced for multiple containers",
                        resourcePod(Usage.scalar(1, 1, HUGE_PAGE_A, 3), Usage.scalar(1, 1, HUGE_PAGE_A, 3)),
                        resourcePod(Usage.scalar(0, 0, HUGE_PAGE_A, 2)), DEFAULT_ARGS, Status.unresolvable(insufficient(HUGE_PAGE_A))),
                Arguments.of("TestEnoughRequests/skip checking ignored extended resource",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_B, 1)), resourcePod(none),
                        new NodeResourcesFitArgs(List.of(EXTENDED_B), null, null), Status.SUCCESS),
                Arguments.of("TestEnoughRequests/resources + pod overhead fits",
                        withOverhead(resourcePod(Usage.of(1, 1)), Map.of("cpu", "3m", "memory", "13")), resourcePod(Usage.of(5, 5)),
                        DEFAULT_ARGS, Status.SUCCESS),
                Arguments.of("TestEnoughRequests/requests + overhead does not fit for memory",
                        withOverhead(resourcePod(Usage.of(1, 1)), Map.of("cpu", "1m", "memory", "15")), resourcePod(Usage.of(5, 5)),
                        DEFAULT_ARGS, Status.unschedulable(insufficient("memory"))),
                Arguments.of("TestEnoughRequests/skip checking ignored extended resource via resource groups (group-only variant)",
                        resourcePod(new Usage(1, 1, 0, Map.of(EXTENDED_B, 1L, KUBERNETES_IO_B, 1L))), resourcePod(none),
                        new NodeResourcesFitArgs(null, List.of("example.com"), null), Status.unresolvable(insufficient(KUBERNETES_IO_B))),
                Arguments.of("TestEnoughRequests/skip checking extended resource request with quantity zero via resource groups",
                        resourcePod(Usage.scalar(1, 1, EXTENDED_A, 0)), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 6)), DEFAULT_ARGS,
                        Status.SUCCESS),
                Arguments.of("TestEnoughRequests/ignoring applies to extended resources only, never hugepages (Berth)",
                        resourcePod(Usage.scalar(1, 1, HUGE_PAGE_A, 10)), resourcePod(none),
                        new NodeResourcesFitArgs(List.of(HUGE_PAGE_A), null, null), Status.unresolvable(insufficient(HUGE_PAGE_A))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enoughRequests")
    void enoughRequests(String name, Pod pod, Pod existing, NodeResourcesFitArgs args, Status want) {
        NodeInfo nodeInfo = nodeInfoWith(allocatableNode(10, 20, 32, 5, 20, 5), existing);
        assertThat(filter(args, pod, nodeInfo)).isEqualTo(want);
    }

    @Test
    void fitsReportsUpstreamInsufficientResources() {
        // TestEnoughRequests/too many resources fails and .../extended resource capacity enforced (wantInsufficientResources)
        NodeInfo nodeInfo = nodeInfoWith(allocatableNode(10, 20, 32, 5, 20, 5), resourcePod(Usage.of(10, 20)));
        assertThat(NodeResourcesFit.fits(resourcePod(Usage.of(1, 1)), nodeInfo)).containsExactly(
                new InsufficientResource("cpu", "Insufficient cpu", 1, 10, 10, false),
                new InsufficientResource("memory", "Insufficient memory", 1, 20, 20, false));
        NodeInfo empty = nodeInfoWith(allocatableNode(10, 20, 32, 5, 20, 5), resourcePod(Usage.scalar(0, 0, EXTENDED_A, 0)));
        assertThat(NodeResourcesFit.fits(resourcePod(Usage.scalar(1, 1, EXTENDED_A, 10)), empty)).containsExactly(
                new InsufficientResource(EXTENDED_A, "Insufficient example.com/aaa", 10, 0, 5, true));
    }

    @Test
    void preFilterDisabledIsAnError() {
        // TestPreFilterDisabled
        NodeInfo nodeInfo = nodeInfoWith(allocatableNode(0, 0, 0, 0, 0, 0));
        Status status = new NodeResourcesFit(DEFAULT_ARGS).filter(new CycleState(), new Pod(), nodeInfo);
        assertThat(status.isError()).isTrue();
        assertThat(status.message()).isEqualTo("error reading \"PreFilterNodeResourcesFit\" from cycleState: not found");
    }

    static Stream<Arguments> notEnoughRequests() {
        return Stream.of(
                Arguments.of("TestNotEnoughRequests/even without specified resources, predicate fails when there's no space for additional pod",
                        new Pod(), resourcePod(Usage.of(10, 20))),
                Arguments.of("TestNotEnoughRequests/even if both resources fit, predicate fails when there's no space for additional pod",
                        resourcePod(Usage.of(1, 1)), resourcePod(Usage.of(5, 5))),
                Arguments.of("TestNotEnoughRequests/even for equal edge case, predicate fails when there's no space for additional pod",
                        resourcePod(Usage.of(5, 1)), resourcePod(Usage.of(5, 19))),
                Arguments.of("TestNotEnoughRequests/even for equal edge case, predicate fails when there's no space for additional pod due to init container",
                        withInitContainers(resourcePod(Usage.of(5, 1)), Usage.of(5, 1)), resourcePod(Usage.of(5, 19))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notEnoughRequests")
    void notEnoughRequests(String name, Pod pod, Pod existing) {
        NodeInfo nodeInfo = nodeInfoWith(allocatableNode(10, 20, 1, 0, 0, 0), existing);
        assertThat(filter(DEFAULT_ARGS, pod, nodeInfo)).isEqualTo(Status.unschedulable("Too many pods"));
    }

    static Stream<Arguments> storageRequests() {
        return Stream.of(
                Arguments.of("TestStorageRequests/empty storage requested, and pod fits",
                        resourcePod(Usage.of(1, 1)), resourcePod(Usage.of(2, 10)), Status.SUCCESS),
                Arguments.of("TestStorageRequests/storage ephemeral local storage request exceeds allocatable",
                        resourcePod(Usage.storage(25)), resourcePod(Usage.of(2, 2)), Status.unresolvable(insufficient("ephemeral-storage"))),
                Arguments.of("TestStorageRequests/ephemeral local storage is sufficient",
                        resourcePod(Usage.storage(5)), resourcePod(new Usage(2, 2, 10, Map.of())), Status.SUCCESS),
                Arguments.of("TestStorageRequests/pod fits",
                        resourcePod(Usage.storage(10)), resourcePod(Usage.of(2, 2)), Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storageRequests")
    void storageRequests(String name, Pod pod, Pod existing, Status want) {
        NodeInfo nodeInfo = nodeInfoWith(allocatableNode(10, 20, 32, 5, 20, 5), existing);
        assertThat(filter(DEFAULT_ARGS, pod, nodeInfo)).isEqualTo(want);
    }

    static Stream<Arguments> restartableInitContainers() {
        return Stream.of(
                Arguments.of("TestRestartableInitContainers/allow pod without restartable init containers if sidecar containers is enabled",
                        Fixtures.pod(null, List.of(Map.of()), List.of(), null), Status.SUCCESS),
                Arguments.of("TestRestartableInitContainers/allow pod with restartable init containers if sidecar containers is enabled",
                        Fixtures.pod(null, List.of(Map.of()), List.of(Map.of()), null), Status.SUCCESS),
                Arguments.of("TestRestartableInitContainers/allow pod if the total requested resources do not exceed the node's allocatable resources",
                        Fixtures.pod(null, List.of(Map.of("cpu", "1m")), List.of(Map.of("cpu", "1m")), null), Status.SUCCESS),
                Arguments.of("TestRestartableInitContainers/not allow pod if the total requested resources do exceed the node's allocatable resources",
                        Fixtures.pod(null, List.of(Map.of("cpu", "1m")), List.of(Map.of("cpu", "2m")), null),
                        Status.unresolvable(insufficient("cpu"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartableInitContainers")
    void restartableInitContainers(String name, Pod pod, Status want) {
        NodeInfo nodeInfo = NodeInfo.of(allocatableNode(2, 0, 1, 0, 0, 0));
        assertThat(filter(DEFAULT_ARGS, pod, nodeInfo)).isEqualTo(want);
    }

    static Stream<Arguments> isFit() {
        return Stream.of(
                Arguments.of("TestIsFit/insufficient resource", Map.of("cpu", "2"), Map.of("cpu", "1"), false),
                Arguments.of("TestIsFit/sufficient resource", Map.of("cpu", "1"), Map.of("cpu", "2"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("isFit")
    void isFit(String name, Map<String, String> request, Map<String, String> capacity, boolean want) {
        Node node = Fixtures.node("n", capacity);
        assertThat(NodeResourcesFit.fits(Fixtures.reqPod(null, request), NodeInfo.of(node)).isEmpty()).isEqualTo(want);
    }

    @Test
    void preFilterComputesRequestsOnceForAllNodes() {
        NodeResourcesFit plugin = new NodeResourcesFit(DEFAULT_ARGS);
        CycleState state = new CycleState();
        Pod pod = resourcePod(Usage.of(5, 1));
        plugin.preFilter(state, pod, List.of());
        // Changing the pod after PreFilter must not change what Filter checks.
        Pod bigger = new PodBuilder(pod).editSpec().editFirstContainer().editResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("50m")).endResources().endContainer().endSpec().build();
        assertThat(plugin.filter(state, bigger, nodeInfoWith(allocatableNode(10, 20, 32, 5, 20, 5)))).isEqualTo(Status.SUCCESS);
    }
}
