package dev.berth.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.FrameworkBuilder;
import dev.berth.framework.runtime.FrameworkServices;
import dev.berth.framework.runtime.PluginTimeouts;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default profile must equal upstream kube-scheduler's, point by point (upstream's TestApplyFeatureGates/default_plugins_test). */
class DefaultPluginsTest {

    @Test
    void everyDefaultPluginIsRegistered() {
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        assertThat(registry.names()).containsAll(DefaultPlugins.multiPoint().stream().map(PluginRef::name).toList());
    }

    /** Out-of-tree plugins can be enabled by name but are not in upstream's default profile. */
    @ParameterizedTest
    @ValueSource(strings = {"Coscheduling", "TargetLoadPacking"})
    void anOutOfTreePluginIsRegisteredButNotEnabledByDefault(String name) {
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        assertThat(registry.names()).contains(name);
        assertThat(DefaultPlugins.multiPoint()).extracting(PluginRef::name).doesNotContain(name);
    }

    @Test
    void theDefaultProfileExpandsAsUpstreams() {
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint()).defaults();
        try (PluginTimeouts timeouts = new PluginTimeouts(Duration.ofSeconds(1))) {
            FrameworkServices services = new FrameworkServices(new InMemoryCluster(), new ExecutorParallelizer(Runnable::run, 1),
                    node -> List.of(), dev.berth.framework.cache.Snapshot::new, SchedulerMetrics.noop(), timeouts,
                    (d, a) -> () -> { }, InstantSource.system(), Duration.ofSeconds(1), Duration.ofSeconds(1));
            Framework fwk = new FrameworkBuilder(registry).build(0, config.profiles().get(0), 0, services);

            assertThat(fwk.pluginNames("PreEnqueue")).containsExactly("SchedulingGates");
            assertThat(fwk.pluginNames("QueueSort")).containsExactly("PrioritySort");
            assertThat(fwk.pluginNames("PreFilter")).containsExactly("NodeAffinity", "NodePorts", "NodeResourcesFit",
                    "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone", "PodTopologySpread", "InterPodAffinity");
            assertThat(fwk.pluginNames("Filter")).containsExactly("NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity",
                    "NodePorts", "NodeResourcesFit", "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone",
                    "PodTopologySpread", "InterPodAffinity");
            assertThat(fwk.pluginNames("PostFilter")).containsExactly("DefaultPreemption");
            assertThat(fwk.pluginNames("PreScore")).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
                    "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation");
            assertThat(fwk.pluginNames("Score")).containsExactly("TaintToleration", "NodeAffinity", "NodeResourcesFit",
                    "PodTopologySpread", "InterPodAffinity", "NodeResourcesBalancedAllocation", "ImageLocality");
            assertThat(fwk.pluginNames("Reserve")).containsExactly("VolumeBinding");
            assertThat(fwk.pluginNames("PreBind")).containsExactly("VolumeBinding");
            assertThat(fwk.pluginNames("Bind")).containsExactly("DefaultBinder");
            assertThat(List.of("TaintToleration", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity",
                    "NodeResourcesBalancedAllocation", "ImageLocality").stream().map(fwk::scoreWeight).toList())
                    .containsExactly(3, 2, 1, 2, 2, 1, 1);
        }
    }
}
