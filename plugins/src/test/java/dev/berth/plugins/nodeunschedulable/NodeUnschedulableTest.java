package dev.berth.plugins.nodeunschedulable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeUnschedulableTest {

    private final NodeUnschedulable plugin =
            (NodeUnschedulable) new NodeUnschedulable.Factory().create(PluginArgs.empty(), TestHandle.empty());

    private static final Pod PLAIN = MakePod.pod("p").uid("uid0").build();
    private static final Pod TOLERATING = MakePod.pod("p").uid("uid0").toleration(new TolerationBuilder()
            .withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").build()).build();

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("TestNodeUnschedulable/Does not schedule pod to unschedulable node", PLAIN,
                        MakeNode.node("n").unschedulable().build(), Status.unresolvable("node(s) were unschedulable")),
                Arguments.of("TestNodeUnschedulable/Schedule pod to normal node", PLAIN, MakeNode.node("n").build(), Status.SUCCESS),
                Arguments.of("TestNodeUnschedulable/Schedule pod with toleration to unschedulable node", TOLERATING,
                        MakeNode.node("n").unschedulable().build(), Status.SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, Pod pod, Node node, Status want) {
        assertThat(plugin.filter(new CycleState(), pod, NodeInfo.of(node))).isEqualTo(want);
    }

    static Stream<Arguments> nodeHintCases() {
        Node cordoned = MakeNode.node("n").unschedulable().build();
        return Stream.of(
                Arguments.of("TestIsSchedulableAfterNodeChange/backoff-wrong-new-object", null, "not-a-node", QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/backoff-wrong-old-object", "not-a-node", cordoned, QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/skip-queue-on-unschedulable-node-added", null, cordoned, QueueingHint.QUEUE_SKIP),
                Arguments.of("TestIsSchedulableAfterNodeChange/queue-on-schedulable-node-added", null, MakeNode.node("n").build(),
                        QueueingHint.QUEUE),
                Arguments.of("TestIsSchedulableAfterNodeChange/skip-unrelated-change", cordoned,
                        MakeNode.node("n").unschedulable().taint("node.kubernetes.io/not-ready", null, "NoExecute").build(),
                        QueueingHint.QUEUE_SKIP),
                Arguments.of("TestIsSchedulableAfterNodeChange/queue-on-unschedulable-field-change", cordoned, MakeNode.node("n").build(),
                        QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeHintCases")
    void nodeHint(String name, Object oldObj, Object newObj, QueueingHint want) {
        assertThat(NodeUnschedulable.afterNodeChange(PLAIN, oldObj, newObj)).isEqualTo(want);
    }

    @Test
    void podTolerationHintQueuesOnlyTheRejectedPodWhenItNowToleratesTheCordon() {
        Pod other = MakePod.pod("q").uid("uid1").toleration(TOLERATING.getSpec().getTolerations().get(0)).build();
        assertThat(NodeUnschedulable.afterPodTolerationChange(PLAIN, PLAIN, TOLERATING)).isEqualTo(QueueingHint.QUEUE);
        assertThat(NodeUnschedulable.afterPodTolerationChange(PLAIN, PLAIN, PLAIN)).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(NodeUnschedulable.afterPodTolerationChange(PLAIN, other, other)).isEqualTo(QueueingHint.QUEUE_SKIP);
    }

    @Test
    void registersNodeAddOrTaintUpdateAndPodTolerationUpdate() {
        assertThat(plugin.eventsToRegister()).extracting(ClusterEventWithHint::event).containsExactly(
                ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_TAINT),
                ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_TOLERATIONS));
    }
}
