package dev.berth.plugins.podtopologyspread;

import static dev.berth.plugins.podtopologyspread.Fixtures.DNS;
import static dev.berth.plugins.podtopologyspread.Fixtures.FOO;
import static dev.berth.plugins.podtopologyspread.Fixtures.SA;
import static dev.berth.plugins.podtopologyspread.Fixtures.labels;
import static dev.berth.plugins.podtopologyspread.Fixtures.node;
import static dev.berth.plugins.podtopologyspread.Fixtures.on;
import static dev.berth.plugins.podtopologyspread.Fixtures.pod;
import static dev.berth.plugins.podtopologyspread.Fixtures.spread;
import static dev.berth.plugins.podtopologyspread.Fixtures.tainted;
import static dev.berth.plugins.podtopologyspread.Fixtures.withConstraints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Args defaults and validation (upstream's TestValidatePodTopologySpreadArgs) and the registered events and hints. */
class ArgsAndEventsTest {

    record ArgsCase(String name, List<TopologySpreadConstraint> constraints, String defaultingType, String wantField, String wantMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ArgsCase> validation() {
        String list = PodTopologySpreadArgs.LIST_DEFAULTING;
        return Stream.of(
                new ArgsCase("valid config", List.of(spread(1, "node", DNS, null), spread(2, "zone", SA, null)), list, null, null),
                new ArgsCase("maxSkew less than zero", List.of(spread(-1, "node", DNS, null)), list,
                        "defaultConstraints[0].maxSkew", "Invalid value: -1: not in valid range (0, inf)"),
                new ArgsCase("empty topology key", List.of(spread(1, "", DNS, null)), list,
                        "defaultConstraints[0].topologyKey", "Required value: can not be empty"),
                new ArgsCase("whenUnsatisfiable is empty", List.of(spread(1, "node", "", null)), list,
                        "defaultConstraints[0].whenUnsatisfiable", "Required value: can not be empty"),
                new ArgsCase("whenUnsatisfiable contains unsupported action", List.of(spread(1, "node", "unknown action", null)), list,
                        "defaultConstraints[0].whenUnsatisfiable", "Unsupported value: \"unknown action\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""),
                new ArgsCase("duplicated constraints", List.of(spread(1, "node", DNS, null), spread(2, "node", DNS, null)), list,
                        "defaultConstraints[1]", "Duplicate value: \"{node, DoNotSchedule}\""),
                new ArgsCase("label selector present", List.of(spread(1, "key", DNS, labels("a", "b"))), list,
                        "defaultConstraints[0].labelSelector", "Forbidden: constraint must not define a selector, as they deduced for each pod"),
                new ArgsCase("list default constraints, no constraints", List.of(), list, null, null),
                new ArgsCase("system default constraints", List.of(), PodTopologySpreadArgs.SYSTEM_DEFAULTING, null, null),
                new ArgsCase("wrong constraints", List.of(), "unknown", "defaultingType", "Unsupported value: \"unknown\": supported values: \"System\", \"List\""),
                new ArgsCase("system default constraints, but has constraints", List.of(spread(1, "key", DNS, null)), PodTopologySpreadArgs.SYSTEM_DEFAULTING,
                        "defaultingType", "Invalid value: \"System\": when .defaultConstraints are not empty"),
                new ArgsCase("invalid topology key (Berth: label name validation)", List.of(spread(1, "a/b/c", DNS, null)), list,
                        "defaultConstraints[0].topologyKey", null));
    }

    @ParameterizedTest(name = "TestValidatePodTopologySpreadArgs/{0}")
    @MethodSource("validation")
    void validate(ArgsCase tc) {
        PodTopologySpreadArgs args = new PodTopologySpreadArgs(tc.constraints(), tc.defaultingType());
        if (tc.wantField() == null) {
            assertThatCode(args::validate).doesNotThrowAnyException();
            return;
        }
        assertThatThrownBy(args::validate).isInstanceOfSatisfying(InvalidArgsException.class, e -> {
            assertThat(e.field()).isEqualTo(tc.wantField());
            if (tc.wantMessage() != null) {
                assertThat(e.getMessage()).isEqualTo(tc.wantMessage());
            }
        });
    }

    @Test
    void defaultsToSystemDefaulting() {
        assertThat(PodTopologySpreadArgs.defaults()).isEqualTo(new PodTopologySpreadArgs(List.of(), "System"));
        assertThat(PluginArgs.empty().decode(PodTopologySpreadArgs.class)).isEqualTo(PodTopologySpreadArgs.defaults());
    }

    @Test
    void decodesUpstreamYamlShape() {
        PodTopologySpreadArgs args = PluginArgs.of(Map.of(
                "apiVersion", "kubescheduler.config.k8s.io/v1", "kind", "PodTopologySpreadArgs",
                "defaultingType", "List",
                "defaultConstraints", List.of(Map.of("maxSkew", 1, "topologyKey", "zone", "whenUnsatisfiable", "DoNotSchedule"))))
                .decode(PodTopologySpreadArgs.class);
        assertThat(args.defaultingType()).isEqualTo("List");
        assertThat(args.defaultConstraints()).singleElement().satisfies(c -> {
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(c.getTopologyKey()).isEqualTo("zone");
            assertThat(c.getWhenUnsatisfiable()).isEqualTo(DNS);
            assertThat(c.getLabelSelector()).isNull();
        });
        assertThatCode(args::validate).doesNotThrowAnyException();
    }

    @Test
    void factoryValidatesArgs() {
        var factory = new PodTopologySpread.Factory();
        assertThat(factory.name()).isEqualTo("PodTopologySpread");
        assertThat(factory.create(PluginArgs.empty(), TestHandle.empty())).isInstanceOf(PodTopologySpread.class);
        assertThatThrownBy(() -> factory.create(PluginArgs.of(Map.of("defaultingType", "Bogus")), TestHandle.empty()))
                .isInstanceOf(InvalidArgsException.class);
    }

    @Test
    void registersUpstreamEvents() {
        List<ClusterEvent> events = Fixtures.listDefaulting(TestHandle.empty()).eventsToRegister().stream().map(ClusterEventWithHint::event).toList();
        assertThat(events).extracting(ClusterEvent::resource, ClusterEvent::actions).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClusterEvent.POD, EnumSet.of(ActionType.ADD, ActionType.UPDATE_POD_LABEL, ActionType.UPDATE_POD_TOLERATIONS, ActionType.DELETE)),
                org.assertj.core.groups.Tuple.tuple(ClusterEvent.NODE, EnumSet.of(ActionType.ADD, ActionType.DELETE, ActionType.UPDATE_NODE_LABEL, ActionType.UPDATE_NODE_TAINT)));
    }

    record HintCase(String name, Pod pod, Object oldObj, Object newObj, QueueingHint want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HintCase> podHints() {
        Pod pending = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).build();
        Pod honorTaints = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO, null, null, "Honor", null)).build();
        Pod honorTolerating = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO, null, null, "Honor", null))
                .toleration(new TolerationBuilder().withKey("x").withOperator("Exists").build()).build();
        return Stream.of(
                new HintCase("add pod that matches the selector", pending, null, on("node-a", "p1", "foo", ""), QueueingHint.QUEUE),
                new HintCase("add pod that doesn't match the selector", pending, null, on("node-a", "p1", "bar", ""), QueueingHint.QUEUE_SKIP),
                new HintCase("add unscheduled pod", pending, null, pod("p1", "foo", "").build(), QueueingHint.QUEUE_SKIP),
                new HintCase("add pod in another namespace", pending, null, pod("p1", "foo", "").namespace("ns").node("node-a").build(), QueueingHint.QUEUE_SKIP),
                new HintCase("update pod: label now matches", pending, on("node-a", "p1", "bar", ""), on("node-a", "p1", "foo", ""), QueueingHint.QUEUE),
                new HintCase("update pod: unrelated label change", pending, on("node-a", "p1", "foo", ""), on("node-a", "p1", "foo", "", "bar", ""), QueueingHint.QUEUE_SKIP),
                new HintCase("update the pending pod's tolerations with NodeTaintsPolicy Honor", honorTaints, honorTaints, honorTolerating, QueueingHint.QUEUE),
                new HintCase("update the pending pod's tolerations without Honor", pending, pending,
                        withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO)).toleration(new TolerationBuilder().withKey("x").withOperator("Exists").build()).build(),
                        QueueingHint.QUEUE_SKIP),
                new HintCase("delete pod that matches the selector", pending, on("node-a", "p1", "foo", ""), null, QueueingHint.QUEUE),
                new HintCase("delete pod that doesn't match the selector", pending, on("node-a", "p1", "bar", ""), null, QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest(name = "TestPodTopologySpread_isSchedulableAfterPodChange/{0}")
    @MethodSource("podHints")
    void podHint(HintCase tc) {
        PodTopologySpread plugin = Fixtures.listDefaulting(TestHandle.empty());
        assertThat(plugin.hintAfterPodChange(tc.pod(), tc.oldObj(), tc.newObj())).isEqualTo(tc.want());
    }

    static Stream<HintCase> nodeHints() {
        Pod pending = withConstraints(pod("p", "foo", ""), spread(1, "zone", DNS, FOO), spread(1, "node", DNS, FOO)).build();
        return Stream.of(
                new HintCase("node updates label which matches constraints", pending, node("n", "zone", "zone1"), node("n", "zone", "zone1", "node", "n"), QueueingHint.QUEUE),
                new HintCase("node updates label which doesn't match constraints", pending, node("n", "zone", "zone1", "node", "n"),
                        node("n", "zone", "zone1", "node", "n", "foo", "x"), QueueingHint.QUEUE_SKIP),
                new HintCase("node updates topology value", pending, node("n", "zone", "zone1", "node", "n"), node("n", "zone", "zone2", "node", "n"), QueueingHint.QUEUE),
                new HintCase("node updates taint", pending, node("n", "zone", "zone1", "node", "n"), tainted(node("n", "zone", "zone1", "node", "n")), QueueingHint.QUEUE),
                new HintCase("add node with all topology keys", pending, null, node("n", "zone", "zone1", "node", "n"), QueueingHint.QUEUE),
                new HintCase("add node without all topology keys", pending, null, node("n", "zone", "zone1"), QueueingHint.QUEUE_SKIP),
                new HintCase("delete node with all topology keys", pending, node("n", "zone", "zone1", "node", "n"), null, QueueingHint.QUEUE),
                new HintCase("delete node without all topology keys", pending, node("n", "node", "n"), null, QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest(name = "TestPodTopologySpread_isSchedulableAfterNodeChange/{0}")
    @MethodSource("nodeHints")
    void nodeHint(HintCase tc) {
        PodTopologySpread plugin = Fixtures.listDefaulting(TestHandle.empty());
        assertThat(plugin.hintAfterNodeChange(tc.pod(), tc.oldObj(), tc.newObj())).isEqualTo(tc.want());
    }
}
