package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.Selector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The selector that default spread constraints use for a pod (upstream's
 * {@code helper.DefaultSelector}): the selectors of the Services in the pod's namespace that select
 * it, merged with the selector of its controlling ReplicationController, ReplicaSet or StatefulSet.
 *
 * <p>Berth differences: a Service with an empty selector selects nothing (the fabric8 model cannot
 * tell an empty selector from a missing one; upstream ignores only a missing one). ReplicaSets and
 * StatefulSets are looked up as {@link GenericKubernetesResource}s of kind {@code apps/v1 ReplicaSet}
 * / {@code StatefulSet}, because the framework's model has no typed apps/v1 classes.
 */
final class DefaultSelector {

    private DefaultSelector() {
    }

    static Selector of(Pod pod, ClusterClient cluster) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> labelSet = new HashMap<>();
        for (Service service : cluster.list(Service.class)) {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            if (Objects.equals(namespace, service.getMetadata().getNamespace()) && selector != null && !selector.isEmpty()
                    && Selector.ofLabels(selector).matches(podLabels)) {
                labelSet.putAll(selector);
            }
        }
        Optional<OwnerReference> owner = controllerOf(pod);
        if (owner.isEmpty()) {
            return Selector.ofLabels(labelSet);
        }
        OwnerReference ref = owner.get();
        String gvk = ref.getApiVersion() + "/" + ref.getKind();
        switch (gvk) {
            case "v1/ReplicationController" -> {
                cluster.get(ReplicationController.class, namespace, ref.getName())
                        .filter(rc -> Objects.equals(namespace, rc.getMetadata().getNamespace()))
                        .map(rc -> rc.getSpec() == null ? null : rc.getSpec().getSelector())
                        .ifPresent(labelSet::putAll);
                return Selector.ofLabels(labelSet);
            }
            case "apps/v1/ReplicaSet", "apps/v1/StatefulSet" -> {
                Selector selector = Selector.ofLabels(labelSet);
                Optional<LabelSelector> ownerSelector = appsSelector(cluster, ref.getKind(), namespace, ref.getName());
                if (ownerSelector.isPresent()) {
                    try {
                        Selector other = Selector.of(ownerSelector.get());
                        if (!other.isNothing()) {
                            for (Selector.Requirement r : other.requirements()) {
                                selector = selector.and(r);
                            }
                        }
                    } catch (IllegalArgumentException e) {
                        // An invalid controller selector adds nothing, as upstream ignores the conversion error.
                    }
                }
                return selector;
            }
            default -> {
                return Selector.ofLabels(labelSet);
            }
        }
    }

    private static Optional<OwnerReference> controllerOf(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs != null) {
            for (OwnerReference ref : refs) {
                if (Boolean.TRUE.equals(ref.getController())) {
                    return Optional.of(ref);
                }
            }
        }
        return Optional.empty();
    }

    /** The spec.selector of the apps/v1 object of {@code kind}; empty if the object or its selector is missing. */
    private static Optional<LabelSelector> appsSelector(ClusterClient cluster, String kind, String namespace, String name) {
        for (GenericKubernetesResource r : cluster.list(GenericKubernetesResource.class)) {
            if ("apps/v1".equals(r.getApiVersion()) && kind.equals(r.getKind())
                    && Objects.equals(namespace, r.getMetadata().getNamespace()) && name.equals(r.getMetadata().getName())) {
                Object spec = r.getAdditionalProperties().get("spec");
                Object selector = spec instanceof Map<?, ?> m ? m.get("selector") : null;
                return selector instanceof Map<?, ?> s ? Optional.of(toLabelSelector(s)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static LabelSelector toLabelSelector(Map<?, ?> raw) {
        LabelSelector selector = new LabelSelector();
        if (raw.get("matchLabels") instanceof Map<?, ?> labels) {
            Map<String, String> matchLabels = new HashMap<>();
            labels.forEach((k, v) -> matchLabels.put(String.valueOf(k), String.valueOf(v)));
            selector.setMatchLabels(matchLabels);
        }
        if (raw.get("matchExpressions") instanceof List<?> exprs) {
            List<LabelSelectorRequirement> reqs = new ArrayList<>();
            for (Object e : exprs) {
                if (e instanceof Map<?, ?> expr) {
                    List<String> values = new ArrayList<>();
                    if (expr.get("values") instanceof List<?> vs) {
                        vs.forEach(v -> values.add(String.valueOf(v)));
                    }
                    reqs.add(new LabelSelectorRequirement((String) expr.get("key"), (String) expr.get("operator"), values));
                }
            }
            selector.setMatchExpressions(reqs);
        }
        return selector;
    }
}
