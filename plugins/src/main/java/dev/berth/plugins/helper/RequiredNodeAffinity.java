package dev.berth.plugins.helper;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * A pod's hard node constraints: {@code spec.nodeSelector} and required node affinity together
 * (upstream's {@code nodeaffinity.RequiredNodeAffinity}). Compile once per pod, match per node.
 */
public final class RequiredNodeAffinity {

    private final Map<String, String> nodeSelector;
    private final NodeSelectorMatcher affinity;

    private RequiredNodeAffinity(Map<String, String> nodeSelector, NodeSelectorMatcher affinity) {
        this.nodeSelector = nodeSelector;
        this.affinity = affinity;
    }

    public static RequiredNodeAffinity of(Pod pod) {
        var spec = pod.getSpec();
        Map<String, String> selector = spec == null || spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        NodeSelectorMatcher matcher = null;
        if (spec != null && spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null
                && spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            matcher = NodeSelectorMatcher.of(spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
        }
        return new RequiredNodeAffinity(selector, matcher);
    }

    /** True if the node carries every nodeSelector label and, if the pod has required node affinity, matches it. */
    public boolean matches(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        for (var e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return affinity == null || affinity.matches(node);
    }
}
