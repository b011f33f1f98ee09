package dev.berth.framework.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueueingHint;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventHintsTest {

    private static final ClusterEvent NODE_ADD = ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD);
    private static final ClusterEvent NODE_TAINT = ClusterEvent.of(ClusterEvent.NODE, ActionType.UPDATE_NODE_TAINT);
    private static final ClusterEvent POD_DELETE = ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE);

    private static ClusterEventWithHint hinted(ClusterEvent event, QueueingHint hint) {
        return new ClusterEventWithHint(event, (pod, oldObj, newObj) -> hint);
    }

    static Stream<Arguments> cases() {
        FakePolicy policy = new FakePolicy()
                .register("Fit", hinted(NODE_ADD, QueueingHint.QUEUE))
                .register("Taint", hinted(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_TAINT), QueueingHint.QUEUE_SKIP))
                .register("Broken", new ClusterEventWithHint(NODE_ADD, (pod, oldObj, newObj) -> {
                    throw new IllegalStateException("boom");
                }))
                .register("Deaf");
        return Stream.of(
                Arguments.of("matching event, hint QUEUE", policy, Set.of("Fit"), Set.of(), NODE_ADD, true),
                Arguments.of("matching event, hint QUEUE_SKIP", policy, Set.of("Taint"), Set.of(), NODE_TAINT, false),
                Arguments.of("event of another resource", policy, Set.of("Fit"), Set.of(), POD_DELETE, false),
                Arguments.of("event of another action", policy, Set.of("Fit"), Set.of(), NODE_TAINT, false),
                Arguments.of("plugin without EnqueueExtensions", policy, Set.of("NoExtensions"), Set.of(), POD_DELETE, true),
                Arguments.of("plugin registered no events", policy, Set.of("Deaf"), Set.of(), NODE_ADD, false),
                Arguments.of("throwing hint counts as QUEUE", policy, Set.of("Broken"), Set.of(), NODE_ADD, true),
                Arguments.of("any rejector saying QUEUE wins", policy, Set.of("Taint", "Fit"), Set.of(), NODE_ADD, true),
                Arguments.of("pending plugin is asked too", policy, Set.of(), Set.of("Fit"), NODE_ADD, true),
                Arguments.of("no rejector: any event", policy, Set.of(), Set.of(), POD_DELETE, true),
                Arguments.of("timeout overrides QUEUE_SKIP", policy, Set.of("Taint"), Set.of(), ClusterEvent.UNSCHEDULABLE_TIMEOUT, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhetherTheEventMayHelp(String name, QueueingPolicy policy, Set<String> unschedulable, Set<String> pending,
            ClusterEvent event, boolean expected) {
        QueuedPod pod = new QueuedPod(PodInfo.of(TestPods.pod("p")), Instant.EPOCH);
        pod.setUnschedulablePlugins(unschedulable);
        pod.setPendingPlugins(pending);

        assertThat(EventHints.mayHelp(pod, policy, event, null, null)).isEqualTo(expected);
    }
}
