package dev.berth.plugins.tainttoleration;

import static dev.berth.testkit.SimulationAssert.assertThat;

import dev.berth.framework.simulate.SimulationResult;
import dev.berth.testkit.PluginRun;
import dev.berth.testkit.TestNode;
import dev.berth.testkit.TestPod;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TaintToleration run whole through the test kit (PreFilter to NormalizeScore, as {@code berth simulate} runs it),
 * where TaintTolerationTest calls its methods one by one.
 */
class TaintTolerationRunTest {

    static Stream<Arguments> tolerations() {
        return Stream.of(
                // pod's toleration (key=value), expected normalized score per node (fewer intolerable PreferNoSchedule taints win)
                Arguments.of("foo", "bar", Map.of("clean", 100L, "one-bad", 50L, "two-bad", 0L), "clean"),
                Arguments.of("cpu-hog", "yes", Map.of("clean", 100L, "one-bad", 100L, "two-bad", 0L), "clean"));
    }

    @ParameterizedTest
    @MethodSource("tolerations")
    void scoresByIntolerablePreferNoScheduleTaintsAndFiltersNoSchedule(String key, String value, Map<String, Long> scores,
                                                                       String chosen) {
        SimulationResult result = PluginRun.plugin(new TaintToleration.Factory()).run(
                TestNode.named("clean").build(),
                TestNode.named("one-bad").taint("cpu-hog", "yes", "PreferNoSchedule").build(),
                TestNode.named("two-bad").taint("cpu-hog", "yes", "PreferNoSchedule").taint("noisy", "yes", "PreferNoSchedule").build(),
                TestNode.named("gpu").taint("dedicated", "gpu", "NoSchedule").build(),
                TestPod.named("web").toleration(key, value).build());

        var pod = assertThat(result).pod("web")
                .isScheduledOn(chosen)
                .isFilteredOut("TaintToleration", "gpu", "node(s) had untolerated taint {dedicated: gpu}");
        scores.forEach((node, score) -> pod.passesFilter("TaintToleration", node).hasScore("TaintToleration", node, score));
    }
}
