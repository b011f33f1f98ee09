package dev.berth.plugins.interpodaffinity;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders for the inter-pod affinity tests, in the shape of upstream's {@code st.MakePod().PodAffinityIn(...)}:
 * pods default to namespace {@code ""} like upstream's test pods, and nodes carry exactly the labels given.
 */
final class AffinityFixtures {

    private AffinityFixtures() {
    }

    /** The namespaces of upstream's scoring_test.go {@code namespaces}. */
    static List<Namespace> upstreamNamespaces() {
        return List.of(namespace("subteam1.team1", "team1"), namespace("subteam2.team1", "team1"),
                namespace("subteam1.team2", "team2"), namespace("subteam2.team2", "team2"));
    }

    static Namespace namespace(String name, String team) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(Map.of("team", team)).endMetadata().build();
    }

    static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(new LinkedHashMap<>(labels)).endMetadata().build();
    }

    static LabelSelectorRequirement req(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, values.length == 0 ? null : List.of(values));
    }

    static LabelSelector selector(LabelSelectorRequirement... requirements) {
        return new LabelSelectorBuilder().withMatchExpressions(requirements).build();
    }

    static PodAffinityTerm term(String topologyKey, LabelSelectorRequirement... requirements) {
        return new PodAffinityTermBuilder().withLabelSelector(selector(requirements)).withTopologyKey(topologyKey).build();
    }

    static PodAffinityTerm in(String key, String topologyKey, String... values) {
        return term(topologyKey, req(key, "In", values));
    }

    static PodAffinityTerm notIn(String key, String topologyKey, String... values) {
        return term(topologyKey, req(key, "NotIn", values));
    }

    static PodAffinityTerm exists(String key, String topologyKey) {
        return term(topologyKey, req(key, "Exists"));
    }

    /** {@code term} with a namespace selector {@code team In (team)} and, optionally, namespaces. */
    static PodAffinityTerm withTeamSelector(PodAffinityTerm term, String team, String... namespaces) {
        return new PodAffinityTermBuilder(term).withNamespaceSelector(selector(req("team", "In", team)))
                .withNamespaces(namespaces.length == 0 ? null : List.of(namespaces)).build();
    }

    static WeightedPodAffinityTerm weighted(int weight, PodAffinityTerm term) {
        return new WeightedPodAffinityTerm(term, weight);
    }

    static P pod() {
        return new P();
    }

    /** A pod under construction. */
    static final class P {
        private String name = "pod-" + UUID.randomUUID();
        private String namespace = "";
        private String nodeName;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<PodAffinityTerm> affinity = new ArrayList<>();
        private final List<PodAffinityTerm> antiAffinity = new ArrayList<>();
        private final List<WeightedPodAffinityTerm> preferredAffinity = new ArrayList<>();
        private final List<WeightedPodAffinityTerm> preferredAntiAffinity = new ArrayList<>();

        P name(String n) {
            this.name = n;
            return this;
        }

        P namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        P node(String n) {
            this.nodeName = n;
            return this;
        }

        P label(String k, String v) {
            labels.put(k, v);
            return this;
        }

        P labels(Map<String, String> l) {
            labels.putAll(l);
            return this;
        }

        P affinity(PodAffinityTerm... terms) {
            affinity.addAll(List.of(terms));
            return this;
        }

        P antiAffinity(PodAffinityTerm... terms) {
            antiAffinity.addAll(List.of(terms));
            return this;
        }

        P preferredAffinity(WeightedPodAffinityTerm... terms) {
            preferredAffinity.addAll(List.of(terms));
            return this;
        }

        P preferredAntiAffinity(WeightedPodAffinityTerm... terms) {
            preferredAntiAffinity.addAll(List.of(terms));
            return this;
        }

        Pod build() {
            AffinityBuilder a = new AffinityBuilder();
            if (!affinity.isEmpty() || !preferredAffinity.isEmpty()) {
                a.withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(affinity)
                        .withPreferredDuringSchedulingIgnoredDuringExecution(preferredAffinity).endPodAffinity();
            }
            if (!antiAffinity.isEmpty() || !preferredAntiAffinity.isEmpty()) {
                a.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(antiAffinity)
                        .withPreferredDuringSchedulingIgnoredDuringExecution(preferredAntiAffinity).endPodAntiAffinity();
            }
            return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(UUID.randomUUID().toString())
                    .withLabels(labels.isEmpty() ? null : new LinkedHashMap<>(labels)).endMetadata()
                    .withNewSpec().withNodeName(nodeName).withAffinity(a.build()).endSpec().build();
        }
    }
}
