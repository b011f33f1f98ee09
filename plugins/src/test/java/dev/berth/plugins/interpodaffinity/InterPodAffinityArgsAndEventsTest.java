package dev.berth.plugins.interpodaffinity;

import static dev.berth.plugins.interpodaffinity.AffinityFixtures.in;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.node;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Args defaults and validation (upstream's v1 defaults and ValidateInterPodAffinityArgs), registered events and hints. */
class InterPodAffinityArgsAndEventsTest {

    @Test
    void defaultsMatchUpstreamV1() {
        InterPodAffinityArgs args = PluginArgs.empty().decode(InterPodAffinityArgs.class);
        assertThat(args).isEqualTo(new InterPodAffinityArgs(1, false));
    }

    @Test
    void decodesUpstreamFieldNames() {
        InterPodAffinityArgs args = PluginArgs.of(Map.of("apiVersion", "kubescheduler.config.k8s.io/v1", "kind", "InterPodAffinityArgs",
                "hardPodAffinityWeight", 5, "ignorePreferredTermsOfExistingPods", true)).decode(InterPodAffinityArgs.class);
        assertThat(args).isEqualTo(new InterPodAffinityArgs(5, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100})
    void weightsInRangeAreValid(int weight) {
        assertThat(InterPodAffinityArgs.of(weight, false).validate().hardPodAffinityWeight()).isEqualTo(weight);
    }

    /** Upstream's validation_pluginargs_test.go: "hardPodAffinityWeight less than min" and "... more than max". */
    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void weightsOutOfRangeAreRejected(int weight) {
        assertThatThrownBy(() -> new InterPodAffinity.Factory().create(PluginArgs.of(Map.of("hardPodAffinityWeight", weight)), TestHandle.empty()))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> {
                    assertThat(e.field()).isEqualTo("hardPodAffinityWeight");
                    assertThat(e.getMessage()).isEqualTo("Invalid value: " + weight + ": not in valid range [0, 100]");
                });
    }

    @Test
    void factoryCreatesPluginWithItsName() {
        assertThat(new InterPodAffinity.Factory().name()).isEqualTo("InterPodAffinity");
        assertThat(new InterPodAffinity.Factory().create(PluginArgs.empty(), TestHandle.empty()).name()).isEqualTo("InterPodAffinity");
    }

    @Test
    void registersUpstreamEvents() {
        InterPodAffinity p = new InterPodAffinity(InterPodAffinityArgs.defaults(), TestHandle.empty());
        assertThat(p.eventsToRegister()).extracting(ClusterEventWithHint::event).extracting(ClusterEvent::resource, ClusterEvent::actions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ClusterEvent.POD, Set.of(ActionType.ADD, ActionType.UPDATE_POD_LABEL, ActionType.DELETE)),
                        org.assertj.core.groups.Tuple.tuple(ClusterEvent.NODE,
                                Set.of(ActionType.ADD, ActionType.UPDATE_NODE_LABEL, ActionType.UPDATE_NODE_TAINT)));
    }

    /** A hint case: the pending pod, the old and new object of the event, and the expected hint. */
    record HintCase(String name, Pod pod, Object oldObj, Object newObj, QueueingHint want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pod WANTS_AAA = pod().affinity(in("aaa", "hostname", "a")).antiAffinity(in("bbb", "hostname", "b")).build();

    static Stream<HintCase> podHints() {
        Pod assignedA = pod().node("n").label("aaa", "a").build();
        Pod assignedB = pod().node("n").label("bbb", "b").build();
        Pod assignedPlain = pod().node("n").build();
        return Stream.of(
                new HintCase("add an unscheduled pod: skip", WANTS_AAA, null, pod().label("aaa", "a").build(), QueueingHint.QUEUE_SKIP),
                new HintCase("add a pod matching affinity: queue", WANTS_AAA, null, assignedA, QueueingHint.QUEUE),
                new HintCase("add a pod not matching affinity: skip", WANTS_AAA, null, assignedB, QueueingHint.QUEUE_SKIP),
                new HintCase("relabel a pod to match affinity: queue", WANTS_AAA, assignedPlain, assignedA, QueueingHint.QUEUE),
                new HintCase("relabel a pod away from anti-affinity: queue", WANTS_AAA, assignedB, assignedPlain, QueueingHint.QUEUE),
                new HintCase("relabel a pod without effect: skip", WANTS_AAA, assignedPlain, assignedPlain, QueueingHint.QUEUE_SKIP),
                new HintCase("delete a pod matching anti-affinity: queue", WANTS_AAA, assignedB, null, QueueingHint.QUEUE),
                new HintCase("delete a pod not matching anti-affinity: skip", WANTS_AAA, assignedA, null, QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podHints")
    void podHint(HintCase c) {
        assertThat(InterPodAffinity.isSchedulableAfterPodChange(c.pod(), c.oldObj(), c.newObj())).isEqualTo(c.want());
    }

    static Stream<HintCase> nodeHints() {
        Pod antiOnly = pod().antiAffinity(in("bbb", "zone", "b")).build();
        return Stream.of(
                new HintCase("node with the affinity topology key: queue", WANTS_AAA, null, node("n", Map.of("hostname", "n")), QueueingHint.QUEUE),
                new HintCase("node with the anti-affinity topology key: queue", antiOnly, null, node("n", Map.of("zone", "z")), QueueingHint.QUEUE),
                new HintCase("node without a topology key: skip", WANTS_AAA, node("n", Map.of()), node("n", Map.of("zone", "z")), QueueingHint.QUEUE_SKIP),
                new HintCase("pod without affinity: skip", pod().build(), null, node("n", Map.of("hostname", "n")), QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeHints")
    void nodeHint(HintCase c) {
        assertThat(InterPodAffinity.isSchedulableAfterNodeChange(c.pod(), c.oldObj(), c.newObj())).isEqualTo(c.want());
    }
}
