package dev.berth.plugins.podtopologyspread;

import static dev.berth.framework.api.Status.Code.SUCCESS;
import static dev.berth.framework.api.Status.Code.UNSCHEDULABLE;
import static dev.berth.framework.api.Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
import static dev.berth.plugins.podtopologyspread.Fixtures.BAR;
import static dev.berth.plugins.podtopologyspread.Fixtures.DNS;
import static dev.berth.plugins.podtopologyspread.Fixtures.FOO;
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
import static dev.berth.plugins.podtopologyspread.Fixtures.zoned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterPlugin.PreFilterExtensions;
import dev.berth.framework.api.Status;
import dev.berth.plugins.podtopologyspread.PreFilterStateTest.Expected;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Filter verdicts and PreFilter extensions, ported from upstream's filtering_test.go. */
class FilterTest {

    record Case(String name, Pod pod, List<Node> nodes, List<Pod> existing, Map<String, Status.Code> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Node> FOUR = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2"), zoned("node-y", "zone2"));
    private static final List<Node> ABC = List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b"), node("node-c", "node", "node-c"));
    private static final List<Node> AFFINITY = List.of(node("node-a", "node", "node-a", "foo", ""), node("node-b", "node", "node-b", "foo", ""),
            node("node-x", "node", "node-x", "foo", ""), node("node-y", "node", "node-y"));

    static Map<String, Status.Code> codes(Object... kv) {
        Map<String, Status.Code> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Status.Code) kv[i + 1]);
        }
        return m;
    }

    static Case single(String name, Pod pod, List<Node> nodes, List<Pod> existing, Map<String, Status.Code> want) {
        return new Case("TestSingleConstraint/" + name, pod, nodes, existing, want);
    }

    static Case multiple(String name, Pod pod, List<Node> nodes, List<Pod> existing, Map<String, Status.Code> want) {
        return new Case("TestMultipleConstraints/" + name, pod, nodes, existing, want);
    }

    static Stream<Case> cases() {
        List<Pod> spread2103 = List.of(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", ""), on("node-y", "p-y3", "foo", ""));
        List<Pod> spread221 = List.of(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                on("node-b", "p-b2", "foo", ""), on("node-c", "p-c1", "foo", ""));
        List<Pod> spread21 = List.of(on("node-a", "p-b1", "foo", ""), on("node-b", "p-b2", "foo", ""), on("node-y", "p-y1", "foo", ""));
        List<Pod> spread1101 = List.of(on("node-a", "p-b1", "foo", ""), on("node-b", "p-b2", "foo", ""), on("node-y", "p-y1", "foo", ""));
        return Stream.of(
                single("no existing pods", withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(), FOUR, List.of(),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("no existing pods, incoming pod doesn't match itself", withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, BAR)).build(), FOUR, List.of(),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("existing pods in a different namespace do not count", withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(), FOUR,
                        List.of(pod("p-a1", "foo", "").namespace("ns1").node("node-a").build(), pod("p-b1", "foo", "").namespace("ns2").node("node-a").build(),
                                on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                single("existing pods do not match null selector", withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, null)).build(), FOUR,
                        List.of(on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("pods spread across zones as 3/3, all nodes fit", withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build(),
                        List.of(zoned("node-a", "zone1"), node("node-b", "zon", "zone1", "node", "node-b"), zoned("node-x", "zone2"), zoned("node-y", "zone2")),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", SUCCESS, "node-b", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                single("pod cannot be scheduled as all nodes don't have label 'rack'", withConstraints(pod("p", "foo", ""), spread(1, "rack", DNS, FOO)).build(),
                        List.of(zoned("node-a", "zone1"), zoned("node-x", "zone2")), List.of(),
                        codes("node-a", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-x", UNSCHEDULABLE_AND_UNRESOLVABLE)),
                single("pods spread across nodes as 2/1/0/3, only node-x fits", withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit",
                        withConstraints(pod("p", "foo", ""), spread(2, "node", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
                        withConstraints(pod("p", "bar", ""), spread(1, "node", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "node", "In", "node-a", "node-y"), spread(1, "node", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("terminating Pods should be excluded", withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO)).build(),
                        List.of(node("node-a", "node", "node-a"), node("node-b", "node", "node-b")),
                        List.of(terminating(on("node-a", "p-a", "foo", "")), on("node-b", "p-b", "foo", "")),
                        codes("node-a", SUCCESS, "node-b", UNSCHEDULABLE)),
                single("incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "node", "NotIn", "node-b"), spread(1, "zone", DNS, FOO)).build(), FOUR,
                        List.of(on("node-b", "p-b1", "foo", ""), on("node-b", "p-b2", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                single("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits",
                        withConstraints(pod("p", "foo", ""), spread(2, "node", DNS, FOO, 4, null, null, null)).build(), ABC, spread221,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-c", SUCCESS)),
                single("pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit",
                        withConstraints(pod("p", "foo", ""), spread(2, "node", DNS, FOO, 2, null, null, null)).build(), ABC, spread221,
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-c", SUCCESS)),
                single("pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit",
                        withConstraints(pod("p", "foo", ""), spread(2, "zone", DNS, FOO, 3, null, null, null)).build(), FOUR, spread21,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit",
                        withConstraints(pod("p", "foo", ""), spread(2, "zone", DNS, FOO, 1, null, null, null)).build(), FOUR, spread21,
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("NodeAffinityPolicy honored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", DNS, FOO)).build(), AFFINITY, spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("NodeAffinityPolicy ignored with labelSelectors",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "node", DNS, FOO, null, "Ignore", null, null)).build(), AFFINITY, spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("NodeAffinityPolicy honored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", DNS, FOO)).build(), AFFINITY, spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("NodeAffinityPolicy ignored with nodeAffinity",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "In", ""), spread(1, "node", DNS, FOO, null, "Ignore", null, null)).build(), AFFINITY, spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                single("NodeTaintsPolicy honored",
                        withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO, null, null, "Honor", null)).build(),
                        List.of(AFFINITY.get(0), AFFINITY.get(1), AFFINITY.get(2), tainted(node("node-y", "node", "node-y"))), spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                single("NodeTaintsPolicy ignored",
                        withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO)).build(),
                        List.of(AFFINITY.get(0), AFFINITY.get(1), AFFINITY.get(2), tainted(node("node-y", "node", "node-y"))), spread1101,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two Constraints on zone and node, spreads = [3/3, 2/1/0/3]",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(), FOUR, spread2103,
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two Constraints on zone and node, spreads = [3/4, 2/1/0/4]",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(), FOUR,
                        Stream.concat(spread2103.stream(), Stream.of(on("node-y", "p-y4", "foo", ""))).toList(),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                multiple("Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-y", "p-y1", "bar", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-x", "p-x1", "bar", ""), on("node-y", "p-y1", "bar", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                multiple("Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", "", "bar", ""), on("node-y", "p-y1", "foo", ""),
                                on("node-y", "p-y2", "foo", "", "bar", ""), on("node-y", "p-y3", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                multiple("Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
                        withConstraints(pod("p", "bar", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, BAR)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-x", "p-x1", "bar", ""), on("node-y", "p-y1", "bar", "")),
                        codes("node-a", SUCCESS, "node-b", SUCCESS, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)),
                multiple("two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(),
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), node("node-x", "zone", "zone2"), zoned("node-y", "zone2")),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-y", "p-y3", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", UNSCHEDULABLE_AND_UNRESOLVABLE, "node-y", UNSCHEDULABLE)),
                multiple("two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO, null, "Ignore", null, null)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), node("node-b", "zone", "zone1", "node", "node-b", "foo", ""),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), zoned("node-y", "zone2")),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO, null, null, "Honor", null), spread(1, "node", DNS, FOO)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), node("node-b", "zone", "zone1", "node", "node-b", "foo", ""),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), tainted(zoned("node-y", "zone2"))),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), zoned("node-b", "zone1"),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), tainted(node("node-y", "zone", "zone2", "node", "node-y", "foo", ""))),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", SUCCESS, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two node inclusion Constraints, zone: honor/honor, node: ignore/ignore",
                        withConstraints(pod("p", "foo", "").nodeSelector(map("foo", "")), spread(1, "zone", DNS, FOO, null, null, "Honor", null),
                                spread(1, "node", DNS, FOO, null, "Ignore", null, null)).build(),
                        List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", ""), zoned("node-b", "zone1"),
                                node("node-x", "zone", "zone2", "node", "node-x", "foo", ""), tainted(node("node-y", "zone", "zone2", "node", "node-y", "foo", ""))),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-y", "p-y1", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", UNSCHEDULABLE)),
                multiple("two Constraints on zone, spreads = [3/3, 2/1]",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, BAR), spread(1, "zone", DNS, FOO)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", "", "bar", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", ""),
                                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", "", "bar", ""), on("node-y", "p-y3", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", SUCCESS, "node-y", SUCCESS)),
                multiple("two Constraints on zone, spreads = [3/4, 2/1]",
                        withConstraints(pod("p", "foo", "", "bar", ""), spread(1, "zone", DNS, BAR), spread(1, "zone", DNS, FOO)).build(), FOUR,
                        List.of(on("node-a", "p-a1", "foo", "", "bar", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", "", "bar", ""),
                                on("node-y", "p-y1", "foo", ""), on("node-y", "p-y2", "foo", "", "bar", ""), on("node-y", "p-y3", "foo", ""), on("node-y", "p-y4", "foo", "")),
                        codes("node-a", UNSCHEDULABLE, "node-b", UNSCHEDULABLE, "node-x", UNSCHEDULABLE, "node-y", UNSCHEDULABLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case tc) {
        TestHandle handle = new TestHandle(tc.nodes(), tc.existing());
        PodTopologySpread plugin = Fixtures.listDefaulting(handle);
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, tc.pod(), handle.snapshot().list()).status().isSuccess()).isTrue();

        tc.want().forEach((nodeName, code) -> {
            Status status = plugin.filter(state, tc.pod(), handle.snapshot().get(nodeName).orElseThrow());
            assertThat(status.code()).as(nodeName).isEqualTo(code);
            if (code == UNSCHEDULABLE) {
                assertThat(status.reasons()).containsExactly("node(s) didn't match pod topology spread constraints");
            } else if (code == UNSCHEDULABLE_AND_UNRESOLVABLE) {
                assertThat(status.reasons()).containsExactly("node(s) didn't match pod topology spread constraints (missing required label)");
            }
        });
    }

    @Test
    void testPreFilterDisabled_filterWithoutPreFilterIsAnError() {
        PodTopologySpread plugin = Fixtures.listDefaulting(TestHandle.empty());
        Status status = plugin.filter(new CycleState(), pod("p").build(), NodeInfo.of(node("n")));
        assertThat(status.isError()).isTrue();
        assertThat(status.message()).isEqualTo("reading \"PreFilterPodTopologySpread\" from cycleState: not found");
    }

    record ExtCase(String name, Pod preemptor, List<Node> nodes, List<Pod> existing, Pod changed, String nodeName, int delta, List<Expected> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ExtCase> extensionCases() {
        var node = expect(1, "node", FOO);
        var zone = expect(1, "zone", FOO);
        List<Node> ab = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"));
        List<Node> affinityNodes = List.of(node("node-a", "zone", "zone1", "node", "node-a", "foo", "bar"), node("node-b", "zone", "zone2", "node", "node-b", "foo", ""));
        Pod nodeSpread = withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO)).build();
        Pod zoneSpread = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build();
        Pod twoSpread = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build();
        List<Pod> removeBase = List.of(on("node-a", "p-a1", "foo", ""), on("node-b", "p-b1", "foo", ""), on("node-x", "p-x1", "foo", ""), on("node-y", "p-y1", "foo", ""));
        return Stream.of(
                new ExtCase("TestPreFilterStateAddPod/node a and b both impact current min match", nodeSpread, ab, List.of(),
                        on("node-a", "p-a1", "foo", ""), "node-a", 1,
                        List.of(PreFilterStateTest.want(node, Map.of("node-a", 1, "node-b", 0), "node-b", 0, "node-a", 1))),
                new ExtCase("TestPreFilterStateAddPod/only node a impacts current min match", nodeSpread, ab, List.of(on("node-b", "p-b1", "foo", "")),
                        on("node-a", "p-a1", "foo", ""), "node-a", 1,
                        List.of(PreFilterStateTest.want(node, Map.of("node-a", 1, "node-b", 1), "node-a", 1, "node-b", 1))),
                new ExtCase("TestPreFilterStateAddPod/add a pod in a different namespace doesn't change topologyKeyToMinPodsMap", nodeSpread, ab,
                        List.of(on("node-b", "p-b1", "foo", "")), pod("p-a1", "foo", "").namespace("ns1").node("node-a").build(), "node-a", 1,
                        List.of(PreFilterStateTest.want(node, Map.of("node-a", 0, "node-b", 1), "node-a", 0, "node-b", 1))),
                new ExtCase("TestPreFilterStateAddPod/node a and x both impact topologyKeyToMinPodsMap on zone and node", twoSpread,
                        List.of(zoned("node-a", "zone1"), zoned("node-x", "zone2")), List.of(), on("node-a", "p-a1", "foo", ""), "node-a", 1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 1, "zone2", 0), "zone2", 0, "zone1", 1),
                                PreFilterStateTest.want(node, Map.of("node-a", 1, "node-x", 0), "node-x", 0, "node-a", 1))),
                new ExtCase("TestPreFilterStateAddPod/add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled",
                        withConstraints(nodeAffinity(pod("p", "foo", ""), "foo", "NotIn", "bar"), spread(1, "zone", DNS, FOO)).build(), affinityNodes,
                        List.of(on("node-a", "p-a2", "foo", "", "zone", "zone1"), on("node-b", "p-b1", "foo", "", "zone", "zone2")),
                        on("node-a", "p-a1", "foo", "", "zone", "zone1"), "node-a", 1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone2", 1), "zone2", 1, "", Integer.MAX_VALUE))),
                new ExtCase("TestPreFilterStateAddPod/add a label selector not matched pod when with NodeInclusionPolicy enabled", zoneSpread, affinityNodes,
                        List.of(on("node-a", "p-a1", "foo", "", "zone", "zone1"), on("node-b", "p-b2", "foo", "", "zone", "zone2")),
                        on("node-b", "p-b1", "zone", "zone2"), "node-b", 1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 1, "zone2", 1), "zone1", 1, "zone2", 1))),
                new ExtCase("TestPreFilterStateRemovePod/one spreadConstraint on node, topologyKeyToMinPodsMap changed", zoneSpread, FOUR, removeBase,
                        removeBase.get(0), "node-a", -1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 1, "zone2", 2), "zone1", 1, "zone2", 2))),
                new ExtCase("TestPreFilterStateRemovePod/delete an irrelevant pod won't help", zoneSpread, FOUR,
                        Stream.concat(Stream.of(on("node-a", "p-a0", "bar", "")), removeBase.stream()).toList(), on("node-a", "p-a0", "bar", ""), "node-a", -1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 2, "zone2", 2), "zone1", 2, "zone2", 2))),
                new ExtCase("TestPreFilterStateRemovePod/two spreadConstraints", twoSpread,
                        List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"), zoned("node-x", "zone2")),
                        List.of(on("node-a", "p-a1", "foo", ""), on("node-a", "p-a2", "foo", ""), on("node-b", "p-b1", "foo", ""),
                                on("node-x", "p-x1", "foo", ""), on("node-x", "p-x2", "foo", "")),
                        on("node-x", "p-x1", "foo", ""), "node-x", -1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 3, "zone2", 1), "zone2", 1, "zone1", 3),
                                PreFilterStateTest.want(node, Map.of("node-a", 2, "node-b", 1, "node-x", 1), "node-b", 1, "node-x", 1))),
                new ExtCase("TestPreFilterStateRemovePod/remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled", zoneSpread,
                        affinityNodes, List.of(on("node-a", "p-a1", "foo", "", "zone", "zone1"), on("node-b", "p-b2", "foo", "", "zone", "zone2")),
                        on("node-b", "p-b1", "foo", "", "zone", "zone2"), "node-b", -1,
                        List.of(PreFilterStateTest.want(zone, Map.of("zone1", 1, "zone2", 0), "zone2", 0, "zone1", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extensionCases")
    void preFilterExtensions(ExtCase tc) {
        TestHandle handle = new TestHandle(tc.nodes(), tc.existing());
        PodTopologySpread plugin = Fixtures.listDefaulting(handle);
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, tc.preemptor(), handle.snapshot().list()).status().isSuccess()).isTrue();
        CycleState copy = state.copy();

        PreFilterExtensions ext = plugin.preFilterExtensions().orElseThrow();
        NodeInfo nodeInfo = handle.snapshot().get(tc.nodeName()).orElseThrow();
        Status status = tc.delta() > 0
                ? ext.addPod(copy, tc.preemptor(), PodInfo.of(tc.changed()), nodeInfo)
                : ext.removePod(copy, tc.preemptor(), PodInfo.of(tc.changed()), nodeInfo);

        assertThat(status.isSuccess()).isTrue();
        PreFilterStateTest.assertState(copy.require(PodTopologySpread.PRE_FILTER_KEY), tc.want());
    }

    @Test
    void addPodOnCopyLeavesOriginalStateUntouched() {
        List<Node> nodes = List.of(zoned("node-a", "zone1"), zoned("node-b", "zone1"));
        TestHandle handle = new TestHandle(nodes, List.of());
        PodTopologySpread plugin = Fixtures.listDefaulting(handle);
        Pod preemptor = withConstraints(pod("p", "foo", ""), spread(1, "node", DNS, FOO)).build();
        CycleState state = new CycleState();
        plugin.preFilter(state, preemptor, handle.snapshot().list());

        CycleState copy = state.copy();
        plugin.preFilterExtensions().orElseThrow().addPod(copy, preemptor, PodInfo.of(on("node-a", "p-a1", "foo", "")), handle.snapshot().get("node-a").orElseThrow());

        assertThat(state.require(PodTopologySpread.PRE_FILTER_KEY).matchNumByDomain(0)).isEqualTo(Map.of("node-a", 0, "node-b", 0));
        assertThat(plugin.filter(copy, preemptor, handle.snapshot().get("node-a").orElseThrow()).code()).isEqualTo(UNSCHEDULABLE);
        assertThat(plugin.filter(state, preemptor, handle.snapshot().get("node-a").orElseThrow()).code()).isEqualTo(SUCCESS);
    }
}
