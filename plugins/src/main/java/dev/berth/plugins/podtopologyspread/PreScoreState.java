package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.CycleState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PreScore computes for the soft constraints and Score reads (upstream's {@code preScoreState}).
 * Immutable once PreScore returns, so {@link #copy()} shares it as upstream's Clone does.
 *
 * @param ignoredNodes feasible nodes missing a topology key; they score 0
 * @param podCountsByDomain per constraint, matching pods per domain of the feasible nodes (empty for
 *     hostname constraints: those are counted per node in Score)
 * @param normalizingWeights per constraint, log(number of domains + 2), so that the counts of small
 *     topologies are not watered down by large ones
 */
record PreScoreState(List<SpreadConstraint> constraints, Set<String> ignoredNodes,
                     List<Map<String, AtomicLong>> podCountsByDomain, double[] normalizingWeights)
        implements CycleState.StateData {

    @Override
    public PreScoreState copy() {
        return this;
    }
}
