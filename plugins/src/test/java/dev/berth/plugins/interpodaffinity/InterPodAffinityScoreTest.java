package dev.berth.plugins.interpodaffinity;

import static dev.berth.plugins.interpodaffinity.AffinityFixtures.in;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.node;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.pod;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.req;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.term;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.weighted;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.withTeamSelector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from upstream's interpodaffinity/scoring_test.go. */
class InterPodAffinityScoreTest {

    /** One case: PreScore's status, and the normalized scores in node order when PreScore succeeds. */
    record Case(String name, Pod pod, List<Pod> pods, List<Node> nodes, InterPodAffinityArgs args, Status.Code wantPreScore, List<Long> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, String> RG_CHINA = Map.of("region", "China");
    private static final Map<String, String> RG_INDIA = Map.of("region", "India");
    private static final Map<String, String> AZ1 = Map.of("az", "az1");
    private static final Map<String, String> AZ2 = Map.of("az", "az2");
    private static final Map<String, String> RG_CHINA_AZ1 = Map.of("region", "China", "az", "az1");
    private static final Map<String, String> S1 = Map.of("security", "S1");
    private static final Map<String, String> S2 = Map.of("security", "S2");

    // The affinities of TestPreferredAffinity, as functions adding them to a pod.
    private static final UnaryOperator<AffinityFixtures.P> STAY_WITH_S1_IN_REGION = p -> p.preferredAffinity(weighted(5, in("security", "region", "S1")));
    private static final UnaryOperator<AffinityFixtures.P> STAY_WITH_S2_IN_REGION = p -> p.preferredAffinity(weighted(6, in("security", "region", "S2")));
    private static final UnaryOperator<AffinityFixtures.P> AFFINITY3 = p -> p.preferredAffinity(
            weighted(8, term("region", req("security", "NotIn", "S1"), req("security", "In", "S2"))),
            weighted(2, term("region", req("security", "Exists"), req("wrongkey", "DoesNotExist"))));
    private static final UnaryOperator<AffinityFixtures.P> HARD_AFFINITY = p -> p.affinity(
            in("security", "region", "S1", "value2"), term("region", req("security", "Exists"), req("wrongkey", "DoesNotExist")));
    private static final UnaryOperator<AffinityFixtures.P> AWAY_FROM_S1_IN_AZ = p -> p.preferredAntiAffinity(weighted(5, in("security", "az", "S1")));
    private static final UnaryOperator<AffinityFixtures.P> AWAY_FROM_S2_IN_AZ = p -> p.preferredAntiAffinity(weighted(5, in("security", "az", "S2")));
    private static final UnaryOperator<AffinityFixtures.P> STAY_WITH_S1_AWAY_FROM_S2 = p -> p
            .preferredAffinity(weighted(8, in("security", "region", "S1"))).preferredAntiAffinity(weighted(5, in("security", "az", "S2")));
    private static final WeightedPodAffinityTerm NAMESPACE_SELECTOR_TERM =
            weighted(5, withTeamSelector(in("security", "region", "S1"), "team1", "subteam2.team2"));
    private static final UnaryOperator<AffinityFixtures.P> AFFINITY_NAMESPACE_SELECTOR = p -> p.preferredAffinity(NAMESPACE_SELECTOR_TERM);
    private static final UnaryOperator<AffinityFixtures.P> ANTI_AFFINITY_NAMESPACE_SELECTOR = p -> p.preferredAntiAffinity(NAMESPACE_SELECTOR_TERM);

    private static final long MAX = 100;

    private static Pod on(String nodeName, Map<String, String> labels) {
        return pod().node(nodeName).labels(labels).build();
    }

    private static Pod on(String nodeName, Map<String, String> labels, UnaryOperator<AffinityFixtures.P> affinity) {
        return affinity.apply(pod().node(nodeName).labels(labels)).build();
    }

    private static Pod incoming(Map<String, String> labels, UnaryOperator<AffinityFixtures.P> affinity) {
        return affinity.apply(pod().labels(labels)).build();
    }

    private static Pod inNamespace(String ns, String nodeName) {
        return pod().namespace(ns).node(nodeName).labels(S1).build();
    }

    private static List<Node> nodes(Object... nameAndLabels) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < nameAndLabels.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) nameAndLabels[i + 1];
            out.add(node((String) nameAndLabels[i], labels));
        }
        return out;
    }

    private static Case preferred(String name, Pod pod, List<Pod> pods, List<Node> nodes, Long... want) {
        return new Case("TestPreferredAffinity: " + name, pod, pods, nodes, InterPodAffinityArgs.defaults(), Status.Code.SUCCESS, List.of(want));
    }

    private static Case preferredSkip(String name, Pod pod, List<Pod> pods, List<Node> nodes, InterPodAffinityArgs args) {
        return new Case("TestPreferredAffinity: " + name, pod, pods, nodes, args, Status.Code.SKIP, List.of());
    }

    static Stream<Case> preferredAffinity() {
        List<Node> chinaIndiaAz1 = nodes("node1", RG_CHINA, "node2", RG_INDIA, "node3", AZ1);
        List<Node> fiveNodes = nodes("node1", RG_CHINA, "node2", RG_INDIA, "node3", RG_CHINA, "node4", RG_CHINA, "node5", RG_INDIA);
        List<Node> chinaIndia = nodes("node1", RG_CHINA, "node2", RG_INDIA);
        List<Pod> namespacedPods = List.of(inNamespace("subteam1.team1", "node1"), inNamespace("subteam1.team1", "node1"),
                inNamespace("subteam1.team2", "node1"), inNamespace("subteam2.team1", "node2"));
        List<Pod> namespacedPodsWithTeam2 = List.of(inNamespace("subteam1.team1", "node1"), inNamespace("subteam1.team1", "node1"),
                inNamespace("subteam2.team2", "node1"), inNamespace("subteam2.team1", "node2"));
        Pod incomingNsAffinity = AFFINITY_NAMESPACE_SELECTOR.apply(pod().namespace("subteam1.team1").labels(S1)).build();
        Pod incomingNsAntiAffinity = ANTI_AFFINITY_NAMESPACE_SELECTOR.apply(pod().namespace("subteam1.team1").labels(S1)).build();
        List<Pod> ignoredPods = List.of(on("node1", S1, STAY_WITH_S1_AWAY_FROM_S2), on("node2", S2, STAY_WITH_S2_IN_REGION));
        return Stream.of(
                preferredSkip("all nodes are same priority as Affinity is nil", pod().labels(S1).build(), List.of(), chinaIndiaAz1,
                        InterPodAffinityArgs.defaults()),
                preferred("Affinity: pod that matches topology key & pods in nodes will get high score comparing to others"
                                + "which doesn't match either pods in nodes or in topology key",
                        incoming(S1, STAY_WITH_S1_IN_REGION), List.of(on("node1", S1), on("node2", S2), on("node3", S1)), chinaIndiaAz1, MAX, 0L, 0L),
                preferred("All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score",
                        incoming(Map.of(), STAY_WITH_S1_IN_REGION), List.of(on("node1", S1)),
                        nodes("node1", RG_CHINA, "node2", RG_CHINA_AZ1, "node3", RG_INDIA), MAX, MAX, 0L),
                preferred("Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score",
                        incoming(S1, STAY_WITH_S2_IN_REGION),
                        List.of(on("node1", S2), on("node1", S2), on("node2", S2), on("node3", S2), on("node4", S2), on("node5", S2)),
                        fiveNodes, MAX, 0L, MAX, MAX, 0L),
                preferred("Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ",
                        incoming(S1, AFFINITY3), List.of(on("node1", S1), on("node2", S2), on("node3", S1)), chinaIndiaAz1, 20L, MAX, 0L),
                preferred("Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
                        pod().labels(S2).build(), List.of(on("node1", S1, STAY_WITH_S1_IN_REGION), on("node2", S2, STAY_WITH_S2_IN_REGION)),
                        chinaIndiaAz1, 0L, MAX, 0L),
                preferred("Affinity symmetry with namespace selector",
                        pod().namespace("subteam1.team1").labels(S1).build(),
                        List.of(on("node1", S1, AFFINITY_NAMESPACE_SELECTOR), on("node2", S2, STAY_WITH_S2_IN_REGION)), chinaIndiaAz1, MAX, 0L, 0L),
                preferred("AntiAffinity symmetry with namespace selector",
                        pod().namespace("subteam1.team1").labels(S1).build(),
                        List.of(on("node1", S1, ANTI_AFFINITY_NAMESPACE_SELECTOR), on("node2", S2, STAY_WITH_S2_IN_REGION)), chinaIndiaAz1, 0L, MAX, MAX),
                preferred("Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry",
                        pod().labels(S1).build(), List.of(on("node1", S1, HARD_AFFINITY), on("node2", S2, HARD_AFFINITY)), chinaIndiaAz1, MAX, MAX, 0L),
                preferred("Anti Affinity: pod that does not match existing pods in node will get high score ",
                        incoming(S1, AWAY_FROM_S1_IN_AZ), List.of(on("node1", S1), on("node2", S2)), nodes("node1", AZ1, "node2", RG_CHINA), 0L, MAX),
                preferred("Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ",
                        incoming(S1, AWAY_FROM_S1_IN_AZ), List.of(on("node1", S1), on("node2", S1)), nodes("node1", AZ1, "node2", RG_CHINA), 0L, MAX),
                preferred("Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score",
                        incoming(S1, AWAY_FROM_S1_IN_AZ), List.of(on("node1", S1), on("node1", S1), on("node2", S2)),
                        nodes("node1", AZ1, "node2", RG_INDIA), 0L, MAX),
                preferred("Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score",
                        pod().labels(S2).build(), List.of(on("node1", S1, AWAY_FROM_S2_IN_AZ), on("node2", S2, AWAY_FROM_S1_IN_AZ)),
                        nodes("node1", AZ1, "node2", AZ2), 0L, MAX),
                preferred("Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity",
                        incoming(S1, STAY_WITH_S1_AWAY_FROM_S2), List.of(on("node1", S1), on("node2", S1)), nodes("node1", RG_CHINA, "node2", AZ1), MAX, 0L),
                preferred("Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels",
                        incoming(S1, STAY_WITH_S1_AWAY_FROM_S2),
                        List.of(on("node1", S1), on("node1", S1), on("node2", S1), on("node3", S1), on("node3", S1), on("node4", S1), on("node5", S1)),
                        nodes("node1", RG_CHINA_AZ1, "node2", RG_INDIA, "node3", RG_CHINA, "node4", RG_CHINA, "node5", RG_INDIA), MAX, 0L, MAX, MAX, 0L),
                preferred("Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry",
                        incoming(S1, STAY_WITH_S1_AWAY_FROM_S2),
                        List.of(on("node1", S1), on("node2", S2), on("node3", Map.of(), STAY_WITH_S1_AWAY_FROM_S2), on("node4", Map.of(), AWAY_FROM_S1_IN_AZ)),
                        nodes("node1", RG_CHINA, "node2", AZ1, "node3", RG_INDIA, "node4", AZ2), MAX, 0L, MAX, 0L),
                preferred("Avoid panic when partial nodes in a topology don't have pods with affinity",
                        pod().labels(S1).build(), List.of(on("node1", S1), on("node2", Map.of(), STAY_WITH_S1_AWAY_FROM_S2)),
                        nodes("node1", RG_CHINA, "node2", RG_CHINA), 0L, 0L),
                preferred("Affinity with pods matching NamespaceSelector", incomingNsAffinity, namespacedPods, chinaIndia, MAX, 0L),
                preferred("Affinity with pods matching both NamespaceSelector and Namespaces fields", incomingNsAffinity, namespacedPodsWithTeam2,
                        chinaIndia, MAX, 0L),
                preferred("Affinity with pods matching NamespaceSelector (anti-affinity)", incomingNsAntiAffinity, namespacedPods, chinaIndia, 0L, MAX),
                preferred("Affinity with pods matching both NamespaceSelector and Namespaces fields (anti-affinity)", incomingNsAntiAffinity,
                        namespacedPodsWithTeam2, chinaIndia, 0L, MAX),
                preferredSkip("Ignore preferred terms of existing pods", pod().labels(S2).build(), ignoredPods, chinaIndia,
                        InterPodAffinityArgs.of(1, true)),
                preferred("Do not ignore preferred terms of existing pods", pod().labels(S2).build(), ignoredPods, chinaIndia, 0L, MAX),
                preferredSkip("No nodes to score", pod().labels(S2).build(), List.of(), List.of(), InterPodAffinityArgs.defaults()));
    }

    // ---- TestPreferredAffinityWithHardPodAffinitySymmetricWeight ----

    private static final PodAffinityTerm HARD_POD_AFFINITY = withTeamSelector(in("service", "region", "S1"), "team1", "", "subteam2.team2");

    private static Case hardWeight(String name, String namespace, int weight, Status.Code wantPreScore, Long... want) {
        List<Pod> pods = List.of(pod().node("node1").affinity(HARD_POD_AFFINITY).build(), pod().node("node2").affinity(HARD_POD_AFFINITY).build());
        return new Case("TestPreferredAffinityWithHardPodAffinitySymmetricWeight: " + name,
                pod().namespace(namespace).label("service", "S1").build(), pods, nodes("node1", RG_CHINA, "node2", RG_INDIA, "node3", AZ1),
                InterPodAffinityArgs.of(weight, false), wantPreScore, List.of(want));
    }

    static Stream<Case> hardPodAffinitySymmetricWeight() {
        return Stream.of(
                hardWeight("with default weight", "", 1, Status.Code.SUCCESS, MAX, MAX, 0L),
                hardWeight("with zero weight", "", 0, Status.Code.SKIP),
                hardWeight("with no matching namespace", "subteam1.team2", 1, Status.Code.SKIP),
                hardWeight("with matching NamespaceSelector", "subteam1.team1", 1, Status.Code.SUCCESS, MAX, MAX, 0L),
                hardWeight("with matching Namespaces", "subteam2.team2", 1, Status.Code.SUCCESS, MAX, MAX, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"preferredAffinity", "hardPodAffinitySymmetricWeight"})
    void scores(Case c) {
        TestHandle handle = new TestHandle(c.nodes(), c.pods());
        AffinityFixtures.upstreamNamespaces().forEach(handle.cluster()::create);
        assertScores(c, handle, new InterPodAffinity(c.args(), handle));
    }

    /**
     * The plugin remembers per-node score maps between pods: one that ran PreScore before a pod arrived on
     * its node (changing that NodeInfo) must then score as the table says. The late pod is one without
     * (anti-)affinity, since adding it behind the snapshot's back leaves the snapshot's affinity lists as they were.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource({"preferredAffinity", "hardPodAffinitySymmetricWeight"})
    void scoresAfterANodeChanged(Case c) {
        List<String> nodeNames = c.nodes().stream().map(n -> n.getMetadata().getName()).toList();
        Pod late = c.pods().stream().filter(pod -> !PodInfo.of(pod).hasAffinity() && nodeNames.contains(pod.getSpec().getNodeName()))
                .reduce((first, second) -> second).orElse(null);
        List<Pod> before = c.pods().stream().filter(pod -> pod != late).toList();
        TestHandle handle = new TestHandle(c.nodes(), before);
        AffinityFixtures.upstreamNamespaces().forEach(handle.cluster()::create);
        InterPodAffinity p = new InterPodAffinity(c.args(), handle);
        p.preScore(new CycleState(), c.pod(), handle.snapshot().list());
        if (late != null) {
            handle.snapshot().get(late.getSpec().getNodeName()).orElseThrow().addPod(PodInfo.of(late));
        }
        assertScores(c, handle, p);
    }

    private static void assertScores(Case c, TestHandle handle, InterPodAffinity p) {
        CycleState state = new CycleState();
        Status status = p.preScore(state, c.pod(), handle.snapshot().list());
        assertThat(status.code()).as("PreScore: %s", status).isEqualTo(c.wantPreScore());
        if (!status.isSuccess()) {
            return;
        }
        String[] names = new String[c.nodes().size()];
        long[] raw = new long[c.nodes().size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = c.nodes().get(i).getMetadata().getName();
            raw[i] = p.score(state, c.pod(), handle.snapshot().get(names[i]).orElseThrow());
        }
        NodeScores scores = new NodeScores(names, raw);
        assertThat(p.normalizeScore(state, c.pod(), scores)).isEqualTo(Status.SUCCESS);
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            got.add(scores.score(i));
        }
        assertThat(got).isEqualTo(c.want());
    }
}
