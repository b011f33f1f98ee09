package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.Map;

/**
 * How many of a node's pods carry each label, per namespace, and how many are terminating. Kept up to
 * date by {@link NodeInfo} as pods come and go, so "how many pods on this node does this selector match"
 * is a few map lookups instead of reading the labels of every pod: PodTopologySpread and InterPodAffinity
 * ask it for every node of every attempt, and walking the pods' object graphs was most of their cost.
 *
 * <p>Copies share their maps until one side changes (copy-on-write): snapshots and preemption copy many
 * NodeInfos and change few. Plugins only read it.
 */
public final class PodLabelIndex {

    /** What {@link #countMatching} returns when the index alone cannot tell. */
    public static final int UNKNOWN = -1;

    /** namespace → pods in it. */
    private Map<String, Integer> podsByNamespace;
    /** namespace → label key → label value → pods with that label. */
    private Map<String, Map<String, Map<String, Integer>>> labelCounts;
    private int terminating;
    /** True while another index shares the maps: the next change copies them first. */
    private boolean shared;

    PodLabelIndex() {
        this.podsByNamespace = new HashMap<>();
        this.labelCounts = new HashMap<>();
    }

    private PodLabelIndex(PodLabelIndex other) {
        this.podsByNamespace = other.podsByNamespace;
        this.labelCounts = other.labelCounts;
        this.terminating = other.terminating;
        this.shared = true;
    }

    /** An index equal to this one; both copy their maps before their next change. */
    PodLabelIndex copy() {
        shared = true;
        return new PodLabelIndex(this);
    }

    /** Counts {@code pod} in ({@code sign} 1) or out (-1). */
    void update(Pod pod, int sign) {
        if (shared) {
            unshare();
        }
        String namespace = pod.getMetadata().getNamespace();
        podsByNamespace.merge(namespace, sign, PodLabelIndex::sumOrNull);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            terminating += sign;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null || labels.isEmpty()) {
            return;
        }
        Map<String, Map<String, Integer>> byKey = labelCounts.computeIfAbsent(namespace, ns -> new HashMap<>());
        labels.forEach((key, value) -> {
            Map<String, Integer> byValue = byKey.computeIfAbsent(key, k -> new HashMap<>());
            byValue.merge(value, sign, PodLabelIndex::sumOrNull);
            if (byValue.isEmpty()) {
                byKey.remove(key);
            }
        });
        if (byKey.isEmpty()) {
            labelCounts.remove(namespace);
        }
    }

    /** Zero counts are dropped, so indexes over the same pods are equal whatever the order of changes. */
    private static Integer sumOrNull(Integer a, Integer b) {
        int sum = a + b;
        return sum == 0 ? null : sum;
    }

    private void unshare() {
        podsByNamespace = new HashMap<>(podsByNamespace);
        Map<String, Map<String, Map<String, Integer>>> copied = new HashMap<>(labelCounts.size() * 4 / 3 + 1);
        labelCounts.forEach((namespace, byKey) -> {
            Map<String, Map<String, Integer>> keys = new HashMap<>(byKey.size() * 4 / 3 + 1);
            byKey.forEach((key, byValue) -> keys.put(key, new HashMap<>(byValue)));
            copied.put(namespace, keys);
        });
        labelCounts = copied;
        shared = false;
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
