package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.NodeInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many matching (pod, term) pairs each topology domain holds (upstream's
 * {@code topologyToMatchedTermCount}). Entries that drop to zero are removed, so two counts built
 * along different paths (PreFilter over all pods versus PreFilter plus AddPod) compare equal.
 * Not thread-safe: PreFilter adds up the nodes' {@link DomainCounts} on one thread.
 */
final class TopologyCounts {

    private final Map<TopologyPair, Long> counts;

    TopologyCounts() {
        this.counts = new HashMap<>();
    }

    private TopologyCounts(Map<TopologyPair, Long> counts) {
        this.counts = new HashMap<>(counts);
    }

    TopologyCounts copy() {
        return new TopologyCounts(counts);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    long get(TopologyPair pair) {
        return counts.getOrDefault(pair, 0L);
    }

    /** A read-only copy. */
    Map<TopologyPair, Long> asMap() {
        return Map.copyOf(counts);
    }

    /** Adds one node's counts. */
    void add(DomainCounts nodeCounts) {
        TopologyPair[] domains = nodeCounts.domains();
        long[] values = nodeCounts.counts();
        for (int i = 0; i < domains.length; i++) {
            add(domains[i], values[i]);
        }
    }

    /** Adds {@code value} to the domain of {@code node} for {@code topologyKey}; nodes without the key are ignored. */
    void update(Node node, String topologyKey, long value) {
        String topologyValue = labels(node).get(topologyKey);
        if (topologyValue != null) {
            add(new TopologyPair(topologyKey, topologyValue), value);
        }
    }

    private void add(TopologyPair pair, long value) {
        counts.merge(pair, value, (a, b) -> a + b == 0 ? null : a + b);
    }

    /**
     * Affinity terms are satisfied by one pod matching all of them, so {@code pod} counts for every term's
     * domain only if it matches every term.
     */
    void updateWithAffinityTerms(List<AffinityTerm> terms, Pod pod, Node node, long value) {
        if (matchesAll(terms, pod)) {
            for (AffinityTerm term : terms) {
                update(node, term.topologyKey(), value);
            }
        }
    }

    /** Anti-affinity terms are independent: each term {@code pod} matches counts for that term's domain. */
    void updateWithAntiAffinityTerms(List<AffinityTerm> terms, Pod pod, Map<String, String> namespaceLabels, Node node, long value) {
        for (AffinityTerm term : terms) {
            if (term.matches(pod, namespaceLabels)) {
                update(node, term.topologyKey(), value);
            }
        }
    }

    /**
     * {@link #updateWithAffinityTerms} with value 1 for every pod on {@code nodeInfo}, counted at once
     * (the terms are the incoming pod's, see {@link TermMatches}).
     */
    void addAffinityMatches(List<AffinityTerm> terms, NodeInfo nodeInfo) {
        int matches = TermMatches.countMatchingAll(terms, nodeInfo);
        if (matches > 0) {
            for (AffinityTerm term : terms) {
                update(nodeInfo.node(), term.topologyKey(), matches);
            }
        }
    }

    /** {@link #updateWithAntiAffinityTerms} with value 1 for every pod on {@code nodeInfo}, counted per term at once. */
    void addAntiAffinityMatches(List<AffinityTerm> terms, NodeInfo nodeInfo) {
        for (AffinityTerm term : terms) {
            int matches = TermMatches.count(term, nodeInfo);
            if (matches > 0) {
                update(nodeInfo.node(), term.topologyKey(), matches);
            }
        }
    }

    /**
     * True if {@code pod} matches every term; false for no terms. The terms are the incoming pod's, whose
     * namespace selectors were already resolved into namespace names, so no namespace labels are needed.
     */
    static boolean matchesAll(List<AffinityTerm> terms, Pod pod) {
        if (terms.isEmpty()) {
            return false;
        }
        for (AffinityTerm term : terms) {
            if (!term.matches(pod, Map.of())) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopologyCounts other && other.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
