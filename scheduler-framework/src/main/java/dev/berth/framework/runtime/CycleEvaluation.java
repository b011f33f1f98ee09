package dev.berth.framework.runtime;

import dev.berth.framework.api.Status;
import java.util.List;
import java.util.Map;

/**
 * What one scheduling cycle learnt about the nodes, kept by reference (no copies on the hot path) so that an attempt
 * can be explained afterwards.
 *
 * @param filterPlugins the Filter plugins that ran, in run order (those PreFilter skipped are absent)
 * @param rejectedNodes the status of each node Filter rejected: its first failing plugin and reasons
 * @param feasibleNodes the nodes that passed every Filter plugin (with adaptive percentageOfNodesToScore, not
 *     necessarily every node that would have)
 * @param scores the Score result over the feasible nodes, or {@code null} when none was computed (a single feasible
 *     node is not scored, as upstream)
 */
public record CycleEvaluation(List<String> filterPlugins, Map<String, Status> rejectedNodes, List<String> feasibleNodes,
                              Framework.ScoreResult scores) {

    /** A cycle that ended before Filter ran. */
    static final CycleEvaluation NONE = new CycleEvaluation(List.of(), Map.of(), List.of(), null);
}
