package dev.berth.testkit;

import static dev.berth.testkit.SimulationAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.Status;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.simulate.ScenarioFormatException;
import dev.berth.framework.simulate.SimulationResult;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PluginRunTest {

    /** Args of {@link Tier}: the bonus a node with the pod's tier gets over the base score of 50. */
    record TierArgs(Integer bonus) {
        TierArgs {
            if (bonus == null) {
                bonus = 10;
            }
            if (bonus < 0 || bonus > 50) {
                throw new InvalidArgsException("bonus", "must be in [0, 50], got " + bonus);
            }
        }
    }

    static final class Tier implements ScorePlugin, FilterPlugin {
        private final int bonus;

        Tier(TierArgs args) {
            this.bonus = args.bonus();
        }

        @Override
        public String name() {
            return "Tier";
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            return nodeInfo.node().getMetadata().getLabels().containsKey("tier") ? Status.SUCCESS
                    : Status.unresolvable("node has no tier");
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
            String wanted = pod.getMetadata().getLabels().get("tier");
            return wanted != null && wanted.equals(nodeInfo.node().getMetadata().getLabels().get("tier")) ? 50 + bonus : 50;
        }

        static final class Factory extends BasePluginFactory {
            Factory() {
                super("Tier", (args, handle) -> new Tier(args.decode(TierArgs.class)));
            }
        }
    }

    static Stream<Arguments> bonuses() {
        return Stream.of(
                Arguments.of(Map.of(), 60L),
                Arguments.of(Map.of("bonus", 0), 50L),
                Arguments.of(Map.of("bonus", 25), 75L));
    }

    @ParameterizedTest
    @MethodSource("bonuses")
    void onePluginScoresWithItsArgs(Map<String, Object> args, long matchingScore) {
        SimulationResult result = PluginRun.plugin(new Tier.Factory(), args).run(
                TestNode.named("gold-1").label("tier", "gold").build(),
                TestNode.named("silver-1").label("tier", "silver").build(),
                TestNode.named("bare").build(),
                TestPod.named("web").label("tier", "gold").build());

        assertThat(result).pod("web")
                .isScheduledOn("gold-1")
                .passesFilter("Tier", "gold-1")
                .isFilteredOut("Tier", "bare", "node has no tier")
                .hasScore("Tier", "gold-1", matchingScore)
                .hasScore("Tier", "silver-1", 50);
    }

    @Test
    void invalidArgsNameTheField() {
        assertThatThrownBy(() -> PluginRun.plugin(new Tier.Factory(), Map.of("bonus", 99)).run(TestNode.named("n").build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pluginConfig[0].args.bonus")
                .hasMessageContaining("must be in [0, 50], got 99");
    }

    @Test
    void runsAScenarioInSimulatesFormat() {
        SimulationResult result = PluginRun.plugin(new Tier.Factory()).runScenario("inline", """
                kind: Node
                metadata: {name: gold-node, labels: {tier: gold}}
                status: {allocatable: {cpu: "2", memory: 2Gi, pods: "10"}}
                ---
                kind: Node
                metadata: {name: untiered}
                status: {allocatable: {cpu: "2", memory: 2Gi, pods: "10"}}
                ---
                kind: Pod
                metadata: {name: api, namespace: shop, labels: {tier: gold}}
                spec: {containers: [{name: app, image: api:1}]}
                ---
                kind: Pod
                metadata: {name: running, namespace: shop}
                spec: {containers: [{name: app, image: api:1}], nodeName: untiered}
                """);

        assertThat(result).pod("shop/api").isScheduledOn("gold-node")
                .hasScore("Tier", "gold-node", 60)
                .isFilteredOut("Tier", "untiered", "node has no tier");
    }

    @Test
    void withoutATieredNodeThePodIsUnschedulable() {
        SimulationResult result = PluginRun.plugin(new Tier.Factory()).run(TestNode.named("n1").build(), TestPod.named("p").build());

        assertThat(result).pod("p").isUnschedulableWith("0/1 nodes are available: 1 node has no tier.")
                .isFilteredOut("Tier", "n1", "node has no tier");
    }

    @Test
    void aBrokenScenarioNamesTheDocument() {
        assertThatThrownBy(() -> PluginRun.plugin(new Tier.Factory()).runScenario("inline", "kind: Pod\nmetadata: {}\n"))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessage("inline: document 1 (Pod): metadata.name: required");
    }

    @Test
    void assertionsFailOnAWrongExpectation() {
        SimulationResult result = PluginRun.plugin(new Tier.Factory()).run(
                TestNode.named("gold-1").label("tier", "gold").build(), TestPod.named("web").build());

        assertThatThrownBy(() -> assertThat(result).pod("web").hasScore("Tier", "gold-1", 60))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it was 50");
        assertThatThrownBy(() -> assertThat(result).pod("web").isScheduledOn("other"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected default/web scheduled on other");
        assertThatThrownBy(() -> assertThat(result).pod("nobody"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no result for pod default/nobody");
    }
}
