package dev.berth.framework.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A defaulted and validated scheduler configuration.
 *
 * @param parallelism how many nodes are filtered and scored at once
 * @param percentageOfNodesToScore how many feasible nodes to find before scoring, as a percentage of
 *     all nodes; 0 lets the scheduler pick it from the cluster's size
 * @param podInitialBackoff the first backoff of a pod that failed to schedule
 * @param podMaxBackoff the longest backoff
 * @param leaderElection how replicas elect a leader
 * @param profiles the profiles, at least one, with distinct scheduler names
 */
public record SchedulerConfiguration(int parallelism, int percentageOfNodesToScore, Duration podInitialBackoff,
                                     Duration podMaxBackoff, LeaderElectionConfig leaderElection,
                                     List<ProfileConfig> profiles) {

    public static final int DEFAULT_PARALLELISM = 16;
    public static final int DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;
    public static final Duration DEFAULT_POD_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POD_MAX_BACKOFF = Duration.ofSeconds(10);

    public SchedulerConfiguration {
        Objects.requireNonNull(leaderElection, "leaderElection");
        profiles = List.copyOf(profiles);
    }
}
