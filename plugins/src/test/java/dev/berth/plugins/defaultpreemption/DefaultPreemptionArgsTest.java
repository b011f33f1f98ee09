package dev.berth.plugins.defaultpreemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import dev.berth.plugins.testing.TestHandle;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultPreemptionArgsTest {

    @Test
    void defaultsAsUpstreamV1() {
        DefaultPreemptionArgs args = PluginArgs.empty().decode(DefaultPreemptionArgs.class);
        assertThat(args).isEqualTo(new DefaultPreemptionArgs(10, 100));
        assertThat(DefaultPreemptionArgs.defaults()).isEqualTo(args);
    }

    @Test
    void decodesUpstreamFieldNamesAndDefaultsTheRest() {
        DefaultPreemptionArgs args = PluginArgs.of(Map.of("apiVersion", "kubescheduler.config.k8s.io/v1",
                "kind", "DefaultPreemptionArgs", "minCandidateNodesPercentage", 40)).decode(DefaultPreemptionArgs.class);
        assertThat(args).isEqualTo(new DefaultPreemptionArgs(40, 100));
    }

    /** Upstream's TestValidateDefaultPreemptionArgs (validation_pluginargs_test.go). */
    static Stream<Arguments> validation() {
        return Stream.of(
                Arguments.of("valid args (default)", 10, 100, null, null),
                Arguments.of("negative minCandidateNodesPercentage", -1, 100,
                        "minCandidateNodesPercentage", "Invalid value: -1: not in valid range [0, 100]"),
                Arguments.of("minCandidateNodesPercentage over 100", 900, 100,
                        "minCandidateNodesPercentage", "Invalid value: 900: not in valid range [0, 100]"),
                Arguments.of("negative minCandidateNodesAbsolute", 20, -1,
                        "minCandidateNodesAbsolute", "Invalid value: -1: not in valid range [0, inf)"),
                Arguments.of("all zero", 0, 0,
                        "minCandidateNodesPercentage", "Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute"),
                Arguments.of("zero percentage, positive absolute", 0, 100, null, null));
    }

    @ParameterizedTest(name = "TestValidateDefaultPreemptionArgs: {0}")
    @MethodSource("validation")
    void validate(String name, int percentage, int absolute, String wantField, String wantMessage) {
        DefaultPreemptionArgs args = new DefaultPreemptionArgs(percentage, absolute);
        if (wantField == null) {
            args.validate();
            return;
        }
        assertThatThrownBy(args::validate).isInstanceOfSatisfying(InvalidArgsException.class, e -> {
            assertThat(e.field()).isEqualTo(wantField);
            assertThat(e.getMessage()).isEqualTo(wantMessage);
        });
    }

    @Test
    void factoryValidates() {
        PluginArgs bad = PluginArgs.of(Map.of("minCandidateNodesAbsolute", -1));
        assertThatThrownBy(() -> new DefaultPreemption.Factory().create(bad, TestHandle.empty()))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo("minCandidateNodesAbsolute"));
        assertThatThrownBy(() -> new DefaultPreemption.Factory().create(PluginArgs.of(Map.of("unknown", 1)), TestHandle.empty()))
                .isInstanceOf(InvalidArgsException.class);
        assertThat(new DefaultPreemption.Factory().create(PluginArgs.empty(), TestHandle.empty()).name())
                .isEqualTo(DefaultPreemption.NAME);
    }

    /** Upstream's calculateNumCandidates, as exercised through GetOffsetAndNumCandidates. */
    static Stream<Arguments> numCandidates() {
        return Stream.of(
                Arguments.of("no nodes", 0, 50, 10, 0),
                Arguments.of("nodes*minCandidateNodesPercentage >= minCandidateNodesAbsolute", 100, 50, 10, 50),
                Arguments.of("nodes*minCandidateNodesPercentage < minCandidateNodesAbsolute", 100, 5, 10, 10),
                Arguments.of("minCandidateNodesAbsolute > numNodes", 100, 5, 1000, 100),
                Arguments.of("defaults on 5000 nodes", 5000, 10, 100, 500),
                Arguments.of("defaults on 50 nodes", 50, 10, 100, 50),
                Arguments.of("40% of 5 nodes, at least 1", 5, 40, 1, 2));
    }

    @ParameterizedTest(name = "TestGetOffsetAndNumCandidates: {0}")
    @MethodSource("numCandidates")
    void getOffsetAndNumCandidates(String name, int numNodes, int percentage, int absolute, int want) {
        DefaultPreemption pl = new DefaultPreemption(new DefaultPreemptionArgs(percentage, absolute), TestHandle.empty(),
                n -> Math.max(0, n - 1));
        DefaultPreemption.OffsetAndNumCandidates got = pl.getOffsetAndNumCandidates(numNodes);
        assertThat(got.numCandidates()).isEqualTo(want);
        assertThat(got.offset()).isEqualTo(Math.max(0, numNodes - 1));
    }

    @Test
    void randomOffsetStaysInRange() {
        DefaultPreemption pl = new DefaultPreemption(DefaultPreemptionArgs.defaults(), TestHandle.empty());
        for (int i = 0; i < 200; i++) {
            assertThat(pl.getOffsetAndNumCandidates(7).offset()).isBetween(0, 6);
        }
    }
}
