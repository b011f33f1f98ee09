package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodLabelIndex;
import java.util.List;
import java.util.Map;

/**
 * How many pods on a node the incoming pod's terms match: from the node's {@link PodLabelIndex} when it
 * can tell, else by reading each pod. The terms' namespace selectors are resolved (see {@link Namespaces}):
 * a term whose selector is "nothing" matches exactly the pods of its listed namespaces.
 */
final class TermMatches {

    private TermMatches() {
    }

    /** The pods on the node that {@code term} matches. */
    static int count(AffinityTerm term, NodeInfo nodeInfo) {
        int indexed = fromIndex(term, nodeInfo.podLabels());
        if (indexed != PodLabelIndex.UNKNOWN) {
            return indexed;
        }
        int count = 0;
        for (PodInfo existing : nodeInfo.pods()) {
            if (term.matches(existing.pod(), Map.of())) {
                count++;
            }
        }
        return count;
    }

    /** The pods on the node that every one of {@code terms} matches; 0 for no terms. */
    static int countMatchingAll(List<AffinityTerm> terms, NodeInfo nodeInfo) {
        if (terms.isEmpty()) {
            return 0;
        }
        if (terms.size() == 1) {
            return count(terms.get(0), nodeInfo);
        }
        for (AffinityTerm term : terms) {
            if (fromIndex(term, nodeInfo.podLabels()) == 0) {
                return 0;
            }
        }
        int count = 0;
        for (PodInfo existing : nodeInfo.pods()) {
            if (TopologyCounts.matchesAll(terms, existing.pod())) {
                count++;
            }
        }
        return count;
    }

    private static int fromIndex(AffinityTerm term, PodLabelIndex index) {
        if (!term.namespaceSelector().isNothing()) {
            return PodLabelIndex.UNKNOWN;
        }
        int sum = 0;
        for (String namespace : term.namespaces()) {
            int count = index.countMatching(namespace, term.selector());
            if (count == PodLabelIndex.UNKNOWN) {
                return PodLabelIndex.UNKNOWN;
            }
            sum += count;
        }
        return sum;
    }
}
