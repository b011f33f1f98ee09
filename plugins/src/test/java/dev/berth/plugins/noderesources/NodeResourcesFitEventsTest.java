package dev.berth.plugins.noderesources;

import static dev.berth.plugins.noderesources.Fixtures.EXTENDED_A;
import static dev.berth.plugins.noderesources.Fixtures.EXTENDED_B;
import static dev.berth.plugins.noderesources.Fixtures.node;
import static dev.berth.plugins.noderesources.Fixtures.resourcePod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.QueueingHint;
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

/** Registered events and queueing hints, ported from fit_test.go. */
class NodeResourcesFitEventsTest {

    @Test
    void eventsToRegister() {
        // TestEventsToRegister/Register events with SchedulingQueueHint feature enabled (+ InPlacePodVerticalScaling)
        List<ClusterEvent> events = new NodeResourcesFit(NodeResourcesFitArgs.defaults()).eventsToRegister().stream()
                .map(ClusterEventWithHint::event).toList();
        assertThat(events).containsExactly(
                ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE, ActionType.UPDATE_POD_SCALE_DOWN),
                ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_ALLOCATABLE));
    }

    private static Pod cpuPod(String name, String uid, String cpu, String nodeName) {
        return Fixtures.pod(nodeName, List.of(Map.of("cpu", cpu)), List.of(), uid);
    }

    private static Pod memoryPod(String uid, String memory, String nodeName) {
        return Fixtures.pod(nodeName, List.of(Map.of("memory", memory)), List.of(), uid);
    }

    static Stream<Arguments> podEvents() {
        return Stream.of(
                Arguments.of("queue-on-other-pod-deleted", cpuPod("pod1", "pod1", "1", null), cpuPod("pod2", "pod2", "1", "fake"), null,
                        QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-unscheduled-pod-deleted", new Pod(), new Pod(), null, QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-nominated-pod-deleted", new Pod(),
                        new PodBuilder().withNewStatus().withNominatedNodeName("n").endStatus().build(), null, QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-other-unscheduled-pod", cpuPod("pod1", "uid0", "1", null), cpuPod("pod2", "uid1", "2", null),
                        cpuPod("pod2", "uid1", "1", null), QueueingHint.QUEUE_SKIP),
                Arguments.of("skip-queue-on-other-pod-unrelated-resource-scaled-down", cpuPod("pod1", "pod1", "1", null),
                        memoryPod("pod2", "2", "fake"), memoryPod("pod2", "1", "fake"), QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-other-pod-some-resource-scale-down", cpuPod("pod1", "pod1", "1", null),
                        cpuPod("pod2", "pod2", "2", "fake"), cpuPod("pod2", "pod2", "1", "fake"), QueueingHint.QUEUE),
                Arguments.of("queue-on-target-pod-some-resource-scale-down", cpuPod("pod1", "pod1", "1", null),
                        cpuPod("pod1", "pod1", "2", null), cpuPod("pod1", "pod1", "1", null), QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "Test_isSchedulableAfterPodChange/{0}")
    @MethodSource("podEvents")
    void podEvents(String name, Pod pod, Pod oldObj, Pod newObj, QueueingHint want) {
        assertThat(NodeResourcesFit.isSchedulableAfterPodEvent(pod, oldObj, newObj)).isEqualTo(want);
    }

    @Test
    void wrongObjectsAreErrors() {
        // Test_isSchedulableAfterPodChange/backoff-wrong-*-object, Test_isSchedulableAfterNodeChange/backoff-wrong-*-object
        assertThatThrownBy(() -> NodeResourcesFit.isSchedulableAfterPodEvent(new Pod(), "not-a-pod", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeResourcesFit.isSchedulableAfterPodEvent(new Pod(), null, "not-a-pod")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeResourcesFit.isSchedulableAfterNodeChange(new Pod(), null, "not-a-node")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeResourcesFit.isSchedulableAfterNodeChange(new Pod(), "not-a-node", new Node())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Node cap(Map<String, String> capacity) {
        return node("n", capacity);
    }

    static Stream<Arguments> nodeEvents() {
        Pod memAndExt = resourcePod(new Usage(0, 2, 0, Map.of(EXTENDED_A, 1L)));
        return Stream.of(
                Arguments.of("skip-queue-on-node-add-without-sufficient-resources", resourcePod(Usage.of(0, 2)), null,
                        cap(Map.of("memory", "1")), QueueingHint.QUEUE_SKIP),
                Arguments.of("skip-queue-on-node-add-without-required-resource-type", resourcePod(Usage.scalar(0, 0, EXTENDED_A, 1)), null,
                        cap(Map.of(EXTENDED_B, "1")), QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-node-add-with-sufficient-resources", memAndExt, null,
                        cap(Map.of("memory", "4", EXTENDED_A, "2")), QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-node-unrelated-changes", memAndExt, cap(Map.of("memory", "2", EXTENDED_A, "2")),
                        cap(Map.of("memory", "2", EXTENDED_A, "1", EXTENDED_B, "2")), QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-pod-requested-resources-increase", memAndExt, cap(Map.of("memory", "2", EXTENDED_A, "1")),
                        cap(Map.of("memory", "2", EXTENDED_A, "2")), QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-node-changes-from-suitable-to-unsuitable", memAndExt, cap(Map.of("memory", "4", EXTENDED_A, "2")),
                        cap(Map.of("memory", "1", EXTENDED_A, "2")), QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-node-changes-from-unsuitable-to-suitable", memAndExt, cap(Map.of("memory", "1", EXTENDED_A, "2")),
                        cap(Map.of("memory", "4", EXTENDED_A, "2")), QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "Test_isSchedulableAfterNodeChange/{0}")
    @MethodSource("nodeEvents")
    void nodeEvents(String name, Pod pod, Node oldObj, Node newObj, QueueingHint want) {
        assertThat(NodeResourcesFit.isSchedulableAfterNodeChange(pod, oldObj, newObj)).isEqualTo(want);
    }

    static Stream<Arguments> requestedResourcesIncreased() {
        Pod full = resourcePod(new Usage(2, 2, 2, Map.of(EXTENDED_A, 2L)));
        Map<String, String> base = Map.of("cpu", "1", "memory", "2", "ephemeral-storage", "3", EXTENDED_A, "4");
        return Stream.of(
                Arguments.of("no-requested-resources", resourcePod(Usage.of(0, 0)),
                        Map.of("pods", "1", "cpu", "1", "memory", "1", "ephemeral-storage", "1", EXTENDED_A, "1"),
                        Map.of("pods", "1", "cpu", "2", "memory", "2", "ephemeral-storage", "2", EXTENDED_A, "2"), false),
                Arguments.of("no-requested-resources-pods-increased", resourcePod(Usage.of(0, 0)),
                        Map.of("pods", "1", "cpu", "1", "memory", "1", "ephemeral-storage", "1", EXTENDED_A, "1"),
                        Map.of("pods", "2", "cpu", "1", "memory", "1", "ephemeral-storage", "1", EXTENDED_A, "1"), true),
                Arguments.of("requested-resources-decreased", full, base,
                        Map.of("cpu", "1", "memory", "2", "ephemeral-storage", "1", EXTENDED_A, "1"), false),
                Arguments.of("requested-resources-increased", full, base,
                        Map.of("cpu", "3", "memory", "4", "ephemeral-storage", "3", EXTENDED_A, "4"), true),
                Arguments.of("non-requested-resources-decreased", resourcePod(Usage.of(2, 2)), base,
                        Map.of("cpu", "1", "memory", "2", "ephemeral-storage", "1", EXTENDED_A, "1"), false),
                Arguments.of("non-requested-resources-increased", resourcePod(Usage.of(2, 2)), base,
                        Map.of("cpu", "1", "memory", "2", "ephemeral-storage", "5", EXTENDED_A, "6"), false));
    }

    @ParameterizedTest(name = "TestHaveAnyRequestedResourcesIncreased/{0}")
    @MethodSource("requestedResourcesIncreased")
    void requestedResourcesIncreased(String name, Pod pod, Map<String, String> original, Map<String, String> modified, boolean want) {
        assertThat(NodeResourcesFit.haveAnyRequestedResourcesIncreased(pod, cap(original), cap(modified))).isEqualTo(want);
    }
}
