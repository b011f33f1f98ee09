package dev.berth.plugins.tainttoleration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaintTolerationTest {

    private final TaintToleration plugin = (TaintToleration) new TaintToleration.Factory().create(PluginArgs.empty(), TestHandle.empty());

    static Node node(String name, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withTaints(taints).endSpec().build();
    }

    static Taint taint(String key, String value, String effect) {
        return new Taint(effect, key, null, value);
    }

    static Toleration toleration(String key, String op, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(op).withValue(value).withEffect(effect).build();
    }

    static Pod pod(Toleration... tolerations) {
        MakePod p = MakePod.pod("pod1").uid("uid0");
        for (Toleration t : tolerations) {
            p.toleration(t);
        }
        return p.build();
    }

    static Stream<Arguments> scoreCases() {
        return Stream.of(
                Arguments.of("TestTaintTolerationScore/node with taints tolerated by the pod, gets a higher score than those node with intolerable taints",
                        pod(toleration("foo", "Equal", "bar", "PreferNoSchedule")),
                        List.of(node("nodeA", taint("foo", "bar", "PreferNoSchedule")), node("nodeB", taint("foo", "blah", "PreferNoSchedule"))),
                        new long[] {100, 0}),
                Arguments.of("TestTaintTolerationScore/the nodes that all of their taints are tolerated by the pod, get the same score",
                        pod(toleration("cpu-type", "Equal", "arm64", "PreferNoSchedule"), toleration("disk-type", "Equal", "ssd", "PreferNoSchedule")),
                        List.of(node("nodeA"), node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
                                node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[] {100, 100, 100}),
                Arguments.of("TestTaintTolerationScore/the more intolerable taints a node has, the lower score it gets.",
                        pod(toleration("foo", "Equal", "bar", "PreferNoSchedule")),
                        List.of(node("nodeA"), node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule")),
                                node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[] {100, 50, 0}),
                Arguments.of("TestTaintTolerationScore/only taints and tolerations that have effect PreferNoSchedule are checked",
                        pod(toleration("cpu-type", "Equal", "arm64", "NoSchedule"), toleration("disk-type", "Equal", "ssd", "NoSchedule")),
                        List.of(node("nodeA"), node("nodeB", taint("cpu-type", "arm64", "NoSchedule")),
                                node("nodeC", taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule"))),
                        new long[] {100, 100, 0}),
                Arguments.of("TestTaintTolerationScore/Default behaviour No taints and tolerations, lands on node with no taints",
                        pod(), List.of(node("nodeA"), node("nodeB", taint("cpu-type", "arm64", "PreferNoSchedule"))),
                        new long[] {100, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void scoreAfterNormalize(String name, Pod pod, List<Node> nodes, long[] want) {
        CycleState state = new CycleState();
        List<NodeInfo> infos = new ArrayList<>();
        nodes.forEach(n -> infos.add(NodeInfo.of(n)));
        assertThat(plugin.preScore(state, pod, infos)).isEqualTo(Status.SUCCESS);
        String[] names = new String[infos.size()];
        long[] scores = new long[infos.size()];
        for (int i = 0; i < infos.size(); i++) {
            names[i] = infos.get(i).nodeName();
            scores[i] = plugin.score(state, pod, infos.get(i));
        }
        NodeScores list = new NodeScores(names, scores);
        assertThat(plugin.scoreExtensions().orElseThrow().normalizeScore(state, pod, list)).isEqualTo(Status.SUCCESS);
        assertThat(scores).containsExactly(want);
    }

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("TestTaintTolerationFilter/A pod having no tolerations can't be scheduled onto a node with nonempty taints",
                        pod(), node("nodeA", taint("dedicated", "user1", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {dedicated: user1}")),
                Arguments.of("TestTaintTolerationFilter/A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule",
                        pod(toleration("dedicated", null, "user1", "NoSchedule")), node("nodeA", taint("dedicated", "user1", "NoSchedule")),
                        Status.SUCCESS),
                Arguments.of("TestTaintTolerationFilter/A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
                        pod(toleration("dedicated", "Equal", "user2", "NoSchedule")), node("nodeA", taint("dedicated", "user1", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {dedicated: user1}")),
                Arguments.of("TestTaintTolerationFilter/A pod can be scheduled onto the node, with a toleration uses operator Exists",
                        pod(toleration("foo", "Exists", null, "NoSchedule")), node("nodeA", taint("foo", "bar", "NoSchedule")), Status.SUCCESS),
                Arguments.of("TestTaintTolerationFilter/A pod has multiple tolerations, node has multiple taints, all the taints are tolerated",
                        pod(toleration("dedicated", "Equal", "user2", "NoSchedule"), toleration("foo", "Exists", null, "NoSchedule")),
                        node("nodeA", taint("dedicated", "user2", "NoSchedule"), taint("foo", "bar", "NoSchedule")), Status.SUCCESS),
                Arguments.of("TestTaintTolerationFilter/A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match",
                        pod(toleration("foo", "Equal", "bar", "PreferNoSchedule")), node("nodeA", taint("foo", "bar", "NoSchedule")),
                        Status.unresolvable("node(s) had untolerated taint {foo: bar}")),
                Arguments.of("TestTaintTolerationFilter/The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty",
                        pod(toleration("foo", "Equal", "bar", null)), node("nodeA", taint("foo", "bar", "NoSchedule")), Status.SUCCESS),
                Arguments.of("TestTaintTolerationFilter/The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule",
                        pod(toleration("dedicated", "Equal", "user2", "NoSchedule")), node("nodeA", taint("dedicated", "user1", "PreferNoSchedule")),
                        Status.SUCCESS),
                Arguments.of("TestTaintTolerationFilter/The pod has no toleration, but the effect of taint on node is PreferNoSchedule",
                        pod(), node("nodeA", taint("dedicated", "user1", "PreferNoSchedule")), Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, Pod pod, Node node, Status want) {
        assertThat(plugin.filter(new CycleState(), pod, NodeInfo.of(node))).isEqualTo(want);
    }

    static Stream<Arguments> nodeHintCases() {
        Pod pod = pod(toleration("dedicated", "Equal", "user2", "NoSchedule"));
        Node user1 = node("nodeA", taint("dedicated", "user1", "NoSchedule"));
        return Stream.of(
                Arguments.of("TestIsSchedulableAfterNodeChange/backoff-wrong-new-object", pod, null, "not-a-node", QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/backoff-wrong-old-object", pod, "not-a-node", user1, QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/skip-queue-on-untoleratedtaint-node-added", pod, null, user1, QueueingHint.QUEUE_SKIP),
                Arguments.of("TestIsSchedulableAfterNodeChange/queue-on-toleratedtaint-node-added", pod, null,
                        node("nodeA", taint("dedicated", "user2", "NoSchedule")), QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/skip-unrelated-change", pod, user1,
                        node("nodeA", taint("dedicated", "user1", "NoSchedule"), taint("dedicated", "user3", "NoSchedule")), QueueingHint.QUEUE_SKIP),
                Arguments.of("TestIsSchedulableAfterNodeChange/queue-on-taint-change", pod, user1,
                        node("nodeA", taint("dedicated", "user2", "NoSchedule")), QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeHintCases")
    void nodeHint(String name, Pod pod, Object oldObj, Object newObj, QueueingHint want) {
        assertThat(TaintToleration.afterNodeChange(pod, oldObj, newObj)).isEqualTo(want);
    }

    @Test
    void podHintQueuesOnlyTheRejectedPod() {
        Pod target = pod();
        Pod other = MakePod.pod("pod-2").uid("uid1").build();
        assertThat(TaintToleration.afterPodTolerationChange(target, other, other)).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(TaintToleration.afterPodTolerationChange(target, target, target)).isEqualTo(QueueingHint.QUEUE);
        assertThat(TaintToleration.afterPodTolerationChange(target, null, "not-a-pod")).isEqualTo(QueueingHint.QUEUE);
    }

    @Test
    void scoreWithoutPreScoreIsAnError() {
        assertThatThrownBy(() -> plugin.score(new CycleState(), pod(), NodeInfo.of(node("n")))).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void registersNodeAddOrTaintUpdateAndPodTolerationUpdate() {
        assertThat(plugin.eventsToRegister()).extracting(ClusterEventWithHint::event).containsExactly(
                ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_TAINT),
                ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_TOLERATIONS));
    }
}
