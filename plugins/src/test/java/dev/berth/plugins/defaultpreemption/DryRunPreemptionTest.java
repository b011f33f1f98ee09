package dev.berth.plugins.defaultpreemption;

import static dev.berth.plugins.defaultpreemption.Fixtures.HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.LARGE_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.LOW_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.MEDIUM_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.SMALL_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.VERY_HIGH_PRIORITY;
import static dev.berth.plugins.defaultpreemption.Fixtures.VERY_LARGE_RES;
import static dev.berth.plugins.defaultpreemption.Fixtures.nodes;
import static dev.berth.plugins.defaultpreemption.Fixtures.pdb;
import static dev.berth.plugins.defaultpreemption.Fixtures.pod;
import static dev.berth.plugins.defaultpreemption.Fixtures.startedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.Status.Code;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's TestDryRunPreemption (default_preemption_test.go). Nodes have upstream's veryLargeRes capacity
 * (and 32 pods); a {@link FakePlugins.CountingFilter} runs first and counts Filter calls. Upstream seeds Go's
 * {@code rand.NewSource(4)}, whose {@code Int31n(5)} yields 4, 1, 3: the cases that depend on the offset
 * replay those values.
 */
class DryRunPreemptionTest {

    /** An expected candidate: node, victim names (sorted) and PDB violations. */
    record Want(String node, List<String> victims, int numPdbViolations) {
        static Want of(String node, String... victims) {
            return new Want(node, List.of(victims), 0);
        }

        static Want violating(String node, int violations, String... victims) {
            return new Want(node, List.of(victims), violations);
        }
    }

    record Case(String name, DefaultPreemptionArgs args, List<String> nodeNames, List<Pod> testPods, List<Pod> initPods,
                Supplier<List<Plugin>> plugins, List<PodDisruptionBudget> pdbs, Code fakeFilterCode, int[] offsets,
                List<List<Want>> expected, List<Integer> expectedNumFilterCalled) {
        @Override
        public String toString() {
            return "TestDryRunPreemption: " + name;
        }
    }

    private static Supplier<List<Plugin>> fit() {
        return () -> List.of(new FakePlugins.ResourceFit());
    }

    private static Case simple(String name, Supplier<List<Plugin>> plugins, List<Pod> initPods, Pod testPod, Code fakeCode,
                               List<Want> expected, int filterCalls, String... nodeNames) {
        return new Case(name, DefaultPreemptionArgs.defaults(), List.of(nodeNames), List.of(testPod), initPods, plugins,
                List.of(), fakeCode, null, List.of(expected), List.of(filterCalls));
    }

    private static Case withPdb(String name, List<Pod> initPods, PodDisruptionBudget pdb, List<Want> expected, int filterCalls) {
        return new Case(name, DefaultPreemptionArgs.defaults(), List.of("node1"),
                List.of(pod("p").priority(HIGH_PRIORITY).container(VERY_LARGE_RES).build()), initPods, fit(),
                List.of(pdb), null, null, List.of(expected), List.of(filterCalls));
    }

    private static Pod onNode(String name, String node, int priority, Map<String, String> requests) {
        return pod(name).node(node).priority(priority).container(requests).build();
    }

    private static Pod fooOnNode(String name, String node, Map<String, String> requests) {
        return pod(name).node(node).label("app", "foo").priority(MID_PRIORITY).container(requests).build();
    }

    private static List<Pod> oneLargeMidPodPerNode(int... vetoHighOn) {
        List<Pod> pods = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            boolean veto = Arrays.stream(vetoHighOn).anyMatch(v -> v == n);
            pods.add(onNode("p" + i, "node" + i, veto ? VERY_HIGH_PRIORITY : MID_PRIORITY, LARGE_RES));
        }
        return pods;
    }

    static Stream<Case> cases() {
        Pod highLarge = pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build();
        List<Pod> twoMidPods = List.of(onNode("p1", "node1", MID_PRIORITY, Map.of()), onNode("p2", "node2", MID_PRIORITY, Map.of()));
        List<Pod> twoMidLargePods = List.of(onNode("p1", "node1", MID_PRIORITY, LARGE_RES), onNode("p2", "node2", MID_PRIORITY, LARGE_RES));
        DefaultPreemptionArgs fortyPercent = new DefaultPreemptionArgs(40, 1);
        String[] fiveNodes = {"node1", "node2", "node3", "node4", "node5"};
        return Stream.of(
                simple("a pod that does not fit on any node", () -> List.of(new FakePlugins.FalseFilter()), twoMidPods,
                        pod("p").priority(HIGH_PRIORITY).build(), null, List.of(), 2, "node1", "node2"),
                simple("a pod that fits with no preemption", () -> List.of(new FakePlugins.TrueFilter()), twoMidPods,
                        pod("p").priority(HIGH_PRIORITY).build(), Code.UNSCHEDULABLE, List.of(), 2, "node1", "node2"),
                simple("a pod that fits on one node with no preemption", () -> List.of(new FakePlugins.MatchFilter()), twoMidPods,
                        pod("node1").priority(HIGH_PRIORITY).build(), Code.UNSCHEDULABLE, List.of(), 2, "node1", "node2"),
                simple("a pod that fits on both nodes when lower priority pods are preempted", fit(), twoMidLargePods, highLarge, null,
                        List.of(Want.of("node1", "p1"), Want.of("node2", "p2")), 4, "node1", "node2"),
                simple("a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen",
                        fit(), twoMidLargePods, pod("p").priority(LOW_PRIORITY).container(LARGE_RES).build(), null,
                        List.of(), 0, "node1", "node2"),
                simple("medium priority pod is preempted, but lower priority one stays as it is small", fit(),
                        List.of(onNode("p1.1", "node1", LOW_PRIORITY, SMALL_RES), onNode("p1.2", "node1", MID_PRIORITY, LARGE_RES),
                                onNode("p2", "node2", MID_PRIORITY, LARGE_RES)),
                        highLarge, null, List.of(Want.of("node1", "p1.2"), Want.of("node2", "p2")), 5, "node1", "node2"),
                simple("mixed priority pods are preempted", fit(),
                        List.of(onNode("p1.1", "node1", MID_PRIORITY, SMALL_RES), onNode("p1.2", "node1", LOW_PRIORITY, SMALL_RES),
                                onNode("p1.3", "node1", MID_PRIORITY, MEDIUM_RES), onNode("p1.4", "node1", HIGH_PRIORITY, SMALL_RES),
                                onNode("p2", "node2", HIGH_PRIORITY, LARGE_RES)),
                        highLarge, null, List.of(Want.of("node1", "p1.2", "p1.3")), 4, "node1", "node2"),
                simple("mixed priority pods are preempted, pick later StartTime one when priorities are equal", fit(),
                        List.of(startedAt(pod("p1.1").node("node1").priority(LOW_PRIORITY).container(SMALL_RES), 5).build(),
                                startedAt(pod("p1.2").node("node1").priority(LOW_PRIORITY).container(SMALL_RES), 4).build(),
                                startedAt(pod("p1.3").node("node1").priority(MID_PRIORITY).container(MEDIUM_RES), 3).build(),
                                startedAt(pod("p1.4").node("node1").priority(HIGH_PRIORITY).container(SMALL_RES), 2).build(),
                                startedAt(pod("p2").node("node2").priority(HIGH_PRIORITY).container(LARGE_RES), 1).build()),
                        highLarge, null, List.of(Want.of("node1", "p1.1", "p1.3")), 4, "node1", "node2"),
                simple("get Unschedulable in the preemption phase when the filter plugins filtering the nodes", fit(),
                        twoMidLargePods, highLarge, Code.UNSCHEDULABLE, List.of(), 2, "node1", "node2"),
                withPdb("preemption with violation of same pdb",
                        List.of(fooOnNode("p1.1", "node1", MEDIUM_RES), fooOnNode("p1.2", "node1", MEDIUM_RES)),
                        pdb("pdb", "app", "foo", 1), List.of(Want.violating("node1", 1, "p1.1", "p1.2")), 3),
                withPdb("preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods",
                        List.of(fooOnNode("p1.1", "node1", MEDIUM_RES), fooOnNode("p1.2", "node1", MEDIUM_RES)),
                        pdb("pdb", "app", "foo", 1, "p2"), List.of(Want.violating("node1", 1, "p1.1", "p1.2")), 3),
                withPdb("preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods",
                        List.of(fooOnNode("p1.1", "node1", MEDIUM_RES), fooOnNode("p1.2", "node1", MEDIUM_RES)),
                        pdb("pdb", "app", "foo", 1, "p1.2"), List.of(Want.violating("node1", 0, "p1.1", "p1.2")), 3),
                withPdb("preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'",
                        List.of(fooOnNode("p1.1", "node1", MEDIUM_RES), fooOnNode("p1.2", "node1", MEDIUM_RES), fooOnNode("p1.3", "node1", MEDIUM_RES)),
                        pdb("pdb", "app", "foo", 1, "p1.3"), List.of(Want.violating("node1", 1, "p1.1", "p1.2", "p1.3")), 4),
                new Case("all nodes are possible candidates, but DefaultPreemptionArgs limits to 2", fortyPercent, List.of(fiveNodes),
                        List.of(highLarge), oneLargeMidPodPerNode(), fit(), List.of(), null, new int[] {4},
                        // offset 4 => node5 (yes), node1 (yes)
                        List.of(List.of(Want.of("node1", "p1"), Want.of("node5", "p5"))), List.of(4)),
                new Case("some nodes are not possible candidates, DefaultPreemptionArgs limits to 2", fortyPercent, List.of(fiveNodes),
                        List.of(highLarge), oneLargeMidPodPerNode(2, 5), fit(), List.of(), null, new int[] {4},
                        // offset 4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
                        List.of(List.of(Want.of("node1", "p1"), Want.of("node3", "p3"))), List.of(4)),
                new Case("preemption offset across multiple scheduling cycles and wrap around", fortyPercent, List.of(fiveNodes),
                        List.of(pod("tp1").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                                pod("tp2").priority(HIGH_PRIORITY).container(LARGE_RES).build(),
                                pod("tp3").priority(HIGH_PRIORITY).container(LARGE_RES).build()),
                        oneLargeMidPodPerNode(), fit(), List.of(), null, new int[] {4, 1, 3},
                        List.of(List.of(Want.of("node1", "p1"), Want.of("node5", "p5")),
                                List.of(Want.of("node2", "p2"), Want.of("node3", "p3")),
                                List.of(Want.of("node4", "p4"), Want.of("node5", "p5"))),
                        List.of(4, 4, 4)),
                new Case("preemption looks past numCandidates until a non-PDB violating node is found", new DefaultPreemptionArgs(40, 2),
                        List.of(fiveNodes), List.of(highLarge),
                        List.of(fooOnNode("p1", "node1", LARGE_RES), fooOnNode("p2", "node2", LARGE_RES),
                                onNode("p3", "node3", MID_PRIORITY, LARGE_RES), onNode("p4", "node4", MID_PRIORITY, LARGE_RES),
                                fooOnNode("p5", "node5", LARGE_RES)),
                        fit(), List.of(pdb("pdb", "app", "foo", 0)), null, new int[] {4},
                        // offset 4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no: the violating list is full), node3 (yes)
                        List.of(List.of(Want.violating("node1", 1, "p1"), Want.of("node3", "p3"), Want.violating("node5", 1, "p5"))),
                        List.of(8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dryRunPreemption(Case tc) {
        Map<String, Code> codes = new HashMap<>();
        if (tc.fakeFilterCode() != null) {
            tc.nodeNames().forEach(n -> codes.put(n, tc.fakeFilterCode()));
        }
        FakePlugins.CountingFilter counting = new FakePlugins.CountingFilter(codes);
        Plugin[] plugins = Stream.concat(Stream.of(counting), tc.plugins().get().stream()).toArray(Plugin[]::new);
        PreemptionEnv env = PreemptionEnv.builder()
                .nodes(nodes(VERY_LARGE_RES, tc.nodeNames().toArray(String[]::new)))
                .pods(tc.initPods())
                .plugins(plugins)
                .args(tc.args())
                .offsets(offsets(tc.offsets()))
                .build();
        DisruptionBudgets budgets = DisruptionBudgets.of(tc.pdbs());

        int previousCalls = 0;
        for (int cycle = 0; cycle < tc.testPods().size(); cycle++) {
            Pod pod = tc.testPods().get(cycle);
            var state = env.preFiltered(pod);
            var nodes = env.nodesByName();
            DefaultPreemption.OffsetAndNumCandidates sample = env.plugin.getOffsetAndNumCandidates(nodes.size());
            DefaultPreemption.DryRun got = env.plugin.dryRunPreemption(state, pod, nodes, budgets, sample.offset(), sample.numCandidates());

            List<Want> candidates = got.candidates().stream()
                    .map(c -> new Want(c.nodeName(), Fixtures.names(c.victims()).stream().sorted().toList(), c.numPdbViolations()))
                    .sorted(Comparator.comparing(Want::node))
                    .toList();
            assertThat(candidates).as("cycle %d candidates", cycle).isEqualTo(tc.expected().get(cycle));
            assertThat(counting.calls() - previousCalls).as("cycle %d filter calls", cycle)
                    .isEqualTo(tc.expectedNumFilterCalled().get(cycle));
            previousCalls = counting.calls();
        }
    }

    /** Replays {@code script} in order; without one, a seeded generator (the result must not depend on it). */
    private static IntUnaryOperator offsets(int[] script) {
        if (script == null) {
            Random random = new Random(4);
            return random::nextInt;
        }
        Deque<Integer> queue = new ArrayDeque<>(Arrays.stream(script).boxed().toList());
        return n -> queue.removeFirst();
    }

    /** Statuses of nodes the dry run could not help, as upstream's DryRunPreemption returns them. */
    @org.junit.jupiter.api.Test
    void reportsWhyNodesCannotBeHelped() {
        PreemptionEnv env = PreemptionEnv.builder()
                .nodes(nodes(Map.of("cpu", "200m", "memory", "400"), "node1", "node2"))
                .pods(List.of(onNode("p1", "node1", HIGH_PRIORITY, Map.of()), onNode("p2", "node2", LOW_PRIORITY, Map.of())))
                .plugins(new FakePlugins.ResourceFit())
                .build();
        Pod pod = pod("p").priority(HIGH_PRIORITY).container(LARGE_RES).build();
        DefaultPreemption.DryRun got = env.plugin.dryRunPreemption(env.preFiltered(pod), pod, env.nodesByName(),
                DisruptionBudgets.of(List.of()), 0, 2);
        assertThat(got.candidates()).isEmpty();
        assertThat(got.errors()).isEmpty();
        assertThat(got.nodeStatuses()).isEqualTo(Map.of(
                "node1", Status.unresolvable(DefaultPreemption.NO_VICTIMS_FOUND),
                "node2", Status.unschedulable("Insufficient cpu").withPlugin("FakeResourceFit")));
    }
}
