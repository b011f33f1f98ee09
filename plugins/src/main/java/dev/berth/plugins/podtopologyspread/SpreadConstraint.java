package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PodLabelIndex;
import dev.berth.framework.api.Selector;
import dev.berth.plugins.helper.RequiredNodeAffinity;
import dev.berth.plugins.helper.Taints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topology spread constraint with its selector compiled and its optional fields resolved
 * (upstream's internal {@code topologySpreadConstraint}).
 *
 * @param minDomains 1 when the pod leaves it unset
 * @param honorNodeAffinity nodeAffinityPolicy: Honor (the default) or Ignore
 * @param honorNodeTaints nodeTaintsPolicy: Honor or Ignore (the default)
 */
record SpreadConstraint(int maxSkew, String topologyKey, Selector selector, int minDomains,
                        boolean honorNodeAffinity, boolean honorNodeTaints) {

    static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    static final String SCHEDULE_ANYWAY = "ScheduleAnyway";
    private static final String HONOR = "Honor";
    private static final String IGNORE = "Ignore";

    SpreadConstraint withSelector(Selector newSelector) {
        return new SpreadConstraint(maxSkew, topologyKey, newSelector, minDomains, honorNodeAffinity, honorNodeTaints);
    }

    /**
     * Compiles the constraints whose {@code whenUnsatisfiable} equals {@code action}, merging the
     * {@code matchLabelKeys} values of the pod into their selectors (upstream's
     * {@code filterTopologySpreadConstraints}, with MatchLabelKeys and NodeInclusionPolicy enabled).
     *
     * @throws IllegalArgumentException if a label selector is invalid
     */
    static List<SpreadConstraint> compile(List<TopologySpreadConstraint> constraints, Map<String, String> podLabels, String action) {
        List<SpreadConstraint> out = new ArrayList<>();
        if (constraints == null) {
            return out;
        }
        for (TopologySpreadConstraint c : constraints) {
            if (!action.equals(c.getWhenUnsatisfiable())) {
                continue;
            }
            Selector selector = withMatchLabelKeys(Selector.of(c.getLabelSelector()), c.getMatchLabelKeys(), podLabels);
            out.add(new SpreadConstraint(
                    c.getMaxSkew() == null ? 0 : c.getMaxSkew(),
                    c.getTopologyKey(),
                    selector,
                    c.getMinDomains() == null ? 1 : c.getMinDomains(),
                    !IGNORE.equals(c.getNodeAffinityPolicy()),
                    HONOR.equals(c.getNodeTaintsPolicy())));
        }
        return out;
    }

    /** ANDs {@code key=podLabels[key]} for every matchLabelKey the pod carries; a nil selector stays "nothing". */
    private static Selector withMatchLabelKeys(Selector selector, List<String> matchLabelKeys, Map<String, String> podLabels) {
        if (matchLabelKeys == null || matchLabelKeys.isEmpty() || selector.isNothing()) {
            return selector;
        }
        Map<String, String> matchLabels = new LinkedHashMap<>();
        for (String key : matchLabelKeys) {
            String value = podLabels == null ? null : podLabels.get(key);
            if (value != null) {
                matchLabels.put(key, value);
            }
        }
        if (matchLabels.isEmpty()) {
            return selector;
        }
        Selector merged = Selector.ofLabels(matchLabels);
        for (Selector.Requirement r : selector.requirements()) {
            merged = merged.and(r);
        }
        return merged;
    }

    /**
     * Whether {@code node} counts as a domain for this constraint under its node inclusion policies:
     * with Honor, the node must satisfy the pod's required node affinity / tolerate the node's
     * NoSchedule and NoExecute taints.
     */
    boolean includesNode(Pod pod, Node node, RequiredNodeAffinity requiredAffinity) {
        if (honorNodeAffinity && !requiredAffinity.matches(node)) {
            return false;
        }
        if (honorNodeTaints) {
            var taints = node.getSpec() == null ? null : node.getSpec().getTaints();
            var tolerations = pod.getSpec() == null ? null : pod.getSpec().getTolerations();
            return Taints.findMatchingUntoleratedTaint(taints, tolerations, Taints::isNoScheduleOrNoExecute).isEmpty();
        }
        return true;
    }

    /** True if the node carries every constraint's topology key (upstream's nodeLabelsMatchSpreadConstraints). */
    static boolean nodeHasAllTopologyKeys(Map<String, String> nodeLabels, List<SpreadConstraint> constraints) {
        for (SpreadConstraint c : constraints) {
            if (!nodeLabels.containsKey(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /** True if any constraint's selector matches {@code labels}. */
    static boolean anySelectorMatches(List<SpreadConstraint> constraints, Map<String, String> labels) {
        for (SpreadConstraint c : constraints) {
            if (c.selector().matches(labels)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counts the pods on the node in {@code namespace} that {@code selector} matches, skipping terminating
     * pods (upstream's countPodsMatchSelector: an empty selector counts nothing). The node's label index
     * answers when it can and the node has no terminating pod; otherwise the pods are read one by one.
     */
    static int countMatchingPods(NodeInfo nodeInfo, Selector selector, String namespace) {
        if (selector.isEverything()) {
            return 0;
        }
        PodLabelIndex index = nodeInfo.podLabels();
        if (index.terminating() == 0) {
            int indexed = index.countMatching(namespace, selector);
            if (indexed != PodLabelIndex.UNKNOWN) {
                return indexed;
            }
        }
        int count = 0;
        for (PodInfo p : nodeInfo.pods()) {
            Pod pod = p.pod();
            if (pod.getMetadata().getDeletionTimestamp() != null || !Objects.equals(namespace, pod.getMetadata().getNamespace())) {
                continue;
            }
            if (selector.matches(pod.getMetadata().getLabels())) {
                count++;
            }
        }
        return count;
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
