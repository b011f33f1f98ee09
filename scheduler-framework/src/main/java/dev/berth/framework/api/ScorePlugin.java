package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Ranks a node that passed Filter (upstream's Score, the old priorities). Called in parallel for
 * many nodes: thread-safe, no I/O. After {@link ScoreExtensions#normalizeScore} every score must lie
 * in [{@link #MIN_NODE_SCORE}, {@link #MAX_NODE_SCORE}]; the framework then multiplies it by the
 * plugin's weight from the configuration.
 */
public interface ScorePlugin extends Plugin {

    /** The highest score a plugin may give after normalization. */
    long MAX_NODE_SCORE = 100;

    /** The lowest score a plugin may give after normalization. */
    long MIN_NODE_SCORE = 0;

    /**
     * Scores one node. To report a failure, throw {@link PluginStatusException}; any other exception
     * also becomes an Error status.
     */
    long score(CycleState state, Pod pod, NodeInfo nodeInfo);

    /** Optional normalization over all scored nodes, e.g. to scale raw counts into 0..100. */
    default Optional<ScoreExtensions> scoreExtensions() {
        return Optional.empty();
    }

    /** Normalization of the scores this plugin gave in one attempt. */
    interface ScoreExtensions {

        /** Rewrites {@code scores} in place so each lies in 0..100. */
        Status normalizeScore(CycleState state, Pod pod, NodeScores scores);
    }
}
