package com.example.berth;

import static dev.berth.testkit.SimulationAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.config.ConfigException;
import dev.berth.framework.simulate.SimulationResult;
import dev.berth.testkit.PluginRun;
import dev.berth.testkit.TestNode;
import dev.berth.testkit.TestPod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plugin run as the scheduler runs it, through Berth's test kit. */
class PreferNodeLabelTest {

    static Stream<Arguments> scores() {
        return Stream.of(
                // args, expected score of nodes fast / slow / unlabelled, the node chosen
                Arguments.of(Map.of(), 100L, 0L, 0L, "fast-1"),
                Arguments.of(Map.of("otherNodesScore", 40), 100L, 40L, 40L, "fast-1"),
                Arguments.of(Map.of("values", List.of("slow")), 0L, 100L, 0L, "slow-1"),
                Arguments.of(Map.of("values", List.of("fast", "slow")), 100L, 100L, 0L, "fast-1"));
    }

    @ParameterizedTest
    @MethodSource("scores")
    void scoresNodesByTheirLabel(Map<String, Object> args, long fast, long slow, long unlabelled, String chosen) {
        SimulationResult result = PluginRun.plugin(new PreferNodeLabel.Factory(), args).run(
                TestNode.named("fast-1").label(PreferNodeLabelArgs.DEFAULT_LABEL, "fast").build(),
                TestNode.named("slow-1").label(PreferNodeLabelArgs.DEFAULT_LABEL, "slow").build(),
                TestNode.named("plain-1").build(),
                TestPod.named("web").cpu("100m").build());

        assertThat(result).pod("web")
                .isScheduledOn(chosen)
                .hasScore(PreferNodeLabel.NAME, "fast-1", fast)
                .hasScore(PreferNodeLabel.NAME, "slow-1", slow)
                .hasScore(PreferNodeLabel.NAME, "plain-1", unlabelled);
    }

    static Stream<Arguments> invalidArgs() {
        return Stream.of(
                Arguments.of(Map.of("label", " "), "args.label", "must not be empty"),
                Arguments.of(Map.of("values", List.of()), "args.values", "must name at least one value"),
                Arguments.of(Map.of("otherNodesScore", 101), "args.otherNodesScore", "must be in [0, 100], got 101"),
                Arguments.of(Map.of("weight", 2), "args", "weight"));
    }

    @ParameterizedTest
    @MethodSource("invalidArgs")
    void invalidArgsNameTheField(Map<String, Object> args, String field, String message) {
        PluginRun run = PluginRun.plugin(new PreferNodeLabel.Factory(), args);

        assertThatThrownBy(() -> run.run(TestNode.named("n").build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pluginConfig[0]." + field)
                .hasMessageContaining(message);
    }
}
