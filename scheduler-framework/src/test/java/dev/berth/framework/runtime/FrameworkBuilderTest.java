package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MultiPoint expansion, ordering, weights and profile errors, as upstream's TestNewFrameworkMultiPointExpansion. */
class FrameworkBuilderTest {

    private final PluginTimeouts timeouts = new PluginTimeouts(Duration.ofSeconds(1));

    @AfterEach
    void close() {
        timeouts.close();
    }

    private Framework build(String pluginsYaml) {
        PluginRegistry registry = TestPlugins.registry();
        String yaml = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
                + "- schedulerName: p\n  plugins:\n" + pluginsYaml.indent(4);
        SchedulerConfiguration config = new SchedulerConfigLoader(registry.names(), List.of()).parse(yaml);
        FrameworkServices services = new FrameworkServices(new InMemoryCluster(), new ExecutorParallelizer(Runnable::run, 1),
                node -> List.of(), dev.berth.framework.cache.Snapshot::new, SchedulerMetrics.noop(), timeouts,
                (d, a) -> () -> { }, InstantSource.system(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        return new FrameworkBuilder(registry).build(0, config.profiles().get(0), 0, services);
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("multiPoint plugins go to every point they implement", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeFilter}, {name: NodeScore}, {name: Exploding}, {name: Binder}]
                        """, "Filter", List.of("NodeFilter", "Exploding")),
                Arguments.of("a point's own enabled plugins come after multiPoint ones", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeFilter}, {name: Binder}]
                        filter:
                          enabled: [{name: Sleepy}]
                        """, "Filter", List.of("NodeFilter", "Sleepy")),
                Arguments.of("a plugin named at both goes first, in the point's order", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeFilter}, {name: Exploding}, {name: Binder}]
                        filter:
                          enabled: [{name: Sleepy}, {name: Exploding}]
                        """, "Filter", List.of("Exploding", "NodeFilter", "Sleepy")),
                Arguments.of("disabling at a point removes a multiPoint plugin there only", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeFilter}, {name: Exploding}, {name: Binder}]
                        filter:
                          disabled: [{name: NodeFilter}]
                        """, "Filter", List.of("Exploding")),
                Arguments.of("'*' at a point disables all multiPoint plugins there", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeFilter}, {name: Exploding}, {name: Binder}]
                        filter:
                          disabled: [{name: '*'}]
                          enabled: [{name: Sleepy}]
                        """, "Filter", List.of("Sleepy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansions")
    void expandsMultiPointAsUpstream(String name, String plugins, String point, List<String> expected) {
        assertThat(build(plugins).pluginNames(point)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weights")
    void scoreWeights(String name, String plugins, int expected) {
        assertThat(build(plugins).scoreWeight("NodeScore")).isEqualTo(expected);
    }

    static Stream<Arguments> weights() {
        return Stream.of(
                Arguments.of("unset weight is 1", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeScore}, {name: Binder}]
                        """, 1),
                Arguments.of("multiPoint weight", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeScore, weight: 3}, {name: Binder}]
                        """, 3),
                Arguments.of("the score point's weight wins over multiPoint's", """
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: NodeScore, weight: 3}, {name: Binder}]
                        score:
                          enabled: [{name: NodeScore, weight: 5}]
                        """, 5));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("""
                        multiPoint:
                          enabled: [{name: PrioritySort}, {name: Binder}]
                        filter:
                          enabled: [{name: Binder}]
                        """, "profiles[0].plugins.filter.enabled[0]: plugin \"Binder\" does not extend Filter plugin"),
                Arguments.of("""
                        multiPoint:
                          enabled: [{name: Binder}]
                        """, "profiles[0].plugins.queueSort: only one queue sort plugin required for profile with scheduler name \"p\", but got 0"),
                Arguments.of("""
                        multiPoint:
                          enabled: [{name: PrioritySort}]
                        """, "profiles[0].plugins.bind: at least one bind plugin is needed for profile with scheduler name \"p\""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void badProfilesNameTheField(String plugins, String message) {
        assertThatThrownBy(() -> build(plugins)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
