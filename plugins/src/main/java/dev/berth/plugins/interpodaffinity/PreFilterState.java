package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * What PreFilter computes for Filter (upstream's {@code preFilterState}): per topology domain, how many
 * existing pods' required anti-affinity terms match the incoming pod, and how many existing pods match
 * the incoming pod's required affinity and anti-affinity terms. The incoming pod's terms are kept with
 * their namespace selectors resolved into namespace names.
 */
final class PreFilterState implements CycleState.StateData {

    final Pod pod;
    final List<AffinityTerm> affinityTerms;
    final List<AffinityTerm> antiAffinityTerms;
    /** The labels of the incoming pod's namespace, matched against existing pods' namespace selectors. */
    final Map<String, String> namespaceLabels;
    final TopologyCounts existingAntiAffinityCounts;
    final TopologyCounts affinityCounts;
    final TopologyCounts antiAffinityCounts;

    PreFilterState(Pod pod, List<AffinityTerm> affinityTerms, List<AffinityTerm> antiAffinityTerms, Map<String, String> namespaceLabels,
            TopologyCounts existingAntiAffinityCounts, TopologyCounts affinityCounts, TopologyCounts antiAffinityCounts) {
        this.pod = pod;
        this.affinityTerms = affinityTerms;
        this.antiAffinityTerms = antiAffinityTerms;
        this.namespaceLabels = namespaceLabels;
        this.existingAntiAffinityCounts = existingAntiAffinityCounts;
        this.affinityCounts = affinityCounts;
        this.antiAffinityCounts = antiAffinityCounts;
    }

    @Override
    public PreFilterState copy() {
        return new PreFilterState(pod, affinityTerms, antiAffinityTerms, namespaceLabels,
                existingAntiAffinityCounts.copy(), affinityCounts.copy(), antiAffinityCounts.copy());
    }

    /** Counts {@code other} on {@code node} in ({@code multiplier} 1) or out (-1). */
    void updateWithPod(PodInfo other, Node node, long multiplier) {
        existingAntiAffinityCounts.updateWithAntiAffinityTerms(other.requiredAntiAffinityTerms(), pod, namespaceLabels, node, multiplier);
        affinityCounts.updateWithAffinityTerms(affinityTerms, other.pod(), node, multiplier);
        antiAffinityCounts.updateWithAntiAffinityTerms(antiAffinityTerms, other.pod(), Map.of(), node, multiplier);
    }

    /** No existing pod in any of the node's domains has a required anti-affinity term matching the incoming pod. */
    boolean satisfiesExistingPodsAntiAffinity(Node node) {
        if (existingAntiAffinityCounts.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> label : TopologyCounts.labels(node).entrySet()) {
            if (existingAntiAffinityCounts.get(new TopologyPair(label.getKey(), label.getValue())) > 0) {
                return false;
            }
        }
        return true;
    }

    /** No pod matching one of the incoming pod's anti-affinity terms runs in that term's domain of the node. */
    boolean satisfiesPodAntiAffinity(Node node) {
        if (antiAffinityCounts.isEmpty()) {
            return true;
        }
        Map<String, String> labels = TopologyCounts.labels(node);
        for (AffinityTerm term : antiAffinityTerms) {
            String value = labels.get(term.topologyKey());
            if (value != null && antiAffinityCounts.get(new TopologyPair(term.topologyKey(), value)) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The node has every affinity term's topology key and a matching pod in each of those domains; or no
     * pod anywhere matches and the incoming pod matches its own terms, so it may start the group.
     */
    boolean satisfiesPodAffinity(Node node) {
        Map<String, String> labels = TopologyCounts.labels(node);
        boolean podsExist = true;
        for (AffinityTerm term : affinityTerms) {
            String value = labels.get(term.topologyKey());
            if (value == null) {
                return false;
            }
            if (affinityCounts.get(new TopologyPair(term.topologyKey(), value)) <= 0) {
                podsExist = false;
            }
        }
        return podsExist || (affinityCounts.isEmpty() && TopologyCounts.matchesAll(affinityTerms, pod));
    }
}
