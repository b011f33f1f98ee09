package dev.berth.framework.simulate;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to one pod.
 *
 * @param pod the pod as {@code namespace/name}
 * @param status how it ended
 * @param node the node it was bound to, or {@code null}
 * @param filter per node (sorted by name), each Filter plugin that ran, in run order: {@code "passed"} or its
 *     reasons; nodes a PreFilter result ruled out are not filtered and not listed (the message counts them)
 * @param score per feasible node (sorted by name), each Score plugin's score after NormalizeScore and before its weight
 * @param finalScore per feasible node (sorted by name), the weighted sum of its scores
 * @param nominatedNode the node PostFilter nominated (preemption), or {@code null}
 * @param victims the pods preemption evicted for this one, as {@code namespace/name}, in eviction order
 * @param message why the pod was not scheduled; empty when it was
 */
public record PodResult(String pod, Outcome status, String node, Map<String, Map<String, String>> filter,
                        Map<String, Map<String, Long>> score, Map<String, Long> finalScore, String nominatedNode,
                        List<String> victims, String message) {

    /** The verdict recorded for a Filter plugin that let the node through. */
    public static final String PASSED = "passed";

    public PodResult {
        filter = Collections.unmodifiableSortedMap(new TreeMap<>(filter));
        score = Collections.unmodifiableSortedMap(new TreeMap<>(score));
        finalScore = Collections.unmodifiableSortedMap(new TreeMap<>(finalScore));
        victims = List.copyOf(victims);
    }

    /** A pod that could not be simulated at all. */
    static PodResult error(String pod, String message) {
        return new PodResult(pod, Outcome.ERROR, null, Map.of(), Map.of(), Map.of(), null, List.of(), message);
    }

    /** The same result with another message. */
    PodResult withMessage(String newMessage) {
        return new PodResult(pod, status, node, filter, score, finalScore, nominatedNode, victims, newMessage);
    }

    /** The same result (a retry's) with the preemption that preceded it. */
    PodResult withPreemption(String nominated, List<String> evicted) {
        return new PodResult(pod, status, node, filter, score, finalScore, nominated, evicted, message);
    }
}
