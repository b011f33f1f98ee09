package dev.berth.plugins.interpodaffinity;

import dev.berth.framework.api.AffinityTerm;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.Selector;
import dev.berth.framework.api.WeightedAffinityTerm;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The namespaces as one PreFilter or PreScore sees them: listed at most once, and only if a term of the
 * incoming pod has a namespace selector to resolve. Not thread-safe; used before the parallel part.
 */
final class Namespaces {

    private final ClusterClient client;
    private List<Namespace> all;

    Namespaces(ClusterClient client) {
        this.client = client;
    }

    /** The labels of namespace {@code name}, or none if the scheduler does not know it (as upstream). */
    Map<String, String> labelsOf(String name) {
        return client.get(Namespace.class, null, name)
                .map(ns -> ns.getMetadata().getLabels())
                .map(Map::copyOf)
                .orElse(Map.of());
    }

    /**
     * The incoming pod's terms with each namespace selector turned into the names of the namespaces it
     * selects (upstream's {@code mergeAffinityTermNamespacesIfNotEmpty}). Afterwards a term's selector is
     * either "nothing" or "everything", so matching needs no namespace labels of the other pod.
     */
    List<AffinityTerm> resolve(List<AffinityTerm> terms) {
        if (terms.stream().allMatch(Namespaces::alreadyResolved)) {
            return terms;
        }
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (AffinityTerm term : terms) {
            out.add(resolve(term));
        }
        return List.copyOf(out);
    }

    List<WeightedAffinityTerm> resolveWeighted(List<WeightedAffinityTerm> terms) {
        if (terms.stream().allMatch(t -> alreadyResolved(t.term()))) {
            return terms;
        }
        List<WeightedAffinityTerm> out = new ArrayList<>(terms.size());
        for (WeightedAffinityTerm t : terms) {
            out.add(new WeightedAffinityTerm(resolve(t.term()), t.weight()));
        }
        return List.copyOf(out);
    }

    private static boolean alreadyResolved(AffinityTerm term) {
        return term.namespaceSelector().isEverything() || term.namespaceSelector().isNothing();
    }

    private AffinityTerm resolve(AffinityTerm term) {
        if (alreadyResolved(term)) {
            return term;
        }
        if (all == null) {
            all = client.list(Namespace.class);
        }
        Set<String> names = new HashSet<>(term.namespaces());
        for (Namespace ns : all) {
            if (term.namespaceSelector().matches(ns.getMetadata().getLabels())) {
                names.add(ns.getMetadata().getName());
            }
        }
        return new AffinityTerm(names, term.selector(), term.topologyKey(), Selector.nothing());
    }
}
