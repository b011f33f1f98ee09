package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.WeightedAffinityTerm;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Score weight per topology domain, keyed topology key then value (upstream's {@code scoreMap}). PreScore
 * fills one per node, remembers it for the next pod (see {@link dev.berth.plugins.helper.PerNodeMemo}) and
 * sums them into a new one; once built none is changed, so {@link #copy()} shares it.
 */
final class PreScoreState implements CycleState.StateData {

    private final Map<String, Map<String, Long>> scores = new HashMap<>();

    @Override
    public PreScoreState copy() {
        return this;
    }

    boolean isEmpty() {
        return scores.isEmpty();
    }

    /** Adds {@code weight} to the domain of {@code node} for the term's topology key if {@code pod} matches the term. */
    void add(AffinityTerm term, long weight, Pod pod, Map<String, String> namespaceLabels, Node node) {
        if (!term.matches(pod, namespaceLabels)) {
            return;
        }
        String value = TopologyCounts.labels(node).get(term.topologyKey());
        if (value != null) {
            scores.computeIfAbsent(term.topologyKey(), k -> new HashMap<>()).merge(value, weight, Long::sum);
        }
    }

    /** {@link #add} for each term with its weight times {@code multiplier} (1 for affinity, -1 for anti-affinity). */
    void addAll(List<WeightedAffinityTerm> terms, int multiplier, Pod pod, Map<String, String> namespaceLabels, Node node) {
        for (WeightedAffinityTerm t : terms) {
            add(t.term(), (long) t.weight() * multiplier, pod, namespaceLabels, node);
        }
    }

    /** The sum of {@code parts}; null parts count as empty. */
    static PreScoreState sum(List<PreScoreState> parts) {
        PreScoreState total = new PreScoreState();
        for (PreScoreState part : parts) {
            if (part != null) {
                total.merge(part);
            }
        }
        return total;
    }

    private void merge(PreScoreState other) {
        other.scores.forEach((key, values) -> {
            Map<String, Long> mine = scores.computeIfAbsent(key, k -> new HashMap<>());
            values.forEach((value, score) -> mine.merge(value, score, Long::sum));
        });
    }

    /** The sum of the weights of every domain {@code node} belongs to. */
    long score(Node node) {
        Map<String, String> labels = TopologyCounts.labels(node);
        long score = 0;
        for (Map.Entry<String, Map<String, Long>> e : scores.entrySet()) {
            String value = labels.get(e.getKey());
            if (value != null) {
                score += e.getValue().getOrDefault(value, 0L);
            }
        }
        return score;
    }
}
