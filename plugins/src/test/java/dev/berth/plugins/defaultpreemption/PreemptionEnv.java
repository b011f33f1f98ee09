package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.ExtensionPoint;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.PluginSet;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.FrameworkBuilder;
import dev.berth.framework.runtime.FrameworkServices;
import dev.berth.framework.runtime.PluginTimeouts;
import dev.berth.plugins.defaultbinder.DefaultBinder;
import dev.berth.plugins.queuesort.PrioritySort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * A real {@link Framework} over a fixed snapshot and an in-memory cluster, with the given PreFilter/Filter
 * plugins and {@link DefaultPreemption} as PostFilter: what upstream's tests get from {@code tf.NewFramework}.
 * Runs plugins sequentially ({@code parallelism 1}), as upstream's tests with {@code disableParallelism}.
 */
final class PreemptionEnv {

    /** One watchdog for every test framework: plugin calls never come near its limits. */
    private static final PluginTimeouts TIMEOUTS = new PluginTimeouts(Duration.ofSeconds(1));

    final Framework framework;
    final DefaultPreemption plugin;
    final InMemoryCluster cluster;
    final Snapshot snapshot;

    private PreemptionEnv(Builder b) {
        this.cluster = new InMemoryCluster();
        b.clusterPods.forEach(cluster::create);
        b.clusterObjects.forEach(cluster::create);
        this.snapshot = Snapshot.of(b.nodes, b.clusterPods);
        PluginRegistry registry = new PluginRegistry()
                .register(new PrioritySort.Factory(), "test")
                .register(new DefaultBinder.Factory(), "test")
                .register(factory(DefaultPreemption.NAME, h -> new DefaultPreemption(b.args, h, b.offsets)), "test");
        Map<ExtensionPoint, PluginSet> points = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint p : ExtensionPoint.values()) {
            points.put(p, PluginSet.empty());
        }
        points.put(ExtensionPoint.QUEUE_SORT, enabled(List.of(PrioritySort.NAME)));
        points.put(ExtensionPoint.BIND, enabled(List.of(DefaultBinder.NAME)));
        points.put(ExtensionPoint.POST_FILTER, enabled(List.of(DefaultPreemption.NAME)));
        List<String> preFilters = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (Plugin p : b.plugins) {
            registry.register(factory(p.name(), h -> p), "test");
            if (p instanceof PreFilterPlugin) {
                preFilters.add(p.name());
            }
            if (p instanceof FilterPlugin) {
                filters.add(p.name());
            }
        }
        points.put(ExtensionPoint.PRE_FILTER, enabled(preFilters));
        points.put(ExtensionPoint.FILTER, enabled(filters));
        FrameworkServices services = new FrameworkServices(cluster, new ExecutorParallelizer(Runnable::run, 1),
                b.nominated::podsFor, () -> snapshot, SchedulerMetrics.noop(), TIMEOUTS, (delay, action) -> () -> { },
                InstantSource.system(), Duration.ofMinutes(1), Duration.ofMinutes(1));
        ProfileConfig profile = new ProfileConfig(ProfileConfig.DEFAULT_SCHEDULER_NAME, null, points, Map.of());
        this.framework = new FrameworkBuilder(registry).build(0, profile, 0, services);
        this.plugin = (DefaultPreemption) framework.plugins().get(DefaultPreemption.NAME);
    }

    static Builder builder() {
        return new Builder();
    }

    private static PluginSet enabled(List<String> names) {
        return new PluginSet(names.stream().map(PluginRef::of).toList(), List.of());
    }

    private static BasePluginFactory factory(String name, Function<Handle, Plugin> creator) {
        return new BasePluginFactory(name, (args, handle) -> creator.apply(handle)) {
        };
    }

    /** A cycle state with the PreFilter plugins run for {@code pod}, as the scheduler leaves it before PostFilter. */
    CycleState preFiltered(Pod pod) {
        CycleState state = new CycleState();
        PreFilterResult r = framework.runPreFilterPlugins(state, pod, snapshot.list());
        if (!r.status().isSuccess()) {
            throw new IllegalStateException("unexpected PreFilter status " + r.status());
        }
        return state;
    }

    /** The snapshot's nodes sorted by name, as upstream's TestDryRunPreemption passes them. */
    List<NodeInfo> nodesByName() {
        return snapshot.list().stream().sorted(Comparator.comparing(NodeInfo::nodeName)).toList();
    }

    /** Pods nominated per node, for the framework's nominator. */
    interface Nominator {
        List<PodInfo> podsFor(String nodeName);
    }

    static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private final List<Pod> clusterPods = new ArrayList<>();
        private final List<HasMetadata> clusterObjects = new ArrayList<>();
        private final List<Plugin> plugins = new ArrayList<>();
        private DefaultPreemptionArgs args = DefaultPreemptionArgs.defaults();
        private IntUnaryOperator offsets = n -> 0;
        private Nominator nominated = node -> List.of();

        Builder nodes(List<Node> n) {
            nodes.addAll(n);
            return this;
        }

        /** Pods in the cluster; those with a node name are also in the snapshot. */
        Builder pods(List<Pod> p) {
            clusterPods.addAll(p);
            return this;
        }

        Builder objects(List<? extends HasMetadata> objects) {
            clusterObjects.addAll(objects);
            return this;
        }

        /** PreFilter and Filter plugins, in run order. */
        Builder plugins(Plugin... p) {
            plugins.addAll(List.of(p));
            return this;
        }

        Builder args(DefaultPreemptionArgs a) {
            args = a;
            return this;
        }

        Builder offsets(IntUnaryOperator o) {
            offsets = o;
            return this;
        }

        Builder nominated(Nominator n) {
            nominated = n;
            return this;
        }

        PreemptionEnv build() {
            return new PreemptionEnv(this);
        }
    }
}
