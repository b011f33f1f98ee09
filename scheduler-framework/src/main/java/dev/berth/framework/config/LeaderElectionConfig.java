package dev.berth.framework.config;

import java.time.Duration;

/**
 * How replicas of the scheduler elect the one that schedules (upstream's
 * {@code LeaderElectionConfiguration}).
 *
 * @param leaderElect whether to take part in an election at all (upstream's default: yes)
 * @param leaseDuration how long non-leaders wait before trying to take over an unrenewed lease
 * @param renewDeadline how long the leader keeps retrying to renew before it gives up leading
 * @param retryPeriod the wait between attempts to acquire or renew
 * @param resourceLock the kind of lock object ({@code leases})
 * @param resourceName the lock object's name
 * @param resourceNamespace the lock object's namespace
 */
public record LeaderElectionConfig(boolean leaderElect, Duration leaseDuration, Duration renewDeadline,
                                   Duration retryPeriod, String resourceLock, String resourceName,
                                   String resourceNamespace) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);
    public static final String DEFAULT_RESOURCE_LOCK = "leases";
    /** Berth's own lock, so that it never fights a kube-scheduler in the same cluster for leadership. */
    public static final String DEFAULT_RESOURCE_NAME = "berth-scheduler";
    public static final String DEFAULT_RESOURCE_NAMESPACE = "kube-system";

    /** Upstream's defaults, with Berth's lock name. */
    public static LeaderElectionConfig defaults() {
        return new LeaderElectionConfig(true, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD,
                DEFAULT_RESOURCE_LOCK, DEFAULT_RESOURCE_NAME, DEFAULT_RESOURCE_NAMESPACE);
    }
}
