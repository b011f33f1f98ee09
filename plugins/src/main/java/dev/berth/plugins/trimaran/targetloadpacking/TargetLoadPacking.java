package dev.berth.plugins.trimaran.targetloadpacking;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Best-fit packing around a target CPU utilisation (scheduler-plugins' Trimaran {@code TargetLoadPacking}). A node's
 * predicted utilisation is what it reports using, plus what the pods placed on it since (or shortly before) the
 * measurement are predicted to use, plus what this pod is predicted to use ({@link PredictedCpu}). The score rises
 * from the target at 0 % to 100 at the target, so the busiest node still under the target wins; above the target
 * it falls from the target to 0 at 100 %, and a node predicted over 100 % or with no (or stale) utilisation gets
 * the minimum score.
 *
 * <p>Out of tree: not in the default profile. Enable it for Score (it also runs at PreScore, to predict the pod
 * once, and at Reserve, to remember its placements); upstream advises disabling the allocation-based Score plugins
 * next to it. Upstream's NormalizeScore does nothing, so it has no ScoreExtensions.
 */
public final class TargetLoadPacking implements PreScorePlugin, ScorePlugin, ReservePlugin {

    public static final String NAME = "TargetLoadPacking";

    /**
     * How often upstream's metrics agents report: a pod placed within this long before a measurement may not show
     * in it yet (upstream's {@code metricsAgentReportingIntervalSeconds}).
     */
    static final Duration METRICS_REPORTING_INTERVAL = Duration.ofSeconds(60);

    private static final StateKey<PodPrediction> KEY = StateKey.of("PreScore" + NAME, PodPrediction.class);

    /** The pod's predicted CPU, computed once per attempt. */
    record PodPrediction(long milliCpu) implements CycleState.StateData {
        @Override
        public PodPrediction copy() {
            return this;
        }
    }

    private final long targetUtilization;
    private final Duration metricsMaxAge;
    private final PredictedCpu predictedCpu;
    private final NodeMetricsSource metrics;
    private final InstantSource clock;
    private final RecentPlacements placements;

    public TargetLoadPacking(TargetLoadPackingArgs args, NodeMetricsSource metrics, InstantSource clock) {
        this.targetUtilization = args.targetUtilization();
        this.metricsMaxAge = args.metricsMaxAge();
        this.predictedCpu = PredictedCpu.of(args);
        this.metrics = metrics;
        this.clock = clock;
        this.placements = new RecentPlacements(clock, metricsMaxAge.plus(METRICS_REPORTING_INTERVAL));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(KEY, new PodPrediction(predictedCpu.milliCpu(pod)));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Node node = nodeInfo.node();
        Optional<NodeCpuUtilization> measured = metrics.cpuUtilization(node);
        if (measured.isEmpty() || measured.get().measuredAt().isBefore(clock.instant().minus(metricsMaxAge))) {
            return MIN_NODE_SCORE;
        }
        NodeCpuUtilization utilization = measured.get();
        long capacity = cpuCapacity(node, nodeInfo);
        double usedMilliCpu = utilization.percent() / 100 * capacity;
        // Upstream counts a pod placed after the measurement, or less than a reporting interval before it.
        long missingMilliCpu = placements.milliCpuPlacedAfter(nodeInfo.nodeName(),
                utilization.measuredAt().minus(METRICS_REPORTING_INTERVAL));
        double predicted = capacity == 0 ? 0 : 100 * (usedMilliCpu + podMilliCpu(state, pod) + missingMilliCpu) / capacity;
        return score(targetUtilization, predicted);
    }

    /**
     * Upstream's curve: from {@code target} at 0 % up to 100 at the target, then down to 0 at 100 %; above 100 %
     * the minimum. Rounded half up, as Go's {@code math.Round} for these non-negative values.
     */
    static long score(long target, double predictedPercent) {
        if (predictedPercent > target) {
            if (predictedPercent > 100) {
                return MIN_NODE_SCORE;
            }
            return Math.round(target * (100 - predictedPercent) / (100 - target));
        }
        return Math.round((100 - target) * predictedPercent / target + target);
    }

    /** The node's CPU capacity in millicores, as upstream; a node that reports none, its allocatable. */
    private static long cpuCapacity(Node node, NodeInfo nodeInfo) {
        Map<String, Quantity> capacity = node.getStatus() == null ? null : node.getStatus().getCapacity();
        Quantity cpu = capacity == null ? null : capacity.get(Resource.CPU);
        return cpu == null ? nodeInfo.allocatable().milliCpu() : Resource.toLong(Resource.CPU, cpu);
    }

    // The framework skips PreScore when one node is feasible; Reserve still needs the prediction then.
    private long podMilliCpu(CycleState state, Pod pod) {
        return state.read(KEY).map(PodPrediction::milliCpu).orElseGet(() -> predictedCpu.milliCpu(pod));
    }

    @Override
    public Status reserve(CycleState state, Pod pod, String nodeName) {
        placements.add(nodeName, podKey(pod), podMilliCpu(state, pod));
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(CycleState state, Pod pod, String nodeName) {
        placements.remove(nodeName, podKey(pod));
    }

    private static String podKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** Registers {@link TargetLoadPacking}; its args are {@link TargetLoadPackingArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                TargetLoadPackingArgs a = args.decode(TargetLoadPackingArgs.class);
                a.validate();
                return new TargetLoadPacking(a, MetricsSources.create(a.metricsSource(), handle), InstantSource.system());
            });
        }
    }
}
