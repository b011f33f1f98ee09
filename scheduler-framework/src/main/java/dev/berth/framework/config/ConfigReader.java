package dev.berth.framework.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the YAML tree of a {@code KubeSchedulerConfiguration} into a {@link SchedulerConfiguration},
 * filling in upstream v1's defaults for what the document leaves out. Checks structure and types;
 * rules that relate values to each other are {@link ConfigValidator}'s.
 */
final class ConfigReader {

    private static final String API_VERSION = "kubescheduler.config.k8s.io/v1";
    private static final String KIND = "KubeSchedulerConfiguration";

    /** Upstream fields Berth has no use for: accepted so that upstream configurations load unchanged. */
    private static final Set<String> IGNORED_FIELDS = Set.of("clientConnection", "enableProfiling",
            "enableContentionProfiling", "healthzBindAddress", "metricsBindAddress", "delayCacheUntilActive");
    private static final Set<String> FIELDS = Stream.concat(IGNORED_FIELDS.stream(), Stream.of("apiVersion", "kind",
                    "parallelism", "percentageOfNodesToScore", "podInitialBackoffSeconds", "podMaxBackoffSeconds",
                    "leaderElection", "profiles", "extenders"))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> LEADER_ELECTION_FIELDS = Set.of("leaderElect", "leaseDuration", "renewDeadline",
            "retryPeriod", "resourceLock", "resourceName", "resourceNamespace");

    private final ProfileReader profileReader;

    ConfigReader(ProfileReader profileReader) {
        this.profileReader = profileReader;
    }

    /** Reads a whole document, which must declare the v1 API version and kind. */
    SchedulerConfiguration readDocument(ConfigNode root) {
        if (!root.isAbsent() && !root.node().isObject()) {
            throw root.error("the configuration must be a YAML mapping");
        }
        requireValue(root.field("apiVersion"), API_VERSION);
        requireValue(root.field("kind"), KIND);
        return read(root);
    }

    /** Reads the configuration's fields; an absent root gives the defaults. */
    SchedulerConfiguration read(ConfigNode root) {
        root.requireFields(FIELDS);
        if (!root.field("extenders").elements().isEmpty()) {
            throw root.field("extenders").error("extenders are not supported");
        }
        return new SchedulerConfiguration(
                root.field("parallelism").intOr(SchedulerConfiguration.DEFAULT_PARALLELISM),
                root.field("percentageOfNodesToScore").intOr(SchedulerConfiguration.DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE),
                seconds(root.field("podInitialBackoffSeconds"), SchedulerConfiguration.DEFAULT_POD_INITIAL_BACKOFF),
                seconds(root.field("podMaxBackoffSeconds"), SchedulerConfiguration.DEFAULT_POD_MAX_BACKOFF),
                readLeaderElection(root.field("leaderElection")),
                readProfiles(root.field("profiles")));
    }

    private static void requireValue(ConfigNode node, String expected) {
        String actual = node.stringOr("");
        if (!actual.equals(expected)) {
            throw node.error("must be \"" + expected + "\", got " + (actual.isEmpty() ? "nothing" : "\"" + actual + "\""));
        }
    }

    private static LeaderElectionConfig readLeaderElection(ConfigNode node) {
        node.requireFields(LEADER_ELECTION_FIELDS);
        LeaderElectionConfig defaults = LeaderElectionConfig.defaults();
        return new LeaderElectionConfig(
                node.field("leaderElect").booleanOr(defaults.leaderElect()),
                node.field("leaseDuration").durationOr(defaults.leaseDuration()),
                node.field("renewDeadline").durationOr(defaults.renewDeadline()),
                node.field("retryPeriod").durationOr(defaults.retryPeriod()),
                node.field("resourceLock").stringOr(defaults.resourceLock()),
                node.field("resourceName").stringOr(defaults.resourceName()),
                node.field("resourceNamespace").stringOr(defaults.resourceNamespace()));
    }

    private List<ProfileConfig> readProfiles(ConfigNode node) {
        List<ConfigNode> entries = node.elements();
        if (entries.isEmpty()) {
            return List.of(profileReader.read(ConfigNode.absentRoot()));
        }
        return entries.stream().map(profileReader::read).toList();
    }

    /** The backoffs are whole seconds in the YAML (upstream's {@code podInitialBackoffSeconds}). */
    private static Duration seconds(ConfigNode node, Duration fallback) {
        return Duration.ofSeconds(node.intOr((int) fallback.toSeconds()));
    }
}
