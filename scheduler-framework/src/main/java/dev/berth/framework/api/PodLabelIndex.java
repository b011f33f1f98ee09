package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a node's pods carry each label, per namespace, and how many are terminating: "how many pods
 * on this node does this selector match" becomes a few map lookups instead of reading the labels of every
 * pod. Built by {@link NodeInfo#podLabels()} on first use after a change and immutable, so workloads whose
 * plugins never ask pay nothing, and snapshot copies share it.
 */
public final class PodLabelIndex {

    /** What {@link #countMatching} returns when the index alone cannot tell. */
    public static final int UNKNOWN = -1;

    /** namespace → pods in it. */
    private final Map<String, Integer> podsByNamespace = new HashMap<>();
    /** namespace → label key → label value → pods with that label. */
    private final Map<String, Map<String, Map<String, Integer>>> labelCounts = new HashMap<>();
    private final int terminating;

    private PodLabelIndex(List<PodInfo> pods) {
        int terminatingPods = 0;
        for (PodInfo podInfo : pods) {
            Pod pod = podInfo.pod();
            String namespace = pod.getMetadata().getNamespace();
            podsByNamespace.merge(namespace, 1, Integer::sum);
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                terminatingPods++;
            }
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && !labels.isEmpty()) {
                Map<String, Map<String, Integer>> byKey = labelCounts.computeIfAbsent(namespace, ns -> new HashMap<>());
                labels.forEach((key, value) -> byKey.computeIfAbsent(key, k -> new HashMap<>()).merge(value, 1, Integer::sum));
            }
        }
        this.terminating = terminatingPods;
    }

    /** The index of {@code pods}. */
    static PodLabelIndex of(List<PodInfo> pods) {
        return new PodLabelIndex(pods);
    }

    /** Pods in {@code namespace}. */
    public int pods(String namespace) {
        return podsByNamespace.getOrDefault(namespace, 0);
    }

    /** Pods in {@code namespace} labelled {@code key=value}. */
    public int count(String namespace, String key, String value) {
        Map<String, Map<String, Integer>> byKey = labelCounts.get(namespace);
        Map<String, Integer> byValue = byKey == null ? null : byKey.get(key);
        Integer count = byValue == null ? null : byValue.get(value);
        return count == null ? 0 : count;
    }

    /** Pods with a deletion timestamp, in any namespace. */
    public int terminating() {
        return terminating;
    }

    /**
     * The pods in {@code namespace} that {@code selector} matches, terminating ones included, or
     * {@link #UNKNOWN}. Exact for "nothing", "everything", a single {@code In} or {@code Exists}
     * requirement (a pod has one value per key, so the counts of its values add up), and any selector
     * with such a requirement no pod satisfies (0); other selectors need the pods' labels.
     */
    public int countMatching(String namespace, Selector selector) {
        if (selector.isNothing()) {
            return 0;
        }
        if (selector.isEverything()) {
            return pods(namespace);
        }
        Map<String, Map<String, Integer>> byKey = labelCounts.getOrDefault(namespace, Map.of());
        int satisfying = UNKNOWN;
        for (Selector.Requirement requirement : selector.requirements()) {
            satisfying = satisfying(byKey.get(requirement.key()), requirement);
            if (satisfying == 0) {
                return 0;
            }
        }
        return selector.requirements().size() == 1 ? satisfying : UNKNOWN;
    }

    /** The pods satisfying {@code requirement}, given the counts of its key's values; UNKNOWN for other operators. */
    private static int satisfying(Map<String, Integer> byValue, Selector.Requirement requirement) {
        Selector.Operator operator = requirement.operator();
        if (operator != Selector.Operator.IN && operator != Selector.Operator.EXISTS) {
            return UNKNOWN;
        }
        if (byValue == null) {
            return 0;
        }
        int sum = 0;
        if (operator == Selector.Operator.EXISTS) {
            for (int count : byValue.values()) {
                sum += count;
            }
            return sum;
        }
        for (String value : requirement.values()) {
            Integer count = byValue.get(value);
            if (count != null) {
                sum += count;
            }
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodLabelIndex other && other.terminating == terminating
                && other.podsByNamespace.equals(podsByNamespace) && other.labelCounts.equals(labelCounts);
    }

    @Override
    public int hashCode() {
        return 31 * podsByNamespace.hashCode() + labelCounts.hashCode();
    }

    @Override
    public String toString() {
        return "PodLabelIndex{pods=" + podsByNamespace + ", labels=" + labelCounts + ", terminating=" + terminating + "}";
    }
}
