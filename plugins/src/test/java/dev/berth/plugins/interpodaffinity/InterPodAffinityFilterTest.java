package dev.berth.plugins.interpodaffinity;

import static dev.berth.plugins.interpodaffinity.AffinityFixtures.exists;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.in;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.node;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.notIn;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.pod;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.req;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.term;
import static dev.berth.plugins.interpodaffinity.AffinityFixtures.withTeamSelector;
import static dev.berth.plugins.interpodaffinity.InterPodAffinity.ERR_REASON_AFFINITY_RULES_NOT_MATCH;
import static dev.berth.plugins.interpodaffinity.InterPodAffinity.ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH;
import static dev.berth.plugins.interpodaffinity.InterPodAffinity.ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from upstream's interpodaffinity/filtering_test.go. */
class InterPodAffinityFilterTest {

    private static final Status OK = Status.SUCCESS;
    private static final Status AFFINITY = Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    private static final Status ANTI = Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    private static final Status EXISTING = Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);

    /** One case: PreFilter's status (null for success) and each node's Filter status, in node order. */
    record Case(String name, Pod pod, List<Pod> pods, List<Node> nodes, Status wantPreFilter, List<Status> wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static InterPodAffinity plugin(List<Pod> pods, List<Node> nodes, List<Namespace> namespaces, TestHandle[] handleOut) {
        TestHandle handle = new TestHandle(nodes, pods);
        namespaces.forEach(handle.cluster()::create);
        handleOut[0] = handle;
        return new InterPodAffinity(InterPodAffinityArgs.defaults(), handle);
    }

    private static void run(Case c, List<Namespace> namespaces) {
        TestHandle[] handle = new TestHandle[1];
        InterPodAffinity p = plugin(c.pods(), c.nodes(), namespaces, handle);
        CycleState state = new CycleState();
        PreFilterResult result = p.preFilter(state, c.pod(), handle[0].snapshot().list());
        assertThat(result.status()).as("PreFilter").isEqualTo(c.wantPreFilter() == null ? OK : c.wantPreFilter());
        if (!result.status().isSuccess()) {
            return;
        }
        List<Status> got = new ArrayList<>();
        for (Node n : c.nodes()) {
            got.add(p.filter(state, c.pod(), handle[0].snapshot().get(n.getMetadata().getName()).orElseThrow()));
        }
        assertThat(got).as("Filter").isEqualTo(c.wantFilter());
    }

    // ---- TestRequiredAffinitySingleNode ----

    private static final Map<String, String> POD_LABEL = Map.of("service", "securityscan");
    private static final Map<String, String> POD_LABEL2 = Map.of("security", "S1");
    private static final Node NODE1 = node("node1", Map.of("region", "r1", "zone", "z11"));

    private static Case single(String name, Pod pod, List<Pod> pods, Status wantPreFilter, Status wantFilter) {
        return new Case("TestRequiredAffinitySingleNode: " + name, pod, pods, List.of(NODE1), wantPreFilter, Arrays.asList(wantFilter));
    }

    private static Pod existing() {
        return pod().labels(POD_LABEL).node("node1").build();
    }

    static Stream<Case> requiredAffinitySingleNode() {
        return Stream.of(
                single("A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods",
                        pod().build(), List.of(), Status.skip(), null),
                single("satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod",
                        pod().labels(POD_LABEL2).affinity(in("service", "region", "securityscan", "value2")).build(), List.of(existing()), null, OK),
                single("satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod",
                        pod().labels(POD_LABEL2).affinity(notIn("service", "region", "securityscan3", "value3")).build(), List.of(existing()), null, OK),
                single("Does not satisfy the PodAffinity with labelSelector because of diff Namespace",
                        pod().labels(POD_LABEL2).affinity(new PodAffinityTermBuilder(in("service", null, "securityscan", "value2"))
                                .withNamespaces("DiffNameSpace").build()).build(),
                        List.of(pod().namespace("ns").label("service", "securityscan").node("node1").build()), null, AFFINITY),
                single("Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
                        pod().labels(POD_LABEL).affinity(in("service", "", "antivirusscan", "value2")).build(), List.of(existing()), null, AFFINITY),
                single("satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ",
                        pod().labels(POD_LABEL2).affinity(
                                term("region", req("service", "Exists"), req("wrongkey", "DoesNotExist")),
                                term("region", req("service", "In", "securityscan"), req("service", "NotIn", "WrongValue"))).build(),
                        List.of(existing()), null, OK),
                single("The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
                        pod().labels(POD_LABEL2).affinity(
                                term("region", req("service", "Exists"), req("wrongkey", "DoesNotExist")),
                                term("region", req("service", "In", "securityscan2"), req("service", "NotIn", "WrongValue"))).build(),
                        List.of(existing()), null, AFFINITY),
                single("satisfies the PodAffinity and PodAntiAffinity with the existing pod",
                        pod().labels(POD_LABEL2).affinity(in("service", "region", "securityscan", "value2"))
                                .antiAffinity(in("service", "node", "antivirusscan", "value2")).build(),
                        List.of(existing()), null, OK),
                single("satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod",
                        pod().labels(POD_LABEL2).affinity(in("service", "region", "securityscan", "value2"))
                                .antiAffinity(in("service", "node", "antivirusscan", "value2")).build(),
                        List.of(pod().node("node1").labels(POD_LABEL).antiAffinity(in("service", "node", "antivirusscan", "value2")).build()),
                        null, OK),
                single("satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
                        pod().labels(POD_LABEL2).affinity(in("service", "region", "securityscan", "value2"))
                                .antiAffinity(in("service", "zone", "securityscan", "value2")).build(),
                        List.of(existing()), null, ANTI),
                single("satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                        pod().labels(POD_LABEL).affinity(in("service", "region", "securityscan", "value2"))
                                .antiAffinity(in("service", "node", "antivirusscan", "value2")).build(),
                        List.of(pod().labels(POD_LABEL).node("node1").antiAffinity(in("service", "zone", "securityscan", "value2")).build()),
                        null, EXISTING),
                single("pod matches its own Label in PodAffinity and that matches the existing pod Labels",
                        pod().labels(POD_LABEL).affinity(notIn("service", "region", "securityscan", "value2")).build(),
                        List.of(pod().label("service", "securityscan").node("node2").build()), null, AFFINITY),
                single("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
                        pod().labels(POD_LABEL).build(),
                        List.of(pod().node("node1").labels(POD_LABEL).antiAffinity(in("service", "zone", "securityscan", "value2")).build()),
                        null, EXISTING),
                single("verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod",
                        pod().labels(POD_LABEL).build(),
                        List.of(pod().node("node1").labels(POD_LABEL).antiAffinity(notIn("service", "zone", "securityscan", "value2")).build()),
                        Status.skip(), null),
                single("satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
                        pod().labels(POD_LABEL).antiAffinity(exists("service", "region"), exists("security", "region")).build(),
                        List.of(pod().node("node1").labels(POD_LABEL2).antiAffinity(exists("security", "zone")).build()), null, ANTI),
                single("PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod().labels(POD_LABEL).antiAffinity(exists("service", "zone"), exists("security", "zone")).build(),
                        List.of(pod().node("node1").labels(POD_LABEL2).antiAffinity(exists("security", "zone")).build()), null, ANTI),
                single("PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod().labels(POD_LABEL2).antiAffinity(exists("security", "zone")).build(),
                        List.of(pod().node("node1").labels(POD_LABEL).antiAffinity(exists("service", "zone"), exists("security", "zone")).build()),
                        null, EXISTING),
                single("PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod().labels(Map.of("abc", "", "xyz", "")).antiAffinity(exists("abc", "zone"), exists("def", "zone")).build(),
                        List.of(pod().node("node1").labels(Map.of("def", "", "xyz", "")).antiAffinity(exists("abc", "zone"), exists("def", "zone")).build()),
                        null, ANTI),
                single("PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms",
                        pod().labels(Map.of("def", "", "xyz", "")).antiAffinity(exists("abc", "zone"), exists("def", "zone")).build(),
                        List.of(pod().node("node1").labels(Map.of("abc", "", "xyz", "")).antiAffinity(exists("abc", "zone"), exists("def", "zone")).build()),
                        null, ANTI),
                single("affinity with NamespaceSelector",
                        pod().labels(POD_LABEL2).affinity(withTeamSelector(in("service", "region", "securityscan", "value2"), "team1")).build(),
                        List.of(pod().node("node1").namespace("subteam1.team1").labels(POD_LABEL).build()), null, OK),
                single("affinity with non-matching NamespaceSelector",
                        pod().labels(POD_LABEL2).affinity(withTeamSelector(in("service", "region", "securityscan", "value2"), "team1")).build(),
                        List.of(pod().node("node1").namespace("subteam1.team2").labels(POD_LABEL).build()), null, AFFINITY),
                single("anti-affinity with matching NamespaceSelector",
                        pod().namespace("subteam1.team1").labels(POD_LABEL2)
                                .antiAffinity(withTeamSelector(in("service", "zone", "securityscan", "value2"), "team1")).build(),
                        List.of(pod().node("node1").namespace("subteam2.team1").labels(POD_LABEL).build()), null, ANTI),
                single("anti-affinity with matching all NamespaceSelector",
                        pod().namespace("subteam1.team1").labels(POD_LABEL2)
                                .antiAffinity(new PodAffinityTermBuilder(in("service", "zone", "securityscan", "value2"))
                                        .withNewNamespaceSelector().endNamespaceSelector().build()).build(),
                        List.of(pod().node("node1").namespace("subteam2.team1").labels(POD_LABEL).build()), null, ANTI),
                single("anti-affinity with non-matching NamespaceSelector",
                        pod().namespace("subteam1.team1").labels(POD_LABEL2)
                                .antiAffinity(withTeamSelector(in("service", "zone", "securityscan", "value2"), "team1")).build(),
                        List.of(pod().node("node1").namespace("subteam1.team2").labels(POD_LABEL).build()), null, OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredAffinitySingleNode")
    void requiredAffinitySingleNode(Case c) {
        run(c, AffinityFixtures.upstreamNamespaces());
    }

    // ---- TestRequiredAffinityMultipleNodes ----

    private static final Map<String, String> RG_CHINA = Map.of("region", "China");
    private static final Map<String, String> RG_CHINA_AZ1 = Map.of("region", "China", "az", "az1");
    private static final Map<String, String> RG_INDIA = Map.of("region", "India");

    private static Case multi(String name, Pod pod, List<Pod> pods, List<Node> nodes, Status wantPreFilter, Status... wantFilter) {
        return new Case("TestRequiredAffinityMultipleNodes: " + name, pod, pods, nodes, wantPreFilter, Arrays.asList(wantFilter));
    }

    private static List<Node> abNodes(String zoneA, String zoneB) {
        return List.of(node("nodeA", Map.of("region", "r1", "zone", zoneA, "hostname", "nodeA")),
                node("nodeB", Map.of("region", "r1", "zone", zoneB, "hostname", "nodeB")));
    }

    private static List<Node> chinaIndia(String... names) {
        return List.of(node(names[0], RG_CHINA), node(names[1], RG_CHINA_AZ1), node(names[2], RG_INDIA));
    }

    static Stream<Case> requiredAffinityMultipleNodes() {
        return Stream.of(
                multi("A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules",
                        pod().affinity(in("foo", "region", "bar")).build(),
                        List.of(pod().name("p1").node("node1").label("foo", "bar").build()),
                        chinaIndia("node1", "node2", "node3"), null, OK, OK, AFFINITY),
                multi("The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection "
                                + "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
                        pod().labels(Map.of("foo", "bar", "service", "securityscan"))
                                .affinity(in("foo", "zone", "bar"), in("service", "zone", "securityscan")).build(),
                        List.of(pod().name("p1").node("nodeA").label("foo", "bar").build()),
                        List.of(node("nodeA", Map.of("zone", "az1", "hostname", "h1")), node("nodeB", Map.of("zone", "az2", "hostname", "h2"))),
                        null, OK, OK),
                multi("The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys",
                        pod().labels(Map.of("foo", "bar", "service", "securityscan"))
                                .affinity(in("foo", "zone", "bar"), in("service", "zone", "securityscan")).build(),
                        List.of(pod().name("p1").node("nodeA").label("foo", "bar").build()),
                        List.of(node("nodeA", Map.of("zoneLabel", "az1", "hostname", "h1")), node("nodeB", Map.of("zoneLabel", "az2", "hostname", "h2"))),
                        null, AFFINITY, AFFINITY),
                multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.",
                        pod().antiAffinity(in("foo", "region", "abc")).build(),
                        List.of(pod().node("nodeA").label("foo", "abc").build()),
                        List.of(node("nodeA", Map.of("region", "r1", "hostname", "nodeA")), node("nodeB", Map.of("region", "r1", "hostname", "nodeB"))),
                        null, ANTI, ANTI),
                multi("This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.",
                        pod().antiAffinity(in("foo", "region", "abc"), in("service", "zone", "securityscan")).build(),
                        List.of(pod().node("nodeA").labels(Map.of("foo", "abc", "service", "securityscan")).build()),
                        abNodes("z1", "z2"), null, ANTI, ANTI),
                multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC",
                        pod().antiAffinity(in("foo", "region", "abc")).build(),
                        List.of(pod().node("nodeA").label("foo", "abc").build()),
                        chinaIndia("nodeA", "nodeB", "nodeC"), null, ANTI, ANTI, OK),
                multi("NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)",
                        pod().namespace("NS1").label("foo", "123").antiAffinity(in("foo", "region", "bar")).build(),
                        List.of(pod().node("nodeA").namespace("NS1").label("foo", "bar").build(),
                                pod().node("nodeC").namespace("NS2").antiAffinity(in("foo", "region", "123")).build()),
                        chinaIndia("nodeA", "nodeB", "nodeC"), null, ANTI, ANTI, OK),
                multi("Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
                        pod().label("foo", "").build(),
                        List.of(pod().node("nodeA").antiAffinity(exists("foo", "invalid-node-label")).build()),
                        abNodes("z1", "z1"), Status.skip(), OK, OK),
                multi("Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
                        pod().node("nodeA").antiAffinity(exists("foo", "invalid-node-label")).build(),
                        List.of(pod().node("nodeA").label("foo", "").build()),
                        abNodes("z1", "z1"), null, OK, OK),
                multi("Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
                        pod().label("foo", "").label("bar", "").build(),
                        List.of(pod().node("nodeA").antiAffinity(exists("foo", "zone")).build(),
                                pod().node("nodeA").antiAffinity(exists("bar", "region")).build()),
                        abNodes("z1", "z2"), null, EXISTING, EXISTING),
                multi("Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
                        pod().antiAffinity(exists("foo", "zone"), exists("bar", "region")).build(),
                        List.of(pod().node("nodeA").label("foo", "").build(), pod().node("nodeB").label("bar", "").build()),
                        abNodes("z1", "z2"), null, ANTI, ANTI),
                multi("Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
                        pod().label("foo", "").label("bar", "").build(),
                        List.of(pod().node("nodeA").antiAffinity(exists("foo", "invalid-node-label"), exists("bar", "zone")).build()),
                        abNodes("z1", "z2"), null, EXISTING, OK),
                multi("Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
                        pod().antiAffinity(exists("foo", "invalid-node-label"), exists("bar", "zone")).build(),
                        List.of(pod().name("podA").node("nodeA").labels(Map.of("foo", "", "bar", "")).build()),
                        abNodes("z1", "z2"), null, ANTI, OK),
                multi("Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
                        pod().label("foo", "").label("bar", "").build(),
                        List.of(pod().node("nodeA").antiAffinity(exists("foo", "region"), exists("bar", "zone")).build()),
                        abNodes("z1", "z2"), null, EXISTING, EXISTING),
                multi("Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
                        pod().antiAffinity(exists("foo", "region"), exists("bar", "zone")).build(),
                        List.of(pod().node("nodeA").labels(Map.of("foo", "", "bar", "")).build()),
                        abNodes("z1", "z2"), null, ANTI, ANTI),
                multi("Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
                        pod().label("foo", "").label("bar", "").build(),
                        List.of(pod().node("nodeA").antiAffinity(exists("foo", "zone"), exists("labelA", "zone")).build(),
                                pod().node("nodeB").antiAffinity(exists("bar", "zone"), exists("labelB", "zone")).build()),
                        List.of(node("nodeA", Map.of("region", "r1", "zone", "z1", "hostname", "nodeA")),
                                node("nodeB", Map.of("region", "r1", "zone", "z2", "hostname", "nodeB")),
                                node("nodeC", Map.of("region", "r1", "zone", "z3", "hostname", "nodeC"))),
                        null, EXISTING, EXISTING, OK),
                multi("Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
                        pod().affinity(exists("foo", "region"), exists("bar", "zone")).build(),
                        List.of(pod().name("pod1").labels(Map.of("foo", "", "bar", "")).node("nodeA").build()),
                        abNodes("z1", "z1"), null, OK, OK),
                multi("Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
                        pod().affinity(exists("foo", "region"), exists("bar", "zone")).build(),
                        List.of(pod().node("nodeA").name("pod1").label("foo", "").build(), pod().node("nodeB").name("pod2").label("bar", "").build()),
                        abNodes("z1", "z2"), null, AFFINITY, AFFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredAffinityMultipleNodes")
    void requiredAffinityMultipleNodes(Case c) {
        run(c, List.of(new NamespaceBuilder().withNewMetadata().withName("NS1").endMetadata().build()));
    }

    // ---- TestPreFilterDisabled ----

    @Test
    void filterWithoutPreFilterIsAnError() {
        InterPodAffinity p = new InterPodAffinity(InterPodAffinityArgs.defaults(), TestHandle.empty());
        NodeInfo nodeInfo = NodeInfo.of(node("n", Map.of()));
        Status got = p.filter(new CycleState(), pod().build(), nodeInfo);
        assertThat(got).isEqualTo(Status.error("error reading \"PreFilterInterPodAffinity\" from cycleState: not found"));
    }

    // ---- TestPreFilterStateAddRemovePod ----

    record AddRemoveCase(String name, Pod pendingPod, List<Pod> existingPods, Pod addedPod, Map<TopologyPair, Long> expectedAntiAffinity,
            Map<TopologyPair, Long> expectedAffinity) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Node> ABC_NODES = List.of(node("nodeA", Map.of("region", "r1", "zone", "z11")),
            node("nodeB", Map.of("region", "r1", "zone", "z12")), node("nodeC", Map.of("region", "r2", "zone", "z21")));

    static Stream<AddRemoveCase> preFilterStateAddRemovePod() {
        var fooBar = in("foo", "region", "bar");
        var fooBarBuzz = in("foo", "region", "bar", "buzz");
        var serviceNotIn = notIn("service", "zone", "bar", "security", "test");
        return Stream.of(
                new AddRemoveCase("TestPreFilterStateAddRemovePod: preFilterState anti-affinity terms are updated correctly after adding and removing a pod",
                        pod().name("pending").label("foo", "bar").antiAffinity(fooBar).build(),
                        List.of(pod().name("p1").label("foo", "bar").node("nodeA").build(), pod().name("p2").node("nodeC").antiAffinity(fooBar).build()),
                        pod().name("addedPod").label("foo", "bar").node("nodeB").antiAffinity(fooBar).build(),
                        Map.of(new TopologyPair("region", "r1"), 2L), Map.of()),
                new AddRemoveCase("TestPreFilterStateAddRemovePod: preFilterState anti-affinity terms are updated correctly after adding and removing a pod (complex)",
                        pod().name("pending").label("foo", "bar").antiAffinity(fooBarBuzz, serviceNotIn).build(),
                        List.of(pod().name("p1").label("foo", "bar").node("nodeA").build(), pod().name("p2").node("nodeC").antiAffinity(fooBar).build()),
                        pod().name("addedPod").label("foo", "bar").node("nodeA").antiAffinity(fooBarBuzz, serviceNotIn).build(),
                        Map.of(new TopologyPair("region", "r1"), 2L, new TopologyPair("zone", "z11"), 2L, new TopologyPair("zone", "z21"), 1L), Map.of()),
                new AddRemoveCase("TestPreFilterStateAddRemovePod: preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod",
                        pod().name("pending").label("foo", "bar").affinity(fooBarBuzz, serviceNotIn).build(),
                        List.of(pod().name("p1").label("foo", "bar").node("nodeA").build(),
                                pod().name("p2").node("nodeC").antiAffinity(fooBar).affinity(fooBarBuzz, serviceNotIn).build()),
                        pod().name("addedPod").label("foo", "bar").node("nodeA").antiAffinity(fooBarBuzz, serviceNotIn).build(),
                        Map.of(), Map.of(new TopologyPair("region", "r1"), 2L, new TopologyPair("zone", "z11"), 2L)));
    }

    private static PreFilterState preFilter(InterPodAffinity p, TestHandle handle, CycleState state, Pod pod) {
        assertThat(p.preFilter(state, pod, handle.snapshot().list()).status()).isEqualTo(OK);
        return state.require(InterPodAffinity.PRE_FILTER_KEY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preFilterStateAddRemovePod")
    void preFilterStateAddRemovePod(AddRemoveCase c) {
        List<Pod> all = new ArrayList<>(c.existingPods());
        all.add(c.addedPod());
        TestHandle allHandle = new TestHandle(ABC_NODES, all);
        PreFilterState allPodsState = preFilter(new InterPodAffinity(InterPodAffinityArgs.defaults(), allHandle), allHandle, new CycleState(), c.pendingPod());

        TestHandle handle = new TestHandle(ABC_NODES, c.existingPods());
        InterPodAffinity p = new InterPodAffinity(InterPodAffinityArgs.defaults(), handle);
        CycleState state = new CycleState();
        PreFilterState s = preFilter(p, handle, state, c.pendingPod());
        PreFilterState original = s.copy();
        NodeInfo nodeInfo = handle.snapshot().get(c.addedPod().getSpec().getNodeName()).orElseThrow();

        assertThat(p.addPod(state, c.pendingPod(), PodInfo.of(c.addedPod()), nodeInfo)).isEqualTo(OK);
        assertThat(s.antiAffinityCounts.asMap()).isEqualTo(c.expectedAntiAffinity());
        assertThat(s.affinityCounts.asMap()).isEqualTo(c.expectedAffinity());
        assertSameCounts(s, allPodsState);

        assertThat(p.removePod(state, c.pendingPod(), PodInfo.of(c.addedPod()), nodeInfo)).isEqualTo(OK);
        assertSameCounts(s, original);
    }

    /**
     * The plugin remembers per-node counts between pods: one that ran PreFilter before the added pod
     * arrived on its node (changing that NodeInfo) must then count as a fresh one does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("preFilterStateAddRemovePod")
    void preFilterStateAfterANodeChanged(AddRemoveCase c) {
        List<Pod> all = new ArrayList<>(c.existingPods());
        all.add(c.addedPod());
        TestHandle allHandle = new TestHandle(ABC_NODES, all);
        PreFilterState want = preFilter(new InterPodAffinity(InterPodAffinityArgs.defaults(), allHandle), allHandle, new CycleState(), c.pendingPod());

        TestHandle handle = new TestHandle(ABC_NODES, c.existingPods());
        InterPodAffinity p = new InterPodAffinity(InterPodAffinityArgs.defaults(), handle);
        preFilter(p, handle, new CycleState(), c.pendingPod());
        handle.snapshot().get(c.addedPod().getSpec().getNodeName()).orElseThrow().addPod(PodInfo.of(c.addedPod()));

        assertSameCounts(preFilter(p, handle, new CycleState(), c.pendingPod()), want);
    }

    private static void assertSameCounts(PreFilterState got, PreFilterState want) {
        assertThat(got.existingAntiAffinityCounts).as("existingAntiAffinityCounts").isEqualTo(want.existingAntiAffinityCounts);
        assertThat(got.affinityCounts).as("affinityCounts").isEqualTo(want.affinityCounts);
        assertThat(got.antiAffinityCounts).as("antiAffinityCounts").isEqualTo(want.antiAffinityCounts);
    }

    // ---- TestPreFilterStateClone ----

    @Test
    void preFilterStateCopyIsIndependent() {
        TestHandle handle = new TestHandle(ABC_NODES, List.of(pod().label("foo", "bar").node("nodeA").build()));
        InterPodAffinity p = new InterPodAffinity(InterPodAffinityArgs.defaults(), handle);
        CycleState state = new CycleState();
        PreFilterState s = preFilter(p, handle, state, pod().antiAffinity(in("foo", "region", "bar")).build());
        PreFilterState copy = s.copy();
        assertThat(copy).isNotSameAs(s);
        assertSameCounts(copy, s);
        copy.antiAffinityCounts.update(ABC_NODES.get(0), "region", 1);
        assertThat(s.antiAffinityCounts.asMap()).containsExactly(Map.entry(new TopologyPair("region", "r1"), 1L));
    }
}
