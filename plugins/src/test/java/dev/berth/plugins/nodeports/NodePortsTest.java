package dev.berth.plugins.nodeports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.QueueingHintFunction;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePortsTest {

    private static final Status CONFLICT = Status.unschedulable("node(s) didn't have free ports for the requested pod ports");

    private final NodePorts plugin = (NodePorts) new NodePorts.Factory().create(PluginArgs.empty(), TestHandle.empty());

    /** Upstream's {@code newPod(host, "PROTO/ip/port"...)}: one container per port. */
    static Pod pod(String... portInfos) {
        MakePod p = MakePod.pod("p").node("m1");
        for (String info : portInfos) {
            String[] parts = info.split("/");
            p.hostPort(parts[1], parts[0], Integer.parseInt(parts[2]));
        }
        return p.build();
    }

    static NodeInfo nodeWith(Pod existing) {
        return NodeInfo.of(MakeNode.node("m1").build(), PodInfo.of(existing));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("TestNodePorts/other port", pod("UDP/127.0.0.1/8080"), pod("UDP/127.0.0.1/9090"), Status.SUCCESS),
                Arguments.of("TestNodePorts/same udp port", pod("UDP/127.0.0.1/8080"), pod("UDP/127.0.0.1/8080"), CONFLICT),
                Arguments.of("TestNodePorts/same tcp port", pod("TCP/127.0.0.1/8080"), pod("TCP/127.0.0.1/8080"), CONFLICT),
                Arguments.of("TestNodePorts/different host ip", pod("TCP/127.0.0.1/8080"), pod("TCP/127.0.0.2/8080"), Status.SUCCESS),
                Arguments.of("TestNodePorts/different protocol", pod("UDP/127.0.0.1/8080"), pod("TCP/127.0.0.1/8080"), Status.SUCCESS),
                Arguments.of("TestNodePorts/second udp port conflict", pod("UDP/127.0.0.1/8000", "UDP/127.0.0.1/8080"),
                        pod("UDP/127.0.0.1/8080"), CONFLICT),
                Arguments.of("TestNodePorts/first tcp port conflict", pod("TCP/127.0.0.1/8001", "UDP/127.0.0.1/8080"),
                        pod("TCP/127.0.0.1/8001", "UDP/127.0.0.1/8081"), CONFLICT),
                Arguments.of("TestNodePorts/first tcp port conflict due to 0.0.0.0 hostIP", pod("TCP/0.0.0.0/8001"),
                        pod("TCP/127.0.0.1/8001"), CONFLICT),
                Arguments.of("TestNodePorts/TCP hostPort conflict due to 0.0.0.0 hostIP", pod("TCP/10.0.10.10/8001", "TCP/0.0.0.0/8001"),
                        pod("TCP/127.0.0.1/8001"), CONFLICT),
                Arguments.of("TestNodePorts/second tcp port conflict to 0.0.0.0 hostIP", pod("TCP/127.0.0.1/8001"),
                        pod("TCP/0.0.0.0/8001"), CONFLICT),
                Arguments.of("TestNodePorts/second different protocol", pod("UDP/127.0.0.1/8001"), pod("TCP/0.0.0.0/8001"), Status.SUCCESS),
                Arguments.of("TestNodePorts/UDP hostPort conflict due to 0.0.0.0 hostIP", pod("UDP/127.0.0.1/8001"),
                        pod("TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"), CONFLICT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilterThenFilter(String name, Pod pod, Pod existing, Status want) {
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, pod, List.of()).status()).isEqualTo(Status.SUCCESS);
        assertThat(plugin.filter(state, pod, nodeWith(existing))).isEqualTo(want);
    }

    @Test
    void preFilterSkipsPodsWithoutHostPorts() {
        // TestNodePorts/skip filter
        PreFilterResult result = plugin.preFilter(new CycleState(), MakePod.pod("p").build(), List.of());
        assertThat(result.status().isSkip()).isTrue();
    }

    @Test
    void filterWithoutPreFilterIsAnError() {
        // TestPreFilterDisabled: the framework turns the missing state into an Error status.
        assertThatThrownBy(() -> plugin.filter(new CycleState(), pod("TCP/127.0.0.1/8080"), nodeWith(pod("TCP/127.0.0.1/9090"))))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void sidecarHostPortsCountAsUpstreamGetHostPorts() {
        // MakePod has no init container with ports; set them on the built pods.
        Pod pod = MakePod.pod("p").build();
        pod.getSpec().setInitContainers(List.of(new ContainerBuilder().withName("s").withRestartPolicy("Always")
                .withPorts(new ContainerPortBuilder().withHostPort(8080).withProtocol("TCP").build()).build()));
        assertThat(NodePorts.hostPorts(pod)).containsExactly(new NodePorts.HostPort(null, "TCP", 8080));
        Pod plainInit = MakePod.pod("p").build();
        plainInit.getSpec().setInitContainers(List.of(new ContainerBuilder().withName("i")
                .withPorts(new ContainerPortBuilder().withHostPort(8080).build()).build()));
        assertThat(NodePorts.hostPorts(plainInit)).isEmpty();
    }

    static Stream<Arguments> deletedPodHintCases() {
        return Stream.of(
                Arguments.of("Test_isSchedulableAfterPodDeleted/backoff-wrong-old-object", "not-a-pod", QueueingHint.QUEUE),
                Arguments.of("Test_isSchedulableAfterPodDeleted/skip-queue-on-unscheduled", MakePod.pod("d").build(), QueueingHint.QUEUE_SKIP),
                Arguments.of("Test_isSchedulableAfterPodDeleted/skip-queue-on-non-hostport", MakePod.pod("d").node("fake-node").build(),
                        QueueingHint.QUEUE_SKIP),
                Arguments.of("Test_isSchedulableAfterPodDeleted/skip-queue-on-unrelated-hostport",
                        MakePod.pod("d").node("fake-node").hostPort("", "", 8081).build(), QueueingHint.QUEUE_SKIP),
                Arguments.of("Test_isSchedulableAfterPodDeleted/queue-on-released-hostport",
                        MakePod.pod("d").node("fake-node").hostPort("", "", 8080).build(), QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deletedPodHintCases")
    void deletedPodHint(String name, Object deleted, QueueingHint want) {
        Pod pod = MakePod.pod("p").hostPort("", "", 8080).build();
        assertThat(NodePorts.afterPodDeleted(pod, deleted, null)).isEqualTo(want);
    }

    @Test
    void registersAssignedPodDeleteWithHintAndNodeAdd() {
        List<ClusterEventWithHint> events = plugin.eventsToRegister();
        assertThat(events).extracting(ClusterEventWithHint::event).containsExactly(
                ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE), ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD));
        assertThat(events.get(1).hint()).isSameAs(QueueingHintFunction.ALWAYS_QUEUE);
    }
}
