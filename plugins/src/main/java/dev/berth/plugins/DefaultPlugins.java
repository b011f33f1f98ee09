package dev.berth.plugins;

import dev.berth.framework.config.PluginRef;
import dev.berth.framework.registry.PluginRegistry;
import java.util.List;

/**
 * Upstream kube-scheduler's default profile (v1 {@code getDefaultPlugins}): the multiPoint plugins in
 * upstream's order with upstream's Score weights. Passing this list to the configuration loader makes
 * an empty configuration schedule exactly like kube-scheduler's default profile.
 */
public final class DefaultPlugins {

    private static final List<PluginRef> MULTI_POINT = List.of(
            PluginRef.of("SchedulingGates"),
            PluginRef.of("PrioritySort"),
            PluginRef.of("NodeUnschedulable"),
            PluginRef.of("NodeName"),
            new PluginRef("TaintToleration", 3),
            new PluginRef("NodeAffinity", 2),
            PluginRef.of("NodePorts"),
            new PluginRef("NodeResourcesFit", 1),
            PluginRef.of("VolumeRestrictions"),
            PluginRef.of("NodeVolumeLimits"),
            PluginRef.of("VolumeBinding"),
            PluginRef.of("VolumeZone"),
            new PluginRef("PodTopologySpread", 2),
            new PluginRef("InterPodAffinity", 2),
            PluginRef.of("DefaultPreemption"),
            new PluginRef("NodeResourcesBalancedAllocation", 1),
            new PluginRef("ImageLocality", 1),
            PluginRef.of("DefaultBinder"));

    private DefaultPlugins() {
    }

    /** The default profile's multiPoint plugins, in order, with weights. */
    public static List<PluginRef> multiPoint() {
        return MULTI_POINT;
    }

    /** Every in-tree plugin, found on {@code loader} through {@link java.util.ServiceLoader}. */
    public static PluginRegistry registry(ClassLoader loader) {
        return PluginRegistry.fromClasspath(loader);
    }
}
