package dev.berth.framework.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of upstream's {@code ValidateKubeSchedulerConfiguration} that relate values to ranges or
 * to each other, checked on the defaulted configuration. Reports the first violation.
 */
final class ConfigValidator {

    private ConfigValidator() {
    }

    /**
     * Returns {@code config} if it is valid.
     *
     * @throws ConfigException at the first invalid field
     */
    static SchedulerConfiguration validate(SchedulerConfiguration config) {
        if (config.parallelism() <= 0) {
            throw new ConfigException("parallelism", "must be greater than 0, got " + config.parallelism());
        }
        requirePercentage("percentageOfNodesToScore", config.percentageOfNodesToScore());
        validateBackoff(config.podInitialBackoff(), config.podMaxBackoff());
        validateLeaderElection(config.leaderElection());
        validateProfiles(config.profiles());
        return config;
    }

    private static void requirePercentage(String field, int percentage) {
        if (percentage < 0 || percentage > 100) {
            throw new ConfigException(field, "must be between 0 and 100, got " + percentage);
        }
    }

    private static void validateBackoff(Duration initial, Duration max) {
        if (!isPositive(initial)) {
            throw new ConfigException("podInitialBackoffSeconds", "must be greater than 0, got " + initial.toSeconds());
        }
        if (max.compareTo(initial) < 0) {
            throw new ConfigException("podMaxBackoffSeconds", "must be greater than or equal to podInitialBackoffSeconds ("
                    + initial.toSeconds() + "), got " + max.toSeconds());
        }
    }

    private static void validateLeaderElection(LeaderElectionConfig election) {
        // Upstream only checks the settings when they are used.
        if (!election.leaderElect()) {
            return;
        }
        if (!isPositive(election.renewDeadline())) {
            throw new ConfigException("leaderElection.renewDeadline", "must be greater than 0");
        }
        if (election.leaseDuration().compareTo(election.renewDeadline()) <= 0) {
            throw new ConfigException("leaderElection.leaseDuration", "must be greater than renewDeadline");
        }
        if (!isPositive(election.retryPeriod())) {
            throw new ConfigException("leaderElection.retryPeriod", "must be greater than 0");
        }
        requireNotEmpty("leaderElection.resourceLock", election.resourceLock());
        requireNotEmpty("leaderElection.resourceName", election.resourceName());
        requireNotEmpty("leaderElection.resourceNamespace", election.resourceNamespace());
    }

    // Duration.isPositive() arrived after Java 17.
    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void requireNotEmpty(String field, String value) {
        if (value.isEmpty()) {
            throw new ConfigException(field, "must not be empty");
        }
    }

    private static void validateProfiles(List<ProfileConfig> profiles) {
        Set<String> names = new HashSet<>();
        PluginSet queueSort = profiles.get(0).plugins().get(ExtensionPoint.QUEUE_SORT);
        for (int i = 0; i < profiles.size(); i++) {
            ProfileConfig profile = profiles.get(i);
            String path = "profiles[" + i + "]";
            if (!names.add(profile.schedulerName())) {
                throw new ConfigException(path + ".schedulerName",
                        "duplicate scheduler name \"" + profile.schedulerName() + "\"");
            }
            if (profile.percentageOfNodesToScore() != null) {
                requirePercentage(path + ".percentageOfNodesToScore", profile.percentageOfNodesToScore());
            }
            // One scheduling queue serves every profile, so they must agree on how it is sorted.
            if (!profile.plugins().get(ExtensionPoint.QUEUE_SORT).enabled().equals(queueSort.enabled())) {
                throw new ConfigException(path + ".plugins.queueSort", "must be the same for all profiles");
            }
        }
    }
}
