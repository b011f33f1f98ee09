package dev.berth.framework.runtime;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.NodeInfoLister;
import dev.berth.framework.api.Parallelizer;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.metrics.SchedulerMetrics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every profile's framework shares: the cluster, the worker pool, the nominated pods, the current
 * snapshot, metrics, and the plugin-call time limits.
 *
 * @param nominator nominated pods per node name, highest priority first
 * @param snapshot the snapshot of the current scheduling cycle
 * @param timers schedules Permit timeouts (a Vert.x timer in production, a manual clock in tests)
 * @param schedulingCycleTimeout how long one plugin call in the scheduling cycle may take
 * @param bindingCycleTimeout how long one plugin call in the binding cycle may take
 */
public record FrameworkServices(ClusterClient cluster, Parallelizer parallelizer,
                                Function<String, List<PodInfo>> nominator, Supplier<NodeInfoLister> snapshot,
                                SchedulerMetrics metrics, PluginTimeouts timeouts, Timers timers, InstantSource clock,
                                Duration schedulingCycleTimeout, Duration bindingCycleTimeout) {

    /** Schedules one-shot callbacks. */
    public interface Timers {
        /** Runs {@code action} after {@code delay}; returns a handle that cancels it. */
        Runnable schedule(Duration delay, Runnable action);
    }
}
