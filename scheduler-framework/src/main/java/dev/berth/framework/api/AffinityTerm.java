package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod (anti-)affinity term compiled for matching (upstream's {@code framework.AffinityTerm}):
 * the namespaces it names (the owning pod's own when it names none and has no namespace selector),
 * its label selector with {@code matchLabelKeys}/{@code mismatchLabelKeys} folded in, and its topology key.
 */
public record AffinityTerm(Set<String> namespaces, Selector selector, String topologyKey, Selector namespaceSelector) {

    public AffinityTerm {
        namespaces = Set.copyOf(namespaces);
    }

    /** Compiles {@code term} as it appears in {@code owner}'s spec. */
    public static AffinityTerm of(Pod owner, PodAffinityTerm term) {
        Set<String> namespaces = new HashSet<>();
        List<String> named = term.getNamespaces() == null ? List.of() : term.getNamespaces();
        if (named.isEmpty() && term.getNamespaceSelector() == null) {
            namespaces.add(owner.getMetadata().getNamespace());
        } else {
            namespaces.addAll(named);
        }
        Selector selector = Selector.of(term.getLabelSelector());
        Map<String, String> ownerLabels = owner.getMetadata().getLabels() == null ? Map.of() : owner.getMetadata().getLabels();
        if (term.getLabelSelector() != null) {
            for (String key : nullSafe(term.getMatchLabelKeys())) {
                if (ownerLabels.containsKey(key)) {
                    selector = selector.and(new Selector.Requirement(key, Selector.Operator.IN, Set.of(ownerLabels.get(key))));
                }
            }
            for (String key : nullSafe(term.getMismatchLabelKeys())) {
                if (ownerLabels.containsKey(key)) {
                    selector = selector.and(new Selector.Requirement(key, Selector.Operator.NOT_IN, Set.of(ownerLabels.get(key))));
                }
            }
        }
        return new AffinityTerm(namespaces, selector, term.getTopologyKey(), Selector.of(term.getNamespaceSelector()));
    }

    private static List<String> nullSafe(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * True if {@code pod} is selected by this term: it lives in one of the term's namespaces (or in one
     * whose labels {@code namespaceLabels} match the namespace selector) and its labels match.
     */
    public boolean matches(Pod pod, Map<String, String> namespaceLabels) {
        String ns = pod.getMetadata().getNamespace();
        if (namespaces.contains(ns) || namespaceSelector.matches(namespaceLabels)) {
            return selector.matches(pod.getMetadata().getLabels());
        }
        return false;
    }
}
