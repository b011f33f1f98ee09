package dev.berth.plugins.noderesources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Args defaults (upstream v1 defaults.go) and validation (validation_pluginargs.go and its tests). */
class NodeResourcesArgsTest {

    private static NodeResourcesFitArgs decodeFit(Map<String, ?> yaml) {
        return PluginArgs.of(yaml).decode(NodeResourcesFitArgs.class);
    }

    @Test
    void fitDefaults() {
        NodeResourcesFitArgs args = decodeFit(Map.of());
        assertThat(args.ignoredResources()).isEmpty();
        assertThat(args.ignoredResourceGroups()).isEmpty();
        assertThat(args.scoringStrategy()).isEqualTo(new NodeResourcesFitArgs.ScoringStrategy("LeastAllocated",
                List.of(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1)), null));
        args.validate();
    }

    @Test
    void fitDefaultsFillResourcesAndWeights() {
        NodeResourcesFitArgs args = decodeFit(Map.of("scoringStrategy", Map.of("type", "MostAllocated")));
        assertThat(args.scoringStrategy().resources()).containsExactly(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));
        NodeResourcesFitArgs weighted = decodeFit(Map.of("scoringStrategy", Map.of("type", "RequestedToCapacityRatio",
                "resources", List.of(Map.of("name", "intel.com/foo")),
                "requestedToCapacityRatio", Map.of("shape", List.of(Map.of("utilization", 0, "score", 0), Map.of("utilization", 100, "score", 10))))));
        assertThat(weighted.scoringStrategy().resources()).containsExactly(new ResourceSpec("intel.com/foo", 1));
        assertThat(weighted.scoringStrategy().requestedToCapacityRatio().shape())
                .containsExactly(new UtilizationShapePoint(0, 0), new UtilizationShapePoint(100, 10));
        weighted.validate();
    }

    @Test
    void balancedDefaults() {
        NodeResourcesBalancedAllocationArgs args = PluginArgs.of(Map.of()).decode(NodeResourcesBalancedAllocationArgs.class);
        assertThat(args.resources()).containsExactly(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));
        NodeResourcesBalancedAllocationArgs zero = PluginArgs.of(Map.of("resources", List.of(Map.of("name", "cpu", "weight", 0))))
                .decode(NodeResourcesBalancedAllocationArgs.class);
        assertThat(zero.resources()).containsExactly(new ResourceSpec("cpu", 1));
    }

    static Stream<Arguments> invalidFitArgs() {
        return Stream.of(
                Arguments.of("TestValidateFitArgs/IgnoredResources: too long value",
                        Map.of("ignoredResources", List.of("a".repeat(64))), "ignoredResources[0]",
                        "Invalid value: \"" + "a".repeat(64) + "\": name part must be no more than 63 characters"),
                Arguments.of("TestValidateFitArgs/IgnoredResources: name is empty",
                        Map.of("ignoredResources", List.of("example.com/")), "ignoredResources[0]",
                        "Invalid value: \"example.com/\": name part must be non-empty"),
                Arguments.of("TestValidateFitArgs/IgnoredResources: name has too many slash",
                        Map.of("ignoredResources", List.of("example.com/aaa/bbb")), "ignoredResources[0]",
                        "Invalid value: \"example.com/aaa/bbb\": a qualified name must consist of alphanumeric characters, '-', '_' or '.',"
                                + " and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used"
                                + " for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/'"
                                + " (e.g. 'example.com/MyName')"),
                Arguments.of("TestValidateFitArgs/IgnoredResourceGroups: too long value",
                        Map.of("ignoredResourceGroups", List.of("a".repeat(64))), "ignoredResourceGroups[0]",
                        "Invalid value: \"" + "a".repeat(64) + "\": name part must be no more than 63 characters"),
                Arguments.of("TestValidateFitArgs/IgnoredResourceGroups: name is empty",
                        Map.of("ignoredResourceGroups", List.of("")), "ignoredResourceGroups[0]",
                        "Invalid value: \"\": name part must be non-empty"),
                Arguments.of("TestValidateFitArgs/IgnoredResourceGroups: name contains slashes",
                        Map.of("ignoredResourceGroups", List.of("example.com/aaa")), "ignoredResourceGroups[0]",
                        "Invalid value: \"example.com/aaa\": resource group name can't contain '/'"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: type is unsupported",
                        Map.of("scoringStrategy", Map.of("type", "Invalid")), "scoringStrategy.type",
                        "Unsupported value: \"Invalid\": supported values: \"LeastAllocated\", \"MostAllocated\", \"RequestedToCapacityRatio\""),
                Arguments.of("TestLeastAllocatedScoringStrategy/resource with negative weight",
                        Map.of("scoringStrategy", Map.of("type", "LeastAllocated", "resources",
                                List.of(Map.of("name", "memory", "weight", -1), Map.of("name", "cpu", "weight", 1)))),
                        "scoringStrategy.resources[0].weight", "Invalid value: -1: resource weight of memory not in valid range (0, 100]"),
                Arguments.of("TestLeastAllocatedScoringStrategy/resource weight larger than MaxNodeScore",
                        Map.of("scoringStrategy", Map.of("type", "LeastAllocated", "resources",
                                List.of(Map.of("name", "memory", "weight", 1), Map.of("name", "cpu", "weight", 101)))),
                        "scoringStrategy.resources[1].weight", "Invalid value: 101: resource weight of cpu not in valid range (0, 100]"),
                Arguments.of("TestMostAllocatedScoringStrategy/resource weight larger than MaxNodeScore",
                        Map.of("scoringStrategy", Map.of("type", "MostAllocated", "resources", List.of(Map.of("name", "memory", "weight", 101)))),
                        "scoringStrategy.resources[0].weight", "Invalid value: 101: resource weight of memory not in valid range (0, 100]"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: RequestedToCapacityRatio without params",
                        Map.of("scoringStrategy", Map.of("type", "RequestedToCapacityRatio")), "scoringStrategy.requestedToCapacityRatio",
                        "Required value: must be specified when type is RequestedToCapacityRatio"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: requestedToCapacityRatio with other type",
                        Map.of("scoringStrategy", Map.of("type", "LeastAllocated", "requestedToCapacityRatio",
                                Map.of("shape", List.of(Map.of("utilization", 0, "score", 1))))),
                        "scoringStrategy.requestedToCapacityRatio", "Forbidden: must be nil when type is not RequestedToCapacityRatio"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: empty shape",
                        ratio(List.of()), "scoringStrategy.requestedToCapacityRatio.shape", "Required value: at least one point must be specified"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: utilization not sorted",
                        ratio(List.of(point(10, 1), point(10, 2))), "scoringStrategy.requestedToCapacityRatio.shape[1].utilization",
                        "Invalid value: 10: values must be sorted in increasing order"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: utilization out of range",
                        ratio(List.of(point(-10, 1), point(110, 2))), "scoringStrategy.requestedToCapacityRatio.shape[0].utilization",
                        "Invalid value: -10: not in valid range [0, 100]"),
                Arguments.of("TestValidateFitArgs/ScoringStrategy: score out of range",
                        ratio(List.of(point(10, 11))), "scoringStrategy.requestedToCapacityRatio.shape[0].score",
                        "Invalid value: 11: not in valid range [0, 10]"));
    }

    private static Map<String, Object> point(int utilization, int score) {
        return Map.of("utilization", utilization, "score", score);
    }

    private static Map<String, ?> ratio(List<Map<String, Object>> shape) {
        return Map.of("scoringStrategy", Map.of("type", "RequestedToCapacityRatio", "requestedToCapacityRatio", Map.of("shape", shape)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFitArgs")
    void invalidFitArgs(String name, Map<String, ?> yaml, String field, String message) {
        assertThatThrownBy(() -> new NodeResourcesFit.Factory().create(PluginArgs.of(yaml), null))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void validFitArgs() {
        // TestValidateFitArgs/IgnoredResources: valid args, IgnoredResourceGroups: valid args
        NodeResourcesFitArgs args = decodeFit(Map.of("ignoredResources", List.of("example.com"),
                "ignoredResourceGroups", List.of("example.com")));
        args.validate();
        assertThat(new NodeResourcesFit.Factory().create(PluginArgs.empty(), null).name()).isEqualTo("NodeResourcesFit");
    }

    static Stream<Arguments> invalidBalancedArgs() {
        return Stream.of(
                Arguments.of("TestValidateNodeResourcesBalancedAllocationArgs/Invalid weight",
                        List.of(Map.of("name", "cpu", "weight", 2), Map.of("name", "memory", "weight", 1)),
                        "resources[0].weight", "Invalid value: 2: must be 1"),
                Arguments.of("TestValidateNodeResourcesBalancedAllocationArgs/duplicated resources",
                        List.of(Map.of("name", "cpu", "weight", 1), Map.of("name", "cpu", "weight", 1)),
                        "resources[1].name", "Duplicate value: \"cpu\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBalancedArgs")
    void invalidBalancedArgs(String name, List<Map<String, Object>> resources, String field, String message) {
        assertThatThrownBy(() -> new NodeResourcesBalancedAllocation.Factory().create(PluginArgs.of(Map.of("resources", resources)), null))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void unknownFieldIsRejected() {
        assertThatThrownBy(() -> decodeFit(Map.of("ignoredResource", List.of("x")))).isInstanceOf(InvalidArgsException.class);
    }
}
