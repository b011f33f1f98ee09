package dev.berth.framework.runtime;

import dev.berth.framework.cache.SchedulerCache;
import java.time.Duration;
import java.util.Objects;

/**
 * Runtime settings that are not part of upstream's KubeSchedulerConfiguration.
 *
 * @param hostSelection how ties between equal best scores are broken
 * @param seed seed of the random source used for tie-breaking and plugin-metric sampling
 * @param assumedPodTtl how long an assumed pod whose binding finished waits for the cluster to confirm it
 * @param schedulingCycleTimeout time limit of one plugin call in the scheduling cycle
 * @param bindingCycleTimeout time limit of one plugin call in the binding cycle
 * @param bindingConcurrency how many binding cycles (and status updates) run at once
 */
public record SchedulerOptions(HostSelection hostSelection, long seed, Duration assumedPodTtl,
                               Duration schedulingCycleTimeout, Duration bindingCycleTimeout, int bindingConcurrency) {

    public SchedulerOptions {
        Objects.requireNonNull(hostSelection, "hostSelection");
        requirePositive(assumedPodTtl, "assumedPodTtl");
        requirePositive(schedulingCycleTimeout, "schedulingCycleTimeout");
        requirePositive(bindingCycleTimeout, "bindingCycleTimeout");
        if (bindingConcurrency < 1) {
            throw new IllegalArgumentException("bindingConcurrency must be at least 1, got " + bindingConcurrency);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /**
     * Binding cycles in flight by default. Upstream runs each in its own goroutine, unbounded; a binding cycle here
     * holds a thread while its {@code pods/binding} request waits for the API server's write, so throughput is this
     * many over the write latency (16 made about 140 pods/s against the shim's ~100 ms commits under load).
     */
    public static final int DEFAULT_BINDING_CONCURRENCY = 64;

    /** Upstream-like defaults: random tie-breaking, 30s assumed-pod TTL, 30s/10min plugin limits, 64 binders. */
    public static SchedulerOptions defaults() {
        return new SchedulerOptions(HostSelection.RANDOM, System.nanoTime(), SchedulerCache.DEFAULT_ASSUMED_POD_TTL,
                Duration.ofSeconds(30), Duration.ofMinutes(10), DEFAULT_BINDING_CONCURRENCY);
    }

    public SchedulerOptions withHostSelection(HostSelection selection, long newSeed) {
        return new SchedulerOptions(selection, newSeed, assumedPodTtl, schedulingCycleTimeout, bindingCycleTimeout, bindingConcurrency);
    }

    public SchedulerOptions withTimeouts(Duration schedulingCycle, Duration bindingCycle) {
        return new SchedulerOptions(hostSelection, seed, assumedPodTtl, schedulingCycle, bindingCycle, bindingConcurrency);
    }

    public SchedulerOptions withAssumedPodTtl(Duration ttl) {
        return new SchedulerOptions(hostSelection, seed, ttl, schedulingCycleTimeout, bindingCycleTimeout, bindingConcurrency);
    }
}
