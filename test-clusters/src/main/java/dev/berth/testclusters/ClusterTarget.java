package dev.berth.testclusters;

import java.util.Optional;

/**
 * Where the end-to-end suite runs: a cluster with a Berth secondary scheduler (schedulerName {@code berth}) running and
 * nodes to schedule on. {@link TargetSelection} picks one from {@code -Dberth.cluster} or {@code BERTH_CLUSTER}.
 */
public sealed interface ClusterTarget permits EmbeddedTarget, KindTarget, ExistingTarget {
    /** {@code embedded}, {@code kind} or {@code existing}. */
    String name();

    /** Why this target cannot run on this machine (the suite then reports every test skipped with it); empty if it can. */
    Optional<String> unavailableReason();

    /** Brings the cluster up with Berth scheduling on it, and returns once pods can be scheduled. */
    RunningCluster start() throws Exception;
}
