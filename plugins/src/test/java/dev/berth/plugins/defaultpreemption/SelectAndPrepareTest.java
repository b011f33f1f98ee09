package dev.berth.plugins.defaultpreemption;

import static dev.berth.plugins.defaultpreemption.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.LARGE_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.LOW_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.MEDIUM_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.NEG_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.SMALL_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.VERY_HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.VERY_LARGE_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.nodes;
import static dev.berth.plugins.defaultpreemption.Fixtures.pod;
import static dev.berth.plugins.defaultpreemption.Fixtures.startedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ClusterWatcher;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EventRecord;
import dev.berth.framework.api.NodeToStatus;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PostFilterResult;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestSelectBestCandidate, TestPodEligibleToPreemptOthers and TestPreempt (default_preemption_test.go). */
class SelectAndPrepareTest {

    record BestCase(String name, List<String> nodeNames, Pod pod, List<Pod> pods, List<String> expected) {
        @Override
        public String toString() {
            return "TestSelectBestCandidate: " + name;
        }
    }

    /** A pod started at the epoch, as every pod of upstream's TestSelectBestCandidate except the start-time cases. */
    private static Pod victim(String name, String node, int priority, Map<String, String> res) {
        return startedAt(pod(name).node(node).priority(priority).container(res), 0).build();
    }

    private static Pod victimAt(String name, String node, int priority, long startNanos) {
        return startedAt(pod(name).node(node).priority(priority).container(MEDIUM_RES), startNanos).build();
    }

    static Stream<BestCase> bestCases() {
        Pod veryLarge = pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES).build();
        List<String> three = List.of("node1", "node2", "node3");
        return Stream.of(
                new BestCase("a pod that fits on both nodes when lower priority pods are preempted", List.of("node1", "node2"),
                        pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                        List.of(victim("p1", "node1", MID_PRIORITY, LARGE_RES), victim("p2", "node2", MID_PRIORITY, LARGE_RES)),
                        List.of("node1", "node2")),
                new BestCase("node with min highest priority pod is picked", three, veryLarge,
                        List.of(victim("p1.1", "node1", MID_PRIORITY, MEDIUM_RES), victim("p1.2", "node1", MID_PRIORITY, LARGE_RES),
                                victim("p2.1", "node2", MID_PRIORITY, MEDIUM_RES), victim("p2.2", "node2", LOW_PRIORITY, MEDIUM_RES),
                                victim("p3.1", "node3", LOW_PRIORITY, MEDIUM_RES), victim("p3.2", "node3", LOW_PRIORITY, MEDIUM_RES)),
                        List.of("node3")),
                new BestCase("when highest priorities are the same, minimum sum of priorities is picked", three, veryLarge,
                        List.of(victim("p1.1", "node1", MID_PRIORITY, MEDIUM_RES), victim("p1.2", "node1", MID_PRIORITY, LARGE_RES),
                                victim("p2.1", "node2", MID_PRIORITY, LARGE_RES), victim("p2.2", "node2", LOW_PRIORITY, MEDIUM_RES),
                                victim("p3.1", "node3", MID_PRIORITY, MEDIUM_RES), victim("p3.2", "node3", MID_PRIORITY, MEDIUM_RES)),
                        List.of("node2")),
                new BestCase("when highest priority and sum are the same, minimum number of pods is picked", three, veryLarge,
                        List.of(victim("p1.1", "node1", MID_PRIORITY, SMALL_RES), victim("p1.2", "node1", NEG_PRIORITY, SMALL_RES),
                                victim("p1.3", "node1", MID_PRIORITY, SMALL_RES), victim("p1.4", "node1", NEG_PRIORITY, SMALL_RES),
                                victim("p2.1", "node2", MID_PRIORITY, LARGE_RES), victim("p2.2", "node2", NEG_PRIORITY, MEDIUM_RES),
                                victim("p3.1", "node3", MID_PRIORITY, MEDIUM_RES), victim("p3.2", "node3", NEG_PRIORITY, SMALL_RES),
                                victim("p3.3", "node3", LOW_PRIORITY, SMALL_RES)),
                        List.of("node2")),
                new BestCase("sum of adjusted priorities is considered", three, veryLarge,
                        List.of(victim("p1.1", "node1", MID_PRIORITY, SMALL_RES), victim("p1.2", "node1", NEG_PRIORITY, SMALL_RES),
                                victim("p1.3", "node1", NEG_PRIORITY, SMALL_RES),
                                victim("p2.1", "node2", MID_PRIORITY, LARGE_RES), victim("p2.2", "node2", NEG_PRIORITY, MEDIUM_RES),
                                victim("p3.1", "node3", MID_PRIORITY, MEDIUM_RES), victim("p3.2", "node3", NEG_PRIORITY, SMALL_RES),
                                victim("p3.3", "node3", LOW_PRIORITY, SMALL_RES)),
                        List.of("node2")),
                new BestCase("non-overlapping lowest high priority, sum priorities, and number of pods",
                        List.of("node1", "node2", "node3", "node4"),
                        pod("p").priority(VERY_HIGH_PRIORITY).container(VERY_LARGE_RES).build(),
                        List.of(victim("p1.1", "node1", MID_PRIORITY, SMALL_RES), victim("p1.2", "node1", LOW_PRIORITY, SMALL_RES),
                                victim("p1.3", "node1", LOW_PRIORITY, SMALL_RES),
                                victim("p2.1", "node2", HIGH_PRIORITY, LARGE_RES),
                                victim("p3.1", "node3", MID_PRIORITY, MEDIUM_RES), victim("p3.2", "node3", LOW_PRIORITY, SMALL_RES),
                                victim("p3.3", "node3", LOW_PRIORITY, SMALL_RES), victim("p3.4", "node3", LOW_PRIORITY, MEDIUM_RES),
                                victim("p4.1", "node4", MID_PRIORITY, MEDIUM_RES), victim("p4.2", "node4", MID_PRIORITY, SMALL_RES),
                                victim("p4.3", "node4", MID_PRIORITY, SMALL_RES), victim("p4.4", "node4", NEG_PRIORITY, SMALL_RES)),
                        List.of("node1")),
                new BestCase("same priority, same number of victims, different start time for each node's pod", three, veryLarge,
                        List.of(victimAt("p1.1", "node1", MID_PRIORITY, 2), victimAt("p1.2", "node1", MID_PRIORITY, 2),
                                victimAt("p2.1", "node2", MID_PRIORITY, 3), victimAt("p2.2", "node2", MID_PRIORITY, 3),
                                victimAt("p3.1", "node3", MID_PRIORITY, 1), victimAt("p3.2", "node3", MID_PRIORITY, 1)),
                        List.of("node2")),
                new BestCase("same priority, same number of victims, different start time for all pods", three, veryLarge,
                        List.of(victimAt("p1.1", "node1", MID_PRIORITY, 4), victimAt("p1.2", "node1", MID_PRIORITY, 2),
                                victimAt("p2.1", "node2", MID_PRIORITY, 5), victimAt("p2.2", "node2", MID_PRIORITY, 1),
                                victimAt("p3.1", "node3", MID_PRIORITY, 3), victimAt("p3.2", "node3", MID_PRIORITY, 6)),
                        List.of("node3")),
                new BestCase("different priority, same number of victims, different start time for all pods", three, veryLarge,
                        List.of(victimAt("p1.1", "node1", LOW_PRIORITY, 4), victimAt("p1.2", "node1", MID_PRIORITY, 2),
                                victimAt("p2.1", "node2", MID_PRIORITY, 6), victimAt("p2.2", "node2", LOW_PRIORITY, 1),
                                victimAt("p3.1", "node3", LOW_PRIORITY, 3), victimAt("p3.2", "node3", MID_PRIORITY, 5)),
                        List.of("node2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bestCases")
    void selectBestCandidate(BestCase tc) {
        PreemptionEnv env = PreemptionEnv.builder()
                .nodes(nodes(VERY_LARGE_RES, tc.nodeNames().toArray(String[]::new)))
                .pods(tc.pods())
                .plugins(new FakePlugins.ResourceFit())
                .build();
        var nodes = env.snapshot.list();
        var sample = env.plugin.getOffsetAndNumCandidates(nodes.size());
        var dryRun = env.plugin.dryRunPreemption(env.preFiltered(tc.pod()), tc.pod(), nodes, DisruptionBudgets.of(List.of()),
                sample.offset(), sample.numCandidates());
        assertThat(CandidatePicker.pick(dryRun.candidates())).hasValueSatisfying(c -> assertThat(tc.expected()).contains(c.nodeName()));
    }

    record EligibleCase(String name, Pod pod, List<Pod> pods, List<String> nodes, Status nominatedNodeStatus, boolean expected) {
        @Override
        public String toString() {
            return "TestPodEligibleToPreemptOthers: " + name;
        }
    }

    private static Pod terminating(String name, String node, int priority, boolean disruptionTarget) {
        return pod(name).node(node).priority(priority).edit(b -> {
            b.editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z").endMetadata();
            if (disruptionTarget) {
                b.editOrNewStatus().addNewCondition().withType("DisruptionTarget").withStatus("True")
                        .withReason("PreemptionByScheduler").endCondition().endStatus();
            }
        }).build();
    }

    private static Pod nominatedTo(String name, String node, int priority) {
        return pod(name).priority(priority).edit(b -> b.editOrNewStatus().withNominatedNodeName(node).endStatus()).build();
    }

    static Stream<EligibleCase> eligibleCases() {
        return Stream.of(
                new EligibleCase("Pod with nominated node", nominatedTo("p_with_nominated_node", "node1", HIGH_PRIORITY),
                        List.of(terminating("p1", "node1", LOW_PRIORITY, false)), List.of("node1"),
                        Status.unresolvable("node(s) had untolerated taint"), true),
                new EligibleCase("Pod without nominated node", pod("p_without_nominated_node").priority(HIGH_PRIORITY).build(),
                        List.of(), List.of(), null, true),
                new EligibleCase("Pod with 'PreemptNever' preemption policy",
                        pod("p_with_preempt_never_policy").priority(HIGH_PRIORITY)
                                .edit(b -> b.editSpec().withPreemptionPolicy("Never").endSpec()).build(),
                        List.of(), List.of(), null, false),
                new EligibleCase("preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition",
                        nominatedTo("p_with_nominated_node", "node1", HIGH_PRIORITY),
                        List.of(terminating("p1", "node1", LOW_PRIORITY, true)), List.of("node1"), null, false),
                new EligibleCase("non-victim Pods terminating", nominatedTo("p_with_nominated_node", "node1", HIGH_PRIORITY),
                        List.of(terminating("p1", "node1", LOW_PRIORITY, false)), List.of("node1"), null, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eligibleCases")
    void podEligibleToPreemptOthers(EligibleCase tc) {
        PreemptionEnv env = PreemptionEnv.builder().nodes(nodes(Map.of(), tc.nodes().toArray(String[]::new))).pods(tc.pods()).build();
        var got = env.plugin.podEligibleToPreemptOthers(new CycleState(), tc.pod(), tc.nominatedNodeStatus());
        assertThat(got.isEmpty()).isEqualTo(tc.expected());
    }

    @Test
    void notEligibleReasonsAsUpstream() {
        Pod never = pod("p").priority(HIGH_PRIORITY).edit(b -> b.editSpec().withPreemptionPolicy("Never").endSpec()).build();
        PreemptionEnv env = PreemptionEnv.builder().nodes(nodes(Map.of(), "node1")).pods(List.of(never)).build();
        PostFilterResult got = env.plugin.postFilter(env.preFiltered(never), never, new NodeToStatus(Map.of("node1", Status.unschedulable()), Status.unresolvable()));
        assertThat(got.status()).isEqualTo(Status.unschedulable("preemption: not eligible due to preemptionPolicy=Never."));
        assertThat(got.nominatedNodeName()).isEmpty();
    }

    record PreemptCase(String name, Pod pod, String wantNode, List<String> expectedPods) {
        @Override
        public String toString() {
            return "TestPreempt: " + name;
        }
    }

    private static List<Pod> preemptVictims() {
        return List.of(pod("p1.1").node("node1").priority(LOW_PRIORITY).container(SMALL_RES).build(),
                pod("p1.2").node("node1").priority(LOW_PRIORITY).container(SMALL_RES).build(),
                pod("p2.1").node("node2").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                pod("p3.1").node("node3").priority(MID_PRIORITY).container(MEDIUM_RES).build());
    }

    static Stream<PreemptCase> preemptCases() {
        return Stream.of(
                new PreemptCase("basic preemption logic", pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES)
                        .edit(b -> b.editSpec().withPreemptionPolicy("PreemptLowerPriority").endSpec()).build(),
                        "node1", List.of("p1.1", "p1.2")),
                new PreemptCase("no preempting in pod", pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES)
                        .edit(b -> b.editSpec().withPreemptionPolicy("Never").endSpec()).build(),
                        null, List.of()),
                new PreemptCase("PreemptionPolicy is nil", pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES).build(),
                        "node1", List.of("p1.1", "p1.2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preemptCases")
    void preempt(PreemptCase tc) {
        List<Pod> pods = new ArrayList<>(preemptVictims());
        pods.add(tc.pod());
        PreemptionEnv env = PreemptionEnv.builder().nodes(nodes(VERY_LARGE_RES, "node1", "node2", "node3")).pods(pods)
                .plugins(new FakePlugins.ResourceFit()).build();
        List<Pod> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        env.cluster.watch(Pod.class, new ClusterWatcher<>() {
            @Override
            public void onAdd(Pod obj) {
            }

            @Override
            public void onUpdate(Pod oldObj, Pod newObj) {
                updated.add(newObj);
            }

            @Override
            public void onDelete(Pod obj) {
                deleted.add(obj.getMetadata().getName());
            }
        });
        NodeToStatus allUnschedulable = new NodeToStatus(Map.of("node1", Status.unschedulable(), "node2", Status.unschedulable(),
                "node3", Status.unschedulable()), Status.unresolvable());

        PostFilterResult got = env.plugin.postFilter(env.preFiltered(tc.pod()), tc.pod(), allUnschedulable);

        assertThat(got.nominatedNodeName().orElse(null)).isEqualTo(tc.wantNode());
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(tc.expectedPods());
        // Every victim got upstream's DisruptionTarget condition before it was deleted.
        assertThat(updated).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(tc.expectedPods());
        for (Pod p : updated) {
            PodCondition c = p.getStatus().getConditions().stream().filter(x -> x.getType().equals("DisruptionTarget")).findFirst().orElseThrow();
            assertThat(List.of(c.getStatus(), c.getReason(), c.getMessage()))
                    .containsExactly("True", "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod");
        }
        assertThat(env.cluster.events()).extracting(EventRecord::regardingName, EventRecord::type, EventRecord::reason,
                        EventRecord::action, EventRecord::note)
                .containsExactlyInAnyOrderElementsOf(tc.expectedPods().stream().map(v -> org.assertj.core.groups.Tuple.tuple(
                        v, "Normal", "Preempted", "Preempting", "Preempted by pod p on node " + tc.wantNode())).toList());
    }

    @Test
    void clearsNominationOfLowerPriorityPodsNominatedToTheNode() {
        Pod low = nominatedTo("low", "node1", LOW_PRIORITY);
        Pod higher = nominatedTo("higher", "node1", VERY_HIGH_PRIORITY);
        Pod preemptor = pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES).build();
        List<Pod> pods = new ArrayList<>(preemptVictims());
        pods.addAll(List.of(low, higher, preemptor));
        Map<String, List<PodInfo>> nominated = new HashMap<>();
        nominated.put("node1", List.of(PodInfo.of(higher), PodInfo.of(low)));
        PreemptionEnv env = PreemptionEnv.builder().nodes(nodes(VERY_LARGE_RES, "node1", "node2", "node3")).pods(pods)
                .plugins(new FakePlugins.ResourceFit()).nominated(n -> nominated.getOrDefault(n, List.of())).build();
        NodeToStatus statuses = new NodeToStatus(Map.of("node1", Status.unschedulable(), "node2", Status.unschedulable(),
                "node3", Status.unschedulable()), Status.unresolvable());

        PostFilterResult got = env.plugin.postFilter(env.preFiltered(preemptor), preemptor, statuses);

        assertThat(got.nominatedNodeName()).contains("node1");
        assertThat(env.cluster.get(Pod.class, "default", "low").orElseThrow().getStatus().getNominatedNodeName()).isNull();
        assertThat(env.cluster.get(Pod.class, "default", "higher").orElseThrow().getStatus().getNominatedNodeName()).isEqualTo("node1");
    }

    @Test
    void preemptsNothingMoreOnceNoNodeCanBeHelped() {
        Pod preemptor = pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES).build();
        List<Pod> pods = new ArrayList<>(preemptVictims());
        pods.add(preemptor);
        PreemptionEnv env = PreemptionEnv.builder().nodes(nodes(VERY_LARGE_RES, "node1", "node2", "node3")).pods(pods)
                .plugins(new FakePlugins.ResourceFit()).build();
        PostFilterResult got = env.plugin.postFilter(env.preFiltered(preemptor), preemptor,
                new NodeToStatus(Map.of(), Status.unresolvable()));
        assertThat(got.nominatedNodeName()).isEmpty();
        assertThat(got.status()).isEqualTo(Status.unschedulable(
                "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."));
        assertThat(env.cluster.events()).isEmpty();
    }

    @Test
    void registersNoEvents() {
        assertThat(PreemptionEnv.builder().build().plugin.eventsToRegister()).isEmpty();
    }
}
