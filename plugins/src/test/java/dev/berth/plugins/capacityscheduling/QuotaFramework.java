package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.ExtensionPoint;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.PluginSet;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.FrameworkBuilder;
import dev.berth.framework.runtime.FrameworkServices;
import dev.berth.framework.runtime.PluginTimeouts;
import dev.berth.plugins.DefaultPlugins;
import dev.berth.plugins.defaultbinder.DefaultBinder;
import dev.berth.plugins.noderesources.NodeResourcesFit;
import dev.berth.plugins.queuesort.PrioritySort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A real {@link Framework} over a fixed snapshot: NodeResourcesFit at PreFilter and Filter, CapacityScheduling
 * at PreFilter, PostFilter and Reserve, what upstream's capacity tests register ({@code makeRegisteredPlugin}).
 * The cluster holds the quotas, the placed pods (which CapacityScheduling counts) and the pod under test.
 */
final class QuotaFramework {

    private static final PluginTimeouts TIMEOUTS = new PluginTimeouts(Duration.ofSeconds(1));

    final InMemoryCluster cluster = new InMemoryCluster();
    final Snapshot snapshot;
    final Framework framework;
    final CapacityScheduling plugin;

    QuotaFramework(List<Node> nodes, List<Pod> pods, List<? extends HasMetadata> quotas) {
        this(nodes, pods, quotas, Map.of());
    }

    /** @param nominated pods nominated (by earlier preemptions) to each node, as the framework's nominator reports them */
    QuotaFramework(List<Node> nodes, List<Pod> pods, List<? extends HasMetadata> quotas, Map<String, List<Pod>> nominated) {
        quotas.forEach(cluster::create);
        pods.forEach(cluster::create);
        this.snapshot = Snapshot.of(nodes, pods);
        Map<ExtensionPoint, PluginSet> points = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint p : ExtensionPoint.values()) {
            points.put(p, PluginSet.empty());
        }
        points.put(ExtensionPoint.QUEUE_SORT, enabled(PrioritySort.NAME));
        points.put(ExtensionPoint.BIND, enabled(DefaultBinder.NAME));
        points.put(ExtensionPoint.PRE_FILTER, enabled(NodeResourcesFit.NAME, CapacityScheduling.NAME));
        points.put(ExtensionPoint.FILTER, enabled(NodeResourcesFit.NAME));
        points.put(ExtensionPoint.POST_FILTER, enabled(CapacityScheduling.NAME));
        points.put(ExtensionPoint.RESERVE, enabled(CapacityScheduling.NAME));
        FrameworkServices services = new FrameworkServices(cluster, new ExecutorParallelizer(Runnable::run, 1),
                node -> nominated.getOrDefault(node, List.of()).stream().map(PodInfo::of).toList(), () -> snapshot, SchedulerMetrics.noop(), TIMEOUTS, (delay, action) -> () -> { },
                InstantSource.system(), Duration.ofMinutes(1), Duration.ofMinutes(1));
        ProfileConfig profile = new ProfileConfig(ProfileConfig.DEFAULT_SCHEDULER_NAME, null, points, Map.of());
        this.framework = new FrameworkBuilder(DefaultPlugins.registry(getClass().getClassLoader())).build(0, profile, 0, services);
        this.plugin = (CapacityScheduling) framework.plugins().get(CapacityScheduling.NAME);
    }

    private static PluginSet enabled(String... names) {
        return new PluginSet(List.of(names).stream().map(PluginRef::of).toList(), List.of());
    }

    /** A cycle state after every PreFilter plugin ran for {@code pod}, and PreFilter's verdict. */
    PreFiltered preFilter(Pod pod) {
        CycleState state = new CycleState();
        PreFilterResult result = framework.runPreFilterPlugins(state, pod, snapshot.list());
        return new PreFiltered(state, result);
    }

    record PreFiltered(CycleState state, PreFilterResult result) {
    }

    /** The names of the pods still in the cluster. */
    List<String> podNames() {
        return cluster.list(Pod.class).stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }
}
