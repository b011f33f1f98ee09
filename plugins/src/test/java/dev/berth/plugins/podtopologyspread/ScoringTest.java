package dev.berth.plugins.podtopologyspread;

import static dev.berth.plugins.podtopologyspread.Fixtures.BAR;
import static dev.berth.plugins.podtopologyspread.Fixtures.DNS;
import static dev.berth.plugins.podtopologyspread.Fixtures.FOO;
import static dev.berth.plugins.podtopologyspread.Fixtures.HOST;
import static dev.berth.plugins.podtopologyspread.Fixtures.SA;
import static dev.berth.plugins.podtopologyspread.Fixtures.expect;
import static dev.berth.plugins.podtopologyspread.Fixtures.map;
import static dev.berth.plugins.podtopologyspread.Fixtures.node;
import static dev.berth.plugins.podtopologyspread.Fixtures.nodeAffinity;
import static dev.berth.plugins.podtopologyspread.Fixtures.on;
import static dev.berth.plugins.podtopologyspread.Fixtures.pod;
import static dev.berth.plugins.podtopologyspread.Fixtures.spread;
import static dev.berth.plugins.podtopologyspread.Fixtures.tainted;
import static dev.berth.plugins.podtopologyspread.Fixtures.terminating;
import static dev.berth.plugins.podtopologyspread.Fixtures.withConstraints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.Status;
import dev.berth.plugins.podtopologyspread.Fixtures.ConstraintView;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PreScore, Score and NormalizeScore, ported from upstream's scoring_test.go. */
class ScoringTest {

    static Node host(String name, String... extra) {
        String[] labels = Stream.concat(Stream.of(HOST, name), Stream.of(extra)).toArray(String[]::new);
        return node(name, labels);
    }

    static MakePod ownedByReplicaSet(MakePod p, String rsName) {
        return p.edit(b -> b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(rsName).withUid(rsName).withController(true).build()).endMetadata());
    }

    static GenericKubernetesResource replicaSet(String name, String existsKey) {
        return new GenericKubernetesResourceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("selector", Map.of("matchExpressions", List.of(Map.of("key", existsKey, "operator", "Exists")))))
                .build();
    }

    // ---- TestPreScoreStateEmptyNodes / TestPreScoreSkip ----------------------------------------

    record StateCase(String name, Pod pod, List<Node> nodes, List<HasMetadata> objs, String defaultingType,
                     List<TopologySpreadConstraint> defaults, List<ConstraintView> constraints, Set<String> ignored,
                     List<Map<String, Long>> counts, double[] weights) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double w(int size) {
        return Math.log(size + 2);
    }

    static Stream<StateCase> stateCases() {
        String list = PodTopologySpreadArgs.LIST_DEFAULTING;
        List<Node> abx = List.of(host("node-a", "zone", "zone1"), host("node-b", "zone", "zone1"), host("node-x", "zone", "zone2"));
        List<Node> affinity = List.of(host("node-a", "zone", "zone1", "foo", ""), host("node-b", "zone", "zone1", "foo", ""), host("node-x", "zone", "zone2"));
        return Stream.of(
                new StateCase("TestPreScoreStateEmptyNodes/normal case",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, FOO)).build(), abx, List.of(), list, List.of(),
                        List.of(expect(1, "zone", FOO), expect(1, HOST, FOO)), Set.of(), List.of(Map.of("zone1", 0L, "zone2", 0L), Map.of()),
                        new double[] {w(2), w(3)}),
                new StateCase("TestPreScoreStateEmptyNodes/null selector",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, null)).build(), abx, List.of(), list, List.of(),
                        List.of(expect(1, "zone", null)), Set.of(), List.of(Map.of("zone1", 0L, "zone2", 0L)), new double[] {w(2)}),
                new StateCase("TestPreScoreStateEmptyNodes/node-x doesn't have label zone",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, BAR)).build(),
                        List.of(host("node-a", "zone", "zone1"), host("node-b", "zone", "zone1"), host("node-x")), List.of(), list, List.of(),
                        List.of(expect(1, "zone", FOO), expect(1, HOST, BAR)), Set.of("node-x"), List.of(Map.of("zone1", 0L), Map.of()),
                        new double[] {w(1), w(2)}),
                new StateCase("TestPreScoreStateEmptyNodes/system default constraints and a replicaset",
                        ownedByReplicaSet(pod("p", "foo", "tar", "baz", "sup"), "rs1").build(),
                        List.of(host("node-a", PodTopologySpread.LABEL_TOPOLOGY_ZONE, "mars"), host("node-b", PodTopologySpread.LABEL_TOPOLOGY_ZONE, "mars"),
                                host("node-c"), host("node-d")),
                        List.of(replicaSet("rs1", "foo")), PodTopologySpreadArgs.SYSTEM_DEFAULTING, List.of(),
                        List.of(expect(3, HOST, FOO), expect(5, PodTopologySpread.LABEL_TOPOLOGY_ZONE, FOO)), Set.of(),
                        List.of(Map.of(), Map.of("mars", 0L, "", 0L)), new double[] {w(4), w(2)}),
                new StateCase("TestPreScoreStateEmptyNodes/default constraints and a replicaset",
                        ownedByReplicaSet(pod("p", "foo", "tar", "baz", "sup"), "rs1").build(),
                        List.of(host("node-a", "rack", "rack1", "planet", "mars")), List.of(replicaSet("rs1", "foo")), list,
                        List.of(spread(1, HOST, SA, null), spread(2, "rack", DNS, null), spread(2, "planet", SA, null)),
                        List.of(expect(1, HOST, FOO), expect(2, "planet", FOO)), Set.of(), List.of(Map.of(), Map.of("mars", 0L)), new double[] {w(1), w(1)}),
                new StateCase("TestPreScoreStateEmptyNodes/default constraints and a replicaset, but pod has constraints",
                        withConstraints(ownedByReplicaSet(pod("p", "foo", "bar", "baz", "sup"), "rs1"), spread(1, "zone", DNS, BAR),
                                spread(2, "planet", SA, Fixtures.labels("baz", "sup"))).build(),
                        List.of(node("node-a", "planet", "mars", "galaxy", "andromeda")), List.of(replicaSet("rs1", "foo")), list,
                        List.of(spread(2, "galaxy", SA, null)), List.of(expect(2, "planet", Fixtures.labels("baz", "sup"))), Set.of(),
                        List.of(Map.of("mars", 0L)), new double[] {w(1)}),
                new StateCase("TestPreScoreStateEmptyNodes/NodeAffinityPolicy honored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", SA, BAR)).build(), affinity, List.of(), list, List.of(),
                        List.of(expect(1, "zone", BAR)), Set.of(), List.of(Map.of("zone1", 0L, "zone2", 0L)), new double[] {w(2)}),
                new StateCase("TestPreScoreStateEmptyNodes/NodeAffinityPolicy ignored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "zone", SA, BAR, null, "Ignore", null, null)).build(),
                        affinity, List.of(), list, List.of(),
                        List.of(expect(1, "zone", BAR, false, false)), Set.of(), List.of(Map.of("zone1", 0L, "zone2", 0L)), new double[] {w(2)}),
                new StateCase("TestPreScoreStateEmptyNodes/NodeTaintsPolicy honored",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, BAR, null, null, "Honor", null)).build(),
                        List.of(affinity.get(0), affinity.get(1), tainted(host("node-x", "zone", "zone2"))), List.of(), list, List.of(),
                        List.of(expect(1, "zone", BAR, true, true)), Set.of(), List.of(Map.of("zone1", 0L, "zone2", 0L)), new double[] {w(2)}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateCases")
    void preScoreState(StateCase tc) {
        TestHandle handle = new TestHandle(tc.nodes(), List.of());
        tc.objs().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, tc.defaultingType(), tc.defaults().toArray(TopologySpreadConstraint[]::new));
        CycleState state = new CycleState();

        assertThat(plugin.preScore(state, tc.pod(), handle.snapshot().list())).isEqualTo(Status.SUCCESS);

        PreScoreState got = state.require(PodTopologySpread.PRE_SCORE_KEY);
        assertThat(got.constraints().stream().map(Fixtures::view).toList()).isEqualTo(tc.constraints());
        assertThat(got.ignoredNodes()).isEqualTo(tc.ignored());
        assertThat(got.podCountsByDomain().stream().map(m -> m.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))).toList()).isEqualTo(tc.counts());
        assertThat(got.normalizingWeights()).containsExactly(tc.weights());
    }

    static Stream<StateCase> skipCases() {
        return Stream.of(
                new StateCase("TestPreScoreSkip/the pod doesn't have soft topology spread Constraints", pod("p").build(),
                        List.of(host("node-a"), host("node-b")), List.of(), PodTopologySpreadArgs.LIST_DEFAULTING, List.of(), null, null, null, null),
                new StateCase("TestPreScoreSkip/default constraints and a replicaset that doesn't match",
                        ownedByReplicaSet(pod("p", "foo", "bar", "baz", "sup"), "rs2").build(), List.of(node("node-a", "planet", "mars")),
                        List.of(replicaSet("rs1", "tar")), PodTopologySpreadArgs.LIST_DEFAULTING, List.of(spread(2, "planet", SA, null)), null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void preScoreSkips(StateCase tc) {
        TestHandle handle = new TestHandle(tc.nodes(), List.of());
        tc.objs().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, tc.defaultingType(), tc.defaults().toArray(TopologySpreadConstraint[]::new));
        assertThat(plugin.preScore(new CycleState(), tc.pod(), handle.snapshot().list()).isSkip()).isTrue();
    }

    // ---- TestPodTopologySpreadScore -----------------------------------------------------------

    record ScoreCase(String name, Pod pod, List<Pod> existing, List<Node> nodes, List<Node> failedNodes, List<HasMetadata> objs,
                     Map<String, Long> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Long> scores(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Integer) kv[i + 1]).longValue());
        }
        return m;
    }

    static List<Pod> podsOn(Object... nodeAndCount) {
        Stream.Builder<Pod> b = Stream.builder();
        for (int i = 0; i < nodeAndCount.length; i += 2) {
            String n = (String) nodeAndCount[i];
            for (int k = 1; k <= (Integer) nodeAndCount[i + 1]; k++) {
                b.add(on(n, "p-" + n.substring(5) + k, "foo", ""));
            }
        }
        return b.build().toList();
    }

    static ScoreCase sc(String name, Pod pod, List<Pod> existing, List<Node> nodes, List<Node> failed, Map<String, Long> want) {
        return new ScoreCase("TestPodTopologySpreadScore/" + name, pod, existing, nodes, failed, List.of(), want);
    }

    static Stream<ScoreCase> scoreCases() {
        List<Node> abcd = List.of(host("node-a"), host("node-b"), host("node-c"), host("node-d"));
        List<Node> zoned4 = List.of(host("node-a", "zone", "zone1"), host("node-b", "zone", "zone1"), host("node-x", "zone", "zone2"), host("node-y", "zone", "zone2"));
        List<Node> abcNode = List.of(node("node-a", "node", "node-a", "foo", ""), node("node-b", "node", "node-b", "foo", ""), node("node-c", "node", "node-c"));
        List<Pod> a2b1c1 = podsOn("node-a", 2, "node-b", 1, "node-c", 1);
        List<Pod> a4b2x1y3 = podsOn("node-a", 4, "node-b", 2, "node-x", 1, "node-y", 3);
        Pod hostSpread = withConstraints(pod("p", "foo", ""), spread(1, HOST, SA, FOO)).build();
        Pod fooBar = pod("p", "foo", "", "bar", "").build();
        List<Pod> differentSelectors = List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", ""),
                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "bar", ""));
        ScoreCase service = new ScoreCase("TestPodTopologySpreadScore/system defaulting, nodes don't have zone, pods match service",
                pod("p", "foo", "").build(), podsOn("node-a", 4, "node-b", 3, "node-c", 2, "node-d", 1), abcd, List.of(),
                List.of(new ServiceBuilder().withNewMetadata().withName("s").withNamespace("default").endMetadata().withNewSpec()
                        .withSelector(map("foo", "")).endSpec().build()),
                scores("node-a", 44, "node-b", 66, "node-c", 77, "node-d", 100));
        return Stream.of(
                sc("one constraint on node, no existing pods", hostSpread, List.of(), List.of(host("node-a"), host("node-b")), List.of(),
                        scores("node-a", 100, "node-b", 100)),
                sc("one constraint on node, only one node is candidate", hostSpread, podsOn("node-a", 2, "node-b", 1), List.of(host("node-a")),
                        List.of(host("node-b")), scores("node-a", 100)),
                sc("one constraint on node, all nodes have the same number of matching pods", hostSpread, podsOn("node-a", 1, "node-b", 1),
                        List.of(host("node-a"), host("node-b")), List.of(), scores("node-a", 100, "node-b", 100)),
                sc("one constraint on node, all 4 nodes are candidates", hostSpread, podsOn("node-a", 2, "node-b", 1, "node-d", 3), abcd, List.of(),
                        scores("node-a", 20, "node-b", 60, "node-c", 100, "node-d", 0)),
                sc("one constraint on node, null selector", withConstraints(pod("p", "foo", ""), spread(1, HOST, SA, null)).build(),
                        podsOn("node-a", 2, "node-b", 1, "node-d", 3), abcd, List.of(), scores("node-a", 100, "node-b", 100, "node-c", 100, "node-d", 100)),
                sc("one constraint on node, all 4 nodes are candidates, maxSkew=2", withConstraints(pod("p", "foo", ""), spread(2, HOST, SA, FOO)).build(),
                        podsOn("node-a", 2, "node-b", 1, "node-d", 3), abcd, List.of(), scores("node-a", 33, "node-b", 66, "node-c", 100, "node-d", 16)),
                sc("one constraint on node, all 4 nodes are candidates, maxSkew=3", withConstraints(pod("p", "foo", ""), spread(3, HOST, SA, FOO)).build(),
                        podsOn("node-a", 4, "node-b", 3, "node-c", 2, "node-d", 1), abcd, List.of(), scores("node-a", 44, "node-b", 66, "node-c", 77, "node-d", 100)),
                service,
                sc("one constraint on node, 3 out of 4 nodes are candidates", hostSpread, a4b2x1y3,
                        List.of(host("node-a"), host("node-b"), host("node-x")), List.of(host("node-y")), scores("node-a", 33, "node-b", 83, "node-x", 100)),
                sc("one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key", hostSpread, a4b2x1y3,
                        List.of(host("node-a"), node("node-b", "n", "node-b"), host("node-x")), List.of(host("node-y")),
                        scores("node-a", 16, "node-b", 0, "node-x", 100)),
                sc("one constraint on zone, 3 out of 4 nodes are candidates", withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, FOO)).build(), a4b2x1y3,
                        zoned4.subList(0, 3), List.of(zoned4.get(3)), scores("node-a", 75, "node-b", 75, "node-x", 100)),
                sc("two Constraints on zone and node, 2 out of 4 nodes are candidates",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, FOO)).build(),
                        podsOn("node-a", 2, "node-b", 1, "node-x", 2, "node-y", 4), List.of(zoned4.get(0), zoned4.get(2)), List.of(zoned4.get(1), zoned4.get(3)),
                        scores("node-a", 100, "node-x", 63)),
                sc("two Constraints on zone, 2 out of 4 nodes are candidates",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", SA, FOO), spread(1, "zone", SA, BAR)).build(),
                        List.of(on("node-a", "p-a1", "foo", "", "bar", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", ""),
                                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", "", "bar", ""), on("node-y", "p-y3", "foo", "")),
                        List.of(node("node-a", "zone", "zone1"), node("node-x", "zone", "zone2")), List.of(node("node-b", "zone", "zone1"), node("node-y", "zone", "zone2")),
                        scores("node-a", 85, "node-x", 100)),
                sc("two Constraints on zone and node, with different labelSelectors",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, BAR)).build(), differentSelectors,
                        zoned4, List.of(), scores("node-a", 60, "node-b", 20, "node-x", 100, "node-y", 60)),
                sc("two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, BAR)).build(),
                        List.of(on("node-b", "p-b1", "bar", ""), on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", "", "bar", "")),
                        zoned4, List.of(), scores("node-a", 100, "node-b", 60, "node-x", 40, "node-y", 0)),
                sc("two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", SA, FOO), spread(1, HOST, SA, BAR)).build(), differentSelectors,
                        zoned4.subList(0, 3), List.of(zoned4.get(3)), scores("node-a", 50, "node-b", 25, "node-x", 100)),
                sc("existing pods in a different namespace do not count", hostSpread,
                        List.of(pod("p-a1", "foo", "").namespace("ns1").node("node-a").build(), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                                on("node-b", "p-b2", "foo", "")),
                        List.of(host("node-a"), host("node-b")), List.of(), scores("node-a", 100, "node-b", 33)),
                sc("terminating Pods should be excluded", hostSpread, List.of(terminating(on("node-a", "p-a", "foo", "")), on("node-b", "p-b", "foo", "")),
                        List.of(host("node-a"), host("node-b")), List.of(), scores("node-a", 100, "node-b", 0)),
                sc("minDomains has no effect when ScheduleAnyway", withConstraints(pod("p", "foo", ""), spread(2, "node", SA, FOO, 10, null, null, null)).build(),
                        podsOn("node-a", 2, "node-b", 2, "node-c", 1),
                        List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b"), node("node-c", "node", "node-c")), List.of(),
                        scores("node-a", 75, "node-b", 75, "node-c", 100)),
                sc("NodeAffinityPolicy honoed with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", SA, FOO)).build(), a2b1c1, abcNode, List.of(),
                        scores("node-a", 0, "node-b", 33, "node-c", 100)),
                sc("NodeAffinityPolicy ignored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", SA, FOO, null, "Ignore", null, null)).build(),
                        a2b1c1, abcNode, List.of(), scores("node-a", 66, "node-b", 100, "node-c", 100)),
                sc("NodeAffinityPolicy honoed with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", SA, FOO)).build(), a2b1c1, abcNode, List.of(),
                        scores("node-a", 0, "node-b", 33, "node-c", 100)),
                sc("NodeAffinityPolicy ignored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", SA, FOO, null, "Ignore", null, null)).build(),
                        a2b1c1, abcNode, List.of(), scores("node-a", 66, "node-b", 100, "node-c", 100)),
                sc("NodeTaintsPolicy honored", withConstraints(pod("p", "foo", ""), spread(1, "node", SA, FOO, null, null, "Honor", null)).build(), a2b1c1,
                        List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b"), tainted(node("node-c", "node", "node-c"))), List.of(),
                        scores("node-a", 0, "node-b", 33, "node-c", 100)),
                sc("NodeTaintsPolicy ignored", withConstraints(pod("p", "foo", ""), spread(1, "node", SA, FOO)).build(), a2b1c1,
                        List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b"), tainted(node("node-c", "node", "node-c"))), List.of(),
                        scores("node-a", 66, "node-b", 100, "node-c", 100)),
                sc("matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", SA, new LabelSelectorBuilder().build(), null, null, null, List.of("foo")),
                                spread(1, HOST, SA, new LabelSelectorBuilder().build(), null, null, null, List.of("bar"))).build(),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", ""), on("node-c", "p-y1", "foo", ""), on("node-c", "p-y2", "bar", "")),
                        List.of(host("node-a", "zone", "zone1"), host("node-b", "zone", "zone1"), host("node-c", "zone", "zone2"), host("node-d", "zone", "zone2")),
                        List.of(), scores("node-a", 60, "node-b", 20, "node-c", 60, "node-d", 100)),
                sc("matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
                        withConstraints(pod("p", "foo", "", "bar", "", "baz", ""), spread(1, "zone", SA, FOO),
                                spread(1, HOST, SA, BAR, null, null, null, List.of("baz"))).build(),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", "", "baz", ""), on("node-c", "p-c1", "foo", ""),
                                on("node-c", "p-c2", "bar", ""), on("node-c", "p-d3", "bar", "", "baz", "")),
                        List.of(host("node-a", "zone", "zone1"), host("node-b", "zone", "zone1"), host("node-c", "zone", "zone2"), host("node-d", "zone", "zone2")),
                        List.of(), scores("node-a", 60, "node-b", 20, "node-c", 60, "node-d", 100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void score(ScoreCase tc) {
        List<Node> all = Stream.concat(tc.nodes().stream(), tc.failedNodes().stream()).toList();
        TestHandle handle = new TestHandle(all, tc.existing());
        tc.objs().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, PodTopologySpreadArgs.SYSTEM_DEFAULTING);
        CycleState state = new CycleState();
        List<NodeInfo> feasible = tc.nodes().stream().map(n -> handle.snapshot().get(n.getMetadata().getName()).orElseThrow()).toList();

        assertThat(plugin.preScore(state, tc.pod(), feasible)).isEqualTo(Status.SUCCESS);
        String[] names = feasible.stream().map(NodeInfo::nodeName).toArray(String[]::new);
        long[] raw = feasible.stream().mapToLong(n -> plugin.score(state, tc.pod(), n)).toArray();
        NodeScores scores = new NodeScores(names, raw);
        assertThat(plugin.scoreExtensions().orElseThrow().normalizeScore(state, tc.pod(), scores)).isEqualTo(Status.SUCCESS);

        Map<String, Long> got = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            got.put(scores.nodeName(i), scores.score(i));
        }
        assertThat(got).isEqualTo(tc.want());
    }
}
