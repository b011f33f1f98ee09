package dev.berth.plugins.schedulinggates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulingGatesTest {

    private final SchedulingGates plugin = (SchedulingGates) new SchedulingGates.Factory().create(PluginArgs.empty(), TestHandle.empty());

    static Stream<Arguments> preEnqueueCases() {
        return Stream.of(
                Arguments.of("TestPreEnqueue/pod does not carry scheduling gates", MakePod.pod("p").build(), Status.SUCCESS),
                Arguments.of("TestPreEnqueue/pod carries scheduling gates",
                        MakePod.pod("p").edit(b -> b.editSpec().withSchedulingGates(
                                new PodSchedulingGate("foo"), new PodSchedulingGate("bar")).endSpec()).build(),
                        Status.unresolvable("waiting for scheduling gates: [foo bar]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preEnqueueCases")
    void preEnqueue(String name, Pod pod, Status want) {
        assertThat(plugin.preEnqueue(pod)).isEqualTo(want);
    }

    @Test
    void registersGateRemovalOfThePodWithAQueueingHint() {
        List<ClusterEventWithHint> events = plugin.eventsToRegister();
        assertThat(events).extracting(ClusterEventWithHint::event)
                .containsExactly(ClusterEvent.of(ClusterEvent.POD, ActionType.UPDATE_POD_SCHEDULING_GATES_ELIMINATED));
        Pod pod = MakePod.pod("p").build();
        assertThat(events.get(0).hint().hint(pod, pod, pod)).isEqualTo(QueueingHint.QUEUE);
        assertThat(plugin.name()).isEqualTo("SchedulingGates");
    }
}
