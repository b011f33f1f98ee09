package dev.berth.plugins.nodename;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHintFunction;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeNameTest {

    private final NodeName plugin = (NodeName) new NodeName.Factory().create(PluginArgs.empty(), TestHandle.empty());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("TestNodeName/no host specified", MakePod.pod("p").node("").build(),
                        new NodeBuilder().withNewMetadata().endMetadata().build(), Status.SUCCESS),
                Arguments.of("TestNodeName/host matches", MakePod.pod("p").node("foo").build(), MakeNode.node("foo").build(), Status.SUCCESS),
                Arguments.of("TestNodeName/host doesn't match", MakePod.pod("p").node("bar").build(), MakeNode.node("foo").build(),
                        Status.unresolvable("node(s) didn't match the requested node name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, Pod pod, Node node, Status want) {
        assertThat(plugin.filter(new CycleState(), pod, NodeInfo.of(node))).isEqualTo(want);
    }

    @Test
    void registersNodeAddWithoutHint() {
        assertThat(plugin.eventsToRegister()).containsExactly(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD), QueueingHintFunction.ALWAYS_QUEUE));
    }
}
