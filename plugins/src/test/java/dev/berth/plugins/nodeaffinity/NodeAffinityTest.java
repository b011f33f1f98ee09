package dev.berth.plugins.nodeaffinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeScores;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAffinityTest {

    private static final Status NO_MATCH = Status.unresolvable("node(s) didn't match Pod's node affinity/selector");
    private static final Status ENFORCED = Status.unresolvable("node(s) didn't match scheduler-enforced node affinity");
    private static final Status CONFLICT = Status.unresolvable("pod affinity terms conflict");

    // ---- builders in the shape of upstream's literals ----

    static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirement(key, op, List.of(values));
    }

    static NodeSelectorTerm exprs(NodeSelectorRequirement... r) {
        return new NodeSelectorTerm(List.of(r), List.of());
    }

    static NodeSelectorTerm fields(NodeSelectorRequirement... r) {
        return new NodeSelectorTerm(List.of(), List.of(r));
    }

    static NodeSelectorRequirement name(String op, String... values) {
        return req("metadata.name", op, values);
    }

    static NodeSelector required(NodeSelectorTerm... terms) {
        return new NodeSelector(List.of(terms));
    }

    static PreferredSchedulingTerm preferred(int weight, NodeSelectorTerm term) {
        return new PreferredSchedulingTerm(term, weight);
    }

    static io.fabric8.kubernetes.api.model.NodeAffinity affinity(NodeSelector required, PreferredSchedulingTerm... preferred) {
        return new io.fabric8.kubernetes.api.model.NodeAffinity(List.of(preferred), required);
    }

    static Pod podWith(io.fabric8.kubernetes.api.model.NodeAffinity na) {
        return MakePod.pod("p").affinity(new AffinityBuilder().withNodeAffinity(na).build()).build();
    }

    static Pod podRequiring(NodeSelectorTerm... terms) {
        return podWith(affinity(required(terms)));
    }

    static Pod podSelecting(Map<String, String> selector) {
        return MakePod.pod("p").nodeSelector(selector).build();
    }

    static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(new LinkedHashMap<>(labels)).endMetadata().build();
    }

    static NodeAffinity plugin(NodeAffinityArgs args) {
        return (NodeAffinity) new NodeAffinity.Factory().create(PluginArgs.of(argsMap(args)), TestHandle.empty());
    }

    /** Goes through the factory's YAML-shaped decoding, as a profile would. */
    static Map<String, Object> argsMap(NodeAffinityArgs args) {
        return args.addedAffinity() == null ? Map.of()
                : Map.of("addedAffinity", tools.jackson.databind.json.JsonMapper.builder().build().convertValue(args.addedAffinity(), Map.class));
    }

    static final NodeAffinityArgs NO_ARGS = new NodeAffinityArgs(null);

    // ---- TestNodeAffinity ----

    record FilterCase(String name, Pod pod, String nodeName, Map<String, String> labels, NodeAffinityArgs args, boolean runPreFilter,
                      Status wantPreFilter, Set<String> wantNodeNames, Status wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static FilterCase fc(String name, Pod pod, Map<String, String> labels, Status wantFilter) {
        return new FilterCase(name, pod, "", labels, NO_ARGS, true, Status.SUCCESS, null, wantFilter);
    }

    static Stream<FilterCase> filterCases() {
        List<FilterCase> c = new ArrayList<>();
        c.add(fc("missing labels", podSelecting(Map.of("foo", "bar")), Map.of(), NO_MATCH));
        c.add(fc("same labels", podSelecting(Map.of("foo", "bar")), Map.of("foo", "bar"), Status.SUCCESS));
        c.add(fc("node labels are superset", podSelecting(Map.of("foo", "bar")), Map.of("foo", "bar", "baz", "blah"), Status.SUCCESS));
        c.add(fc("node labels are subset", podSelecting(Map.of("foo", "bar", "baz", "blah")), Map.of("foo", "bar"), NO_MATCH));
        c.add(fc("Pod with matchExpressions using In operator that matches the existing node",
                podRequiring(exprs(req("foo", "In", "bar", "value2"))), Map.of("foo", "bar"), Status.SUCCESS));
        c.add(fc("Pod with matchExpressions using Gt operator that matches the existing node",
                podRequiring(exprs(req("kernel-version", "Gt", "0204"))), Map.of("kernel-version", "0206"), Status.SUCCESS));
        c.add(fc("Pod with matchExpressions using NotIn operator that matches the existing node",
                podRequiring(exprs(req("mem-type", "NotIn", "DDR", "DDR2"))), Map.of("mem-type", "DDR3"), Status.SUCCESS));
        c.add(fc("Pod with matchExpressions using Exists operator that matches the existing node",
                podRequiring(exprs(req("GPU", "Exists"))), Map.of("GPU", "NVIDIA-GRID-K1"), Status.SUCCESS));
        c.add(fc("Pod with affinity that don't match node's labels won't schedule onto the node",
                podRequiring(exprs(req("foo", "In", "value1", "value2"))), Map.of("foo", "bar"), NO_MATCH));
        c.add(fc("Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
                podRequiring(exprs()), Map.of("foo", "bar"), NO_MATCH));
        c.add(new FilterCase("Pod with no Affinity will schedule onto a node", MakePod.pod("p").build(), "", Map.of("foo", "bar"), NO_ARGS,
                true, Status.skip(), null, Status.SUCCESS));
        c.add(new FilterCase("Pod with Affinity but nil NodeSelector will schedule onto a node", podWith(affinity(null)), "",
                Map.of("foo", "bar"), NO_ARGS, true, Status.skip(), null, Status.SUCCESS));
        c.add(fc("Pod with multiple matchExpressions ANDed that matches the existing node",
                podRequiring(exprs(req("GPU", "Exists"), req("GPU", "NotIn", "AMD", "INTER"))), Map.of("GPU", "NVIDIA-GRID-K1"), Status.SUCCESS));
        c.add(fc("Pod with multiple matchExpressions ANDed that doesn't match the existing node",
                podRequiring(exprs(req("GPU", "Exists"), req("GPU", "In", "AMD", "INTER"))), Map.of("GPU", "NVIDIA-GRID-K1"), NO_MATCH));
        c.add(fc("Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
                podRequiring(exprs(req("foo", "In", "bar", "value2")), exprs(req("diffkey", "In", "wrong", "value2"))),
                Map.of("foo", "bar"), Status.SUCCESS));
        Pod both = MakePod.pod("p").nodeSelector(Map.of("foo", "bar"))
                .affinity(new AffinityBuilder().withNodeAffinity(affinity(required(exprs(req("foo", "Exists"))))).build()).build();
        c.add(fc("Pod with an Affinity and a PodSpec.NodeSelector both are satisfied, will schedule onto the node",
                both, Map.of("foo", "bar"), Status.SUCCESS));
        c.add(fc("Pod with an Affinity matches node's labels but the PodSpec.NodeSelector is not satisfied, won't schedule onto the node",
                both, Map.of("foo", "barrrrrr"), NO_MATCH));
        c.add(fc("Pod with an invalid value in Affinity term won't be scheduled onto the node",
                podRequiring(exprs(req("foo", "NotIn", "invalid value: ___@#$%^"))), Map.of("foo", "bar"), NO_MATCH));
        c.add(new FilterCase("Pod with matchFields using In operator that matches the existing node",
                podRequiring(fields(name("In", "node1"))), "node1", Map.of(), NO_ARGS, true, Status.SUCCESS, Set.of("node1"), Status.SUCCESS));
        c.add(new FilterCase("Pod with matchFields using In operator that does not match the existing node",
                podRequiring(fields(name("In", "node1"))), "node2", Map.of(), NO_ARGS, true, Status.SUCCESS, Set.of("node1"), NO_MATCH));
        c.add(new FilterCase("Pod with two terms: matchFields does not match, but matchExpressions matches",
                podRequiring(fields(name("In", "node1"), name("In", "node2")), exprs(req("foo", "In", "bar"))), "node2",
                Map.of("foo", "bar"), NO_ARGS, true, Status.SUCCESS, null, Status.SUCCESS));
        c.add(new FilterCase("Pod with one term: matchFields does not match, but matchExpressions matches",
                podRequiring(new NodeSelectorTerm(List.of(req("foo", "In", "bar")), List.of(name("In", "node1")))), "node2",
                Map.of("foo", "bar"), NO_ARGS, true, Status.SUCCESS, Set.of("node1"), NO_MATCH));
        c.add(new FilterCase("Pod with one term: both matchFields and matchExpressions match",
                podRequiring(new NodeSelectorTerm(List.of(req("foo", "In", "bar")), List.of(name("In", "node1")))), "node1",
                Map.of("foo", "bar"), NO_ARGS, true, Status.SUCCESS, Set.of("node1"), Status.SUCCESS));
        c.add(new FilterCase("Pod with two terms: both matchFields and matchExpressions do not match",
                podRequiring(fields(name("In", "node1")), exprs(req("foo", "In", "not-match-to-bar"))), "node2",
                Map.of("foo", "bar"), NO_ARGS, true, Status.SUCCESS, null, NO_MATCH));
        c.add(new FilterCase("Pod with two terms of node.Name affinity",
                podRequiring(fields(name("In", "node1")), fields(name("In", "node2"))), "node2",
                Map.of(), NO_ARGS, true, Status.SUCCESS, Set.of("node1", "node2"), Status.SUCCESS));
        c.add(new FilterCase("Pod with two conflicting mach field requirements",
                podRequiring(fields(name("In", "node1"), name("In", "node2"))), "node2",
                Map.of("foo", "bar"), NO_ARGS, true, CONFLICT, null, NO_MATCH));
        NodeAffinityArgs addedNode2 = new NodeAffinityArgs(affinity(required(fields(name("In", "node2")))));
        c.add(new FilterCase("Matches added affinity and Pod's node affinity", podRequiring(exprs(req("zone", "In", "foo"))), "node2",
                Map.of("zone", "foo"), addedNode2, true, Status.SUCCESS, null, Status.SUCCESS));
        c.add(new FilterCase("Matches added affinity but not Pod's node affinity", podRequiring(exprs(req("zone", "In", "bar"))), "node2",
                Map.of("zone", "foo"), addedNode2, true, Status.SUCCESS, null, NO_MATCH));
        c.add(new FilterCase("Doesn't match added affinity", MakePod.pod("p").build(), "node2", Map.of("zone", "foo"),
                new NodeAffinityArgs(affinity(required(exprs(req("zone", "In", "bar"))))), true, Status.SUCCESS, null, ENFORCED));
        c.add(new FilterCase("Matches node selector correctly even if PreFilter is not called", podSelecting(Map.of("foo", "bar")), "",
                Map.of("foo", "bar", "baz", "blah"), NO_ARGS, false, null, null, Status.SUCCESS));
        c.add(new FilterCase("Matches node affinity correctly even if PreFilter is not called",
                podRequiring(exprs(req("GPU", "Exists"), req("GPU", "NotIn", "AMD", "INTER"))), "", Map.of("GPU", "NVIDIA-GRID-K1"),
                NO_ARGS, false, null, null, Status.SUCCESS));
        return c.stream();
    }

    @ParameterizedTest(name = "TestNodeAffinity/{0}")
    @MethodSource("filterCases")
    void filter(FilterCase tc) {
        NodeAffinity p = plugin(tc.args());
        CycleState state = new CycleState();
        if (tc.runPreFilter()) {
            PreFilterResult result = p.preFilter(state, tc.pod(), List.of());
            assertThat(result.status()).isEqualTo(tc.wantPreFilter());
            assertThat(result.nodeNames().orElse(null)).isEqualTo(tc.wantNodeNames());
        }
        assertThat(p.filter(state, tc.pod(), NodeInfo.of(node(tc.nodeName(), tc.labels())))).isEqualTo(tc.wantFilter());
    }

    // ---- TestNodeAffinityPriority ----

    static final Map<String, String> LABEL1 = Map.of("foo", "bar");
    static final Map<String, String> LABEL2 = Map.of("key", "value");
    static final Map<String, String> LABEL3 = Map.of("az", "az1");
    static final Map<String, String> LABEL4 = Map.of("abc", "az11", "def", "az22");
    static final Map<String, String> LABEL5 = Map.of("foo", "bar", "key", "value", "az", "az1");
    static final io.fabric8.kubernetes.api.model.NodeAffinity AFFINITY1 = affinity(null, preferred(2, exprs(req("foo", "In", "bar"))));
    static final io.fabric8.kubernetes.api.model.NodeAffinity AFFINITY2 = affinity(null,
            preferred(2, exprs(req("foo", "In", "bar"))),
            preferred(4, exprs(req("key", "In", "value"))),
            preferred(5, exprs(req("foo", "In", "bar"), req("key", "In", "value"), req("az", "In", "az1"))));

    record ScoreCase(String name, Pod pod, List<Node> nodes, NodeAffinityArgs args, boolean runPreScore, Status wantPreScore,
                     long[] want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        List<Node> n123 = List.of(node("node1", LABEL1), node("node2", LABEL2), node("node3", LABEL3));
        List<Node> n152 = List.of(node("node1", LABEL1), node("node5", LABEL5), node("node2", LABEL2));
        return Stream.of(
                new ScoreCase("all nodes are same priority as NodeAffinity is nil", MakePod.pod("p").build(), n123, NO_ARGS, false, null,
                        new long[] {0, 0, 0}),
                new ScoreCase("Skip is returned in PreScore when NodeAffinity is nil", MakePod.pod("p").build(), List.of(node("node1", LABEL1)),
                        NO_ARGS, true, Status.skip(), null),
                new ScoreCase("PreScore returns error when an incoming Pod has a broken affinity",
                        podWith(affinity(null, preferred(2, exprs(req("invalid key", "In", "bar"))))), List.of(node("node1", LABEL1)),
                        NO_ARGS, true, Status.error("[0].matchExpressions[0].key: Invalid value: \"invalid key\": name part must consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                                + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                        null),
                new ScoreCase("no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
                        podWith(AFFINITY1), List.of(node("node1", LABEL4), node("node2", LABEL2), node("node3", LABEL3)), NO_ARGS, true,
                        Status.SUCCESS, new long[] {0, 0, 0}),
                new ScoreCase("only node1 matches the preferred scheduling requirements of pod", podWith(AFFINITY1), n123, NO_ARGS, true,
                        Status.SUCCESS, new long[] {100, 0, 0}),
                new ScoreCase("all nodes matches the preferred scheduling requirements of pod but with different priorities",
                        podWith(AFFINITY2), n152, NO_ARGS, true, Status.SUCCESS, new long[] {18, 100, 36}),
                new ScoreCase("added affinity", MakePod.pod("p").build(), List.of(node("node1", LABEL1), node("node2", LABEL2)),
                        new NodeAffinityArgs(AFFINITY1), true, Status.SUCCESS, new long[] {100, 0}),
                new ScoreCase("added affinity and pod has default affinity", podWith(AFFINITY1),
                        List.of(node("node1", LABEL1), node("node2", LABEL2), node("node3", LABEL5)),
                        new NodeAffinityArgs(affinity(null, preferred(3, exprs(req("key", "In", "value"))))), true, Status.SUCCESS,
                        new long[] {40, 60, 100}),
                new ScoreCase("calculate the priorities correctly even if PreScore is not called", podWith(AFFINITY2), n152, NO_ARGS, false,
                        null, new long[] {18, 100, 36}));
    }

    @ParameterizedTest(name = "TestNodeAffinityPriority/{0}")
    @MethodSource("scoreCases")
    void score(ScoreCase tc) {
        NodeAffinity p = plugin(tc.args());
        CycleState state = new CycleState();
        List<NodeInfo> infos = tc.nodes().stream().map(n -> NodeInfo.of(n)).toList();
        if (tc.runPreScore()) {
            Status s = p.preScore(state, tc.pod(), infos);
            assertThat(s.code()).isEqualTo(tc.wantPreScore().code());
            assertThat(s.message()).isEqualTo(tc.wantPreScore().message());
            if (!s.isSuccess()) {
                return;
            }
        }
        long[] got = new long[infos.size()];
        String[] names = new String[infos.size()];
        for (int i = 0; i < infos.size(); i++) {
            names[i] = infos.get(i).nodeName();
            got[i] = p.score(state, tc.pod(), infos.get(i));
        }
        assertThat(p.normalizeScore(state, tc.pod(), new NodeScores(names, got))).isEqualTo(Status.SUCCESS);
        assertThat(got).containsExactly(tc.want());
    }

    // ---- Test_isSchedulableAfterNodeChange ----

    static Stream<Arguments> hintCases() {
        NodeAffinityArgs enforced = new NodeAffinityArgs(affinity(required(exprs(req("foo", "In", "bar")))));
        Node plain = node("n", Map.of());
        Node foobar = node("n", Map.of("foo", "bar"));
        Node kv = node("n", Map.of("k", "v"));
        return Stream.of(
                Arguments.of("backoff-wrong-new-object", NO_ARGS, null, "not-a-node", QueueingHint.QUEUE),
                Arguments.of("backoff-wrong-old-object", NO_ARGS, "not-a-node", plain, QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-add", NO_ARGS, null, plain, QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-add", NO_ARGS, null, foobar, QueueingHint.QUEUE),
                Arguments.of("skip-unrelated-changes", NO_ARGS, plain, node("n", Map.of()), QueueingHint.QUEUE_SKIP),
                Arguments.of("skip-unrelated-changes-on-labels", NO_ARGS, plain, kv, QueueingHint.QUEUE_SKIP),
                Arguments.of("skip-labels-changes-on-node-from-suitable-to-unsuitable", NO_ARGS, foobar, kv, QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-labels-change-makes-pod-schedulable", NO_ARGS, plain, foobar, QueueingHint.QUEUE),
                Arguments.of("skip-queue-on-add-scheduler-enforced-node-affinity", enforced, null, plain, QueueingHint.QUEUE_SKIP),
                Arguments.of("queue-on-add-scheduler-enforced-node-affinity", enforced, null, foobar, QueueingHint.QUEUE));
    }

    @ParameterizedTest(name = "Test_isSchedulableAfterNodeChange/{0}")
    @MethodSource("hintCases")
    void nodeChangeHint(String name, NodeAffinityArgs args, Object oldObj, Object newObj, QueueingHint want) {
        Pod pod = podRequiring(exprs(req("foo", "In", "bar")));
        assertThat(plugin(args).afterNodeChange(pod, oldObj, newObj)).isEqualTo(want);
    }

    @Test
    void registersNodeAddOrLabelUpdate() {
        assertThat(plugin(NO_ARGS).eventsToRegister()).extracting(ClusterEventWithHint::event)
                .containsExactly(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_LABEL));
    }

    // ---- TestValidateNodeAffinityArgs ----

    @Test
    void validateAcceptsEmptyAndValidAddedAffinity() {
        plugin(NO_ARGS);
        new NodeAffinityArgs(affinity(required(exprs(req("label-1", "In", "label-1-val"))), preferred(1, fields(name("In", "node-1")))))
                .validate();
    }

    @Test
    void validateRejectsInvalidAddedAffinityWithUpstreamFields() {
        NodeAffinityArgs invalid = new NodeAffinityArgs(affinity(required(exprs(req("invalid/label/key", "In", "label-1-val"))),
                preferred(1, fields(name("In", "node-1", "node-2")))));
        assertThatThrownBy(() -> plugin(invalid)).isInstanceOfSatisfying(InvalidArgsException.class, e -> {
            assertThat(e.field()).isEqualTo("addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key");
            assertThat(e.getMessage()).startsWith("[addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                    + ".matchExpressions[0].key: Invalid value: \"invalid/label/key\": a qualified name must consist of")
                    .endsWith(", addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchFields[0].values: Invalid value: "
                            + "[]string{\"node-1\", \"node-2\"}: must have one element]");
        });
    }
}
