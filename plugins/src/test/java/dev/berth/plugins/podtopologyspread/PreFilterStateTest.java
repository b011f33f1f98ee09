package dev.berth.plugins.podtopologyspread;

import static dev.berth.plugins.podtopologyspread.Fixtures.BAR;
import static dev.berth.plugins.podtopologyspread.Fixtures.DNS;
import static dev.berth.plugins.podtopologyspread.Fixtures.FOO;
import static dev.berth.plugins.podtopologyspread.Fixtures.SA;
import static dev.berth.plugins.podtopologyspread.Fixtures.expect;
import static dev.berth.plugins.podtopologyspread.Fixtures.labels;
import static dev.berth.plugins.podtopologyspread.Fixtures.map;
import static dev.berth.plugins.podtopologyspread.Fixtures.node;
import static dev.berth.plugins.podtopologyspread.Fixtures.nodeAffinity;
import static dev.berth.plugins.podtopologyspread.Fixtures.on;
import static dev.berth.plugins.podtopologyspread.Fixtures.pod;
import static dev.berth.plugins.podtopologyspread.Fixtures.spread;
import static dev.berth.plugins.podtopologyspread.Fixtures.tainted;
import static dev.berth.plugins.podtopologyspread.Fixtures.withConstraints;
import static dev.berth.plugins.podtopologyspread.Fixtures.zoned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.Status;
import dev.berth.plugins.podtopologyspread.Fixtures.ConstraintView;
import dev.berth.plugins.podtopologyspread.PreFilterState.Path;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PreFilter state, ported from upstream's filtering_test.go TestPreFilterState (all feature gates on). */
class PreFilterStateTest {

    /** Expected state of one constraint: its compiled form, matching pods per domain, and the two critical paths. */
    record Expected(ConstraintView constraint, Map<String, Integer> counts, List<Path> paths) {
    }

    record Case(String name, Pod pod, List<Node> nodes, List<Pod> existing, List<TopologySpreadConstraint> defaults,
                List<Service> services, List<Expected> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Node> FOUR_NODES = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"));
    private static final List<Node> THREE_NODES = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-y", "zone2"));
    private static final int MAX = Integer.MAX_VALUE;

    static Expected want(ConstraintView c, Map<String, Integer> counts, String v0, int n0, String v1, int n1) {
        return new Expected(c, counts, List.of(new Path(v0, n0), new Path(v1, n1)));
    }

    static Map<String, Integer> counts(Object... kv) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }

    static List<Pod> pods(Pod... pods) {
        return List.of(pods);
    }

    static Case c(String name, Pod pod, List<Node> nodes, List<Pod> existing, Expected... want) {
        return new Case("TestPreFilterState/" + name, pod, nodes, existing, List.of(), List.of(), List.of(want));
    }

    static Service service(Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withName("svc-" + selector.hashCode()).withNamespace("default").endMetadata()
                .withNewSpec().withSelector(selector).endSpec().build();
    }

    static Stream<Case> cases() {
        List<Pod> fiveFoo = pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", ""));
        List<Pod> sevenFoo = pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", ""), on("node-y", "p-y3", "foo", ""), on("node-y", "p-y4", "foo", ""));
        List<Pod> barPods = pods(on("node-a", "p-a", "bar", ""), on("node-b", "p-b", "bar", ""), on("node-b", "p-c", "bar", ""), on("node-c", "p-d"));
        List<Pod> fooA = pods(on("node-a", "p-a1", "foo", "a"), on("node-a", "p-a2", "foo", "a"), on("node-b", "p-b1", "foo", "a"),
                on("node-y", "p-y1", "foo", "a"), on("node-y", "p-y2", "foo", "a"));
        List<Node> affinityNodes = List.of(node("node-a", "node", "node-a", "foo", ""), node("node-b", "node", "node-b", "foo", ""), node("node-c", "node", "node-c", "bar", ""));
        List<Node> taintNodes = List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b"), tainted(node("node-c", "node", "node-c", "bar", "")));
        List<Case> cases = new ArrayList<>(List.of(
                c("clean cluster with one spreadConstraint",
                        withConstraints(pod("p", "foo", ""), spread(5, "zone", DNS, labels("foo", "bar"))).build(), FOUR_NODES, List.of(),
                        want(expect(5, "zone", labels("foo", "bar")), counts("zone1", 0, "zone2", 0), "zone1", 0, "zone2", 0)),
                c("normal case with one spreadConstraint",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(), FOUR_NODES, fiveFoo,
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 2), "zone2", 2, "zone1", 3)),
                c("normal case with null label selector",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, null)).build(), FOUR_NODES, fiveFoo,
                        want(expect(1, "zone", null), counts("zone1", 0, "zone2", 0), "zone2", 0, "zone1", 0)),
                c("normal case with one spreadConstraint, on a 3-zone cluster",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"), zoned("node-o", "zone3"), zoned("node-p", "zone3")),
                        fiveFoo, want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 2, "zone3", 0), "zone3", 0, "zone2", 2)),
                c("namespace mismatch doesn't count",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(), FOUR_NODES,
                        pods(on("node-a", "p-a1", "foo", ""), pod("p-a2", "foo", "").namespace("ns1").node("node-a").build(), on("node-b", "p-b1", "foo", ""),
                                pod("p-y1", "foo", "").namespace("ns2").node("node-y").build(), on("node-y", "p-y2", "foo", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 2, "zone2", 1), "zone2", 1, "zone1", 2)),
                c("normal case with two spreadConstraints",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(), FOUR_NODES, sevenFoo,
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 4), "zone1", 3, "zone2", 4),
                        want(expect(1, "node", FOO), counts("node-a", 2, "node-b", 1, "node-x", 0, "node-y", 4), "node-x", 0, "node-b", 1)),
                c("soft spreadConstraints should be bypassed",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", SA, FOO), spread(1, "zone", DNS, FOO),
                                spread(1, "node", SA, FOO), spread(1, "node", DNS, FOO)).build(), THREE_NODES, sevenFoo,
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 4), "zone1", 3, "zone2", 4),
                        want(expect(1, "node", FOO), counts("node-a", 2, "node-b", 1, "node-y", 4), "node-b", 1, "node-a", 2)),
                c("different labelSelectors - simple version",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), THREE_NODES,
                        pods(on("node-a", "p-a", "foo", ""), on("node-b", "p-b", "bar", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 1, "zone2", 0), "zone2", 0, "zone1", 1),
                        want(expect(1, "node", BAR), counts("node-a", 0, "node-b", 1, "node-y", 0), "node-a", 0, "node-y", 0)),
                c("different labelSelectors - complex pods",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), THREE_NODES,
                        pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", "", "bar", ""), on("node-b", "p-b1", "foo", ""),
                                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", "", "bar", ""), on("node-y", "p-y3", "foo", ""),
                                on("node-y", "p-y4", "foo", "", "bar", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 4), "zone1", 3, "zone2", 4),
                        want(expect(1, "node", BAR), counts("node-a", 1, "node-b", 0, "node-y", 2), "node-b", 0, "node-a", 1)),
                c("two spreadConstraints, and with podAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "node", "NotIn", "node-x"), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(),
                        FOUR_NODES, sevenFoo,
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 4), "zone1", 3, "zone2", 4),
                        want(expect(1, "node", FOO), counts("node-a", 2, "node-b", 1, "node-y", 4), "node-b", 1, "node-a", 2)),
                c("NodeAffinityPolicy honored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", DNS, BAR)).build(), affinityNodes, barPods,
                        want(expect(1, "node", BAR), counts("node-a", 1, "node-b", 2), "node-a", 1, "node-b", 2)),
                c("NodeAffinityPolicy ignored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", DNS, BAR, null, "Ignore", null, null)).build(),
                        affinityNodes, barPods,
                        want(expect(1, "node", BAR, false, false), counts("node-a", 1, "node-b", 2, "node-c", 0), "node-c", 0, "node-a", 1)),
                c("NodeAffinityPolicy honored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", DNS, BAR)).build(), affinityNodes, barPods,
                        want(expect(1, "node", BAR), counts("node-a", 1, "node-b", 2), "node-a", 1, "node-b", 2)),
                c("NodeAffinityPolicy ignored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", DNS, BAR, null, "Ignore", null, null)).build(),
                        affinityNodes, barPods,
                        want(expect(1, "node", BAR, false, false), counts("node-a", 1, "node-b", 2, "node-c", 0), "node-c", 0, "node-a", 1)),
                c("NodeTaintsPolicy ignored",
                        withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, BAR)).build(), taintNodes, barPods,
                        want(expect(1, "node", BAR), counts("node-a", 1, "node-b", 2, "node-c", 0), "node-c", 0, "node-a", 1)),
                c("NodeTaintsPolicy honored",
                        withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, BAR, null, null, "Honor", null)).build(), taintNodes, barPods,
                        want(expect(1, "node", BAR, true, true), counts("node-a", 1, "node-b", 2), "node-a", 1, "node-b", 2)),
                c("NodeTaintsPolicy honored with tolerated taints",
                        withConstraints(pod("p", "foo", "").toleration(new TolerationBuilder().withKey("node.kubernetes.io/unschedulable").withOperator("Exists").build()),
                                spread(1, "node", DNS, BAR, null, null, "Honor", null)).build(), taintNodes, barPods,
                        want(expect(1, "node", BAR, true, true), counts("node-a", 1, "node-b", 2, "node-c", 0), "node-c", 0, "node-a", 1)),
                c("two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO),
                                spread(1, "node", DNS, FOO, null, "Ignore", null, null)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), zoned("node-b", "zone1"), node("node-x", "zone", "zone2", "node", "node-x", "foo", "")),
                        pods(on("node-b", "p-b1", "foo", ""), on("node-b", "p-b2", "foo", ""), on("node-x", "p-x1", "foo", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 0, "zone2", 1), "zone1", 0, "zone2", 1),
                        want(expect(1, "node", FOO, false, false), counts("node-a", 0, "node-b", 2, "node-x", 1), "node-a", 0, "node-x", 1)),
                c("two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO, null, null, "Honor", null), spread(1, "node", DNS, FOO)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), tainted(zoned("node-b", "zone1")), node("node-x", "zone", "zone2", "node", "node-x", "foo", "")),
                        pods(on("node-b", "p-b1", "foo", ""), on("node-b", "p-b2", "foo", ""), on("node-x", "p-x1", "foo", "")),
                        want(expect(1, "zone", FOO, true, true), counts("zone1", 0, "zone2", 1), "zone1", 0, "zone2", 1),
                        want(expect(1, "node", FOO), counts("node-a", 0, "node-b", 2, "node-x", 1), "node-a", 0, "node-x", 1)),
                c("two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(),
                        List.of(zoned("node-a", "zone1"), tainted(node("node-b", "zone", "zone1", "node", "node-b", "foo", "")),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), zoned("node-y", "zone2")),
                        pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 0, "zone2", 1), "zone1", 0, "zone2", 1),
                        want(expect(1, "node", FOO), counts("node-b", 0, "node-x", 1), "node-b", 0, "node-x", 1)),
                c("two node inclusion Constraints, zone: ignore/ignore, node: honor/honor",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO, null, "Ignore", null, null),
                                spread(1, "node", DNS, FOO, null, null, "Honor", null)).build(),
                        List.of(zoned("node-a", "zone1"), tainted(node("node-b", "zone", "zone1", "node", "node-b", "foo", "")),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), node("node-y", "zone", "zone2", "node", "node-y", "foo", "")),
                        pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-x", "p-x1", "foo", ""), on("node-x", "p-x2", "foo", ""),
                                on("node-y", "p-y1", "foo", "")),
                        want(expect(1, "zone", FOO, false, false), counts("zone1", 2, "zone2", 3), "zone1", 2, "zone2", 3),
                        want(expect(1, "node", FOO, true, true), counts("node-x", 2, "node-y", 1), "node-y", 1, "node-x", 2)),
                c("matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
                        withConstraints(pod("p", "foo", "", "bar", "a"), spread(1, "zone", DNS, FOO, null, null, null, List.of("bar"))).build(), FOUR_NODES,
                        pods(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", "", "bar", "a"), on("node-b", "p-b1", "foo", ""),
                                on("node-y", "p-y1", "foo", "", "bar", "a"), on("node-y", "p-y2", "bar", "")),
                        want(expect(1, "zone", new LabelSelectorBuilder(FOO).withMatchLabels(map("bar", "a")).build()),
                                counts("zone1", 1, "zone2", 1), "zone1", 1, "zone2", 1)),
                c("matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
                        withConstraints(pod("p", "foo", "a"), spread(1, "zone", DNS, new LabelSelectorBuilder().build(), null, null, null, List.of("foo"))).build(),
                        FOUR_NODES, fooA,
                        want(expect(1, "zone", labels("foo", "a")), counts("zone1", 3, "zone2", 2), "zone2", 2, "zone1", 3)),
                c("key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, null, null, null, null, List.of("bar"))).build(), FOUR_NODES, fooA,
                        want(expect(1, "zone", null), counts("zone1", 0, "zone2", 0), "zone2", 0, "zone1", 0)),
                c("key in matchLabelKeys is ignored when it isn't exist in pod.labels",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO, null, null, null, List.of("bar"))).build(), FOUR_NODES, fooA,
                        want(expect(1, "zone", FOO), counts("zone1", 3, "zone2", 2), "zone2", 2, "zone1", 3)),
                c("two spreadConstraints with the same topologyKey",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "zone", DNS, BAR)).build(), FOUR_NODES,
                        pods(on("node-a", "p-a1", "foo", "", "bar", ""), on("node-b", "p-b1", "foo", ""), on("node-x", "p-x1", "bar", ""),
                                on("node-y", "p-y1", "foo", "", "bar", ""), on("node-y", "p-y2", "bar", "")),
                        want(expect(1, "zone", FOO), counts("zone1", 2, "zone2", 1), "zone2", 1, "zone1", 2),
                        want(expect(1, "zone", BAR), counts("zone1", 1, "zone2", 3), "zone1", 1, "zone2", 3))));
        cases.add(new Case("TestPreFilterState/default constraints and a service", pod("p", "foo", "bar", "baz", "kar").build(), List.of(), List.of(),
                List.of(spread(3, "node", DNS, null), spread(2, "node", SA, null), spread(5, "rack", DNS, null)),
                List.of(service(map("foo", "bar"))),
                List.of(want(expect(3, "node", labels("foo", "bar")), counts(), "", MAX, "", MAX),
                        want(expect(5, "rack", labels("foo", "bar")), counts(), "", MAX, "", MAX))));
        cases.add(new Case("TestPreFilterState/default constraints and a service, but pod has constraints",
                withConstraints(pod("p", "foo", "bar", "baz", "tar"), spread(1, "zone", DNS, labels("baz", "tar")), spread(2, "planet", SA, labels("fot", "rok"))).build(),
                List.of(), List.of(), List.of(spread(2, "node", DNS, null)), List.of(service(map("foo", "bar"))),
                List.of(want(expect(1, "zone", labels("baz", "tar")), counts(), "", MAX, "", MAX))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilterState(Case tc) {
        TestHandle handle = new TestHandle(tc.nodes(), tc.existing());
        tc.services().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, PodTopologySpreadArgs.LIST_DEFAULTING, tc.defaults().toArray(TopologySpreadConstraint[]::new));
        CycleState state = new CycleState();

        PreFilterResult result = plugin.preFilter(state, tc.pod(), handle.snapshot().list());

        assertThat(result.status()).isEqualTo(Status.SUCCESS);
        assertState(state.require(PodTopologySpread.PRE_FILTER_KEY), tc.want());
    }

    /**
     * The plugin remembers per-node counts between pods: one that ran PreFilter before the last existing
     * pod arrived on its node (changing that NodeInfo) must then answer as the table says.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preFilterStateAfterANodeChanged(Case tc) {
        List<Pod> before = tc.existing().isEmpty() ? List.of() : tc.existing().subList(0, tc.existing().size() - 1);
        TestHandle handle = new TestHandle(tc.nodes(), before);
        tc.services().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, PodTopologySpreadArgs.LIST_DEFAULTING, tc.defaults().toArray(TopologySpreadConstraint[]::new));
        assertThat(plugin.preFilter(new CycleState(), tc.pod(), handle.snapshot().list()).status()).isEqualTo(Status.SUCCESS);
        if (!tc.existing().isEmpty()) {
            Pod last = tc.existing().get(tc.existing().size() - 1);
            handle.snapshot().get(last.getSpec().getNodeName()).ifPresent(nodeInfo -> nodeInfo.addPod(PodInfo.of(last)));
        }
        CycleState state = new CycleState();

        assertThat(plugin.preFilter(state, tc.pod(), handle.snapshot().list()).status()).isEqualTo(Status.SUCCESS);
        assertState(state.require(PodTopologySpread.PRE_FILTER_KEY), tc.want());
    }

    static void assertState(PreFilterState got, List<Expected> want) {
        assertThat(got.constraints()).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(Fixtures.view(got.constraints().get(i))).as("constraint %d", i).isEqualTo(want.get(i).constraint());
            assertThat(got.matchNumByDomain(i)).as("counts %d", i).isEqualTo(want.get(i).counts());
            assertThat(sorted(List.of(got.criticalPath(i, 0), got.criticalPath(i, 1)))).as("critical paths %d", i)
                    .isEqualTo(sorted(want.get(i).paths()));
        }
    }

    /** Paths with equal counts may come in either order (upstream's criticalPaths.sort()). */
    static List<Path> sorted(List<Path> paths) {
        if (paths.get(0).matchNum() != paths.get(1).matchNum()) {
            return paths;
        }
        return paths.stream().sorted(Comparator.comparing(Path::topologyValue)).toList();
    }

    static Stream<Case> skipCases() {
        return Stream.of(
                new Case("TestPreFilterState/default constraints and a service that doesn't match", pod("p", "foo", "bar").build(), List.of(), List.of(),
                        List.of(spread(3, "node", DNS, null)), List.of(service(map("baz", "kep"))), List.of()),
                new Case("TestPreFilterState/default soft constraints and a service", pod("p", "foo", "bar").build(), List.of(), List.of(),
                        List.of(spread(2, "node", SA, null)), List.of(service(map("foo", "bar"))), List.of()),
                new Case("TestPreFilterState/skip if not specified", pod("p", "foo", "").build(), List.of(zoned("node-a", "zone1")), List.of(),
                        List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void preFilterSkips(Case tc) {
        TestHandle handle = new TestHandle(tc.nodes(), tc.existing());
        tc.services().forEach(handle.cluster()::create);
        PodTopologySpread plugin = Fixtures.plugin(handle, PodTopologySpreadArgs.LIST_DEFAULTING, tc.defaults().toArray(TopologySpreadConstraint[]::new));
        CycleState state = new CycleState();

        assertThat(plugin.preFilter(state, tc.pod(), handle.snapshot().list()).status().isSkip()).isTrue();
        assertThat(state.read(PodTopologySpread.PRE_FILTER_KEY)).isEmpty();
    }
}
