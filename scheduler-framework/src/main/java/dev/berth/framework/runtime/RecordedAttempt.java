package dev.berth.framework.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/**
 * One finished scheduling attempt of a pod, with what the cycle evaluated.
 *
 * @param pod the pod as the attempt saw it (with {@code spec.nodeName} set when it was bound)
 * @param profile the scheduler name whose profile ran
 * @param nodeName the node it was bound to, or {@code null}
 * @param nominatedNode the node PostFilter (preemption) nominated, or {@code null}
 * @param message why it was not scheduled; empty when it was
 * @param evaluation the cycle's filter and score results
 * @param finishedAt when the attempt ended
 */
public record RecordedAttempt(Pod pod, String profile, AttemptListener.Outcome outcome, String nodeName,
                              String nominatedNode, String message, CycleEvaluation evaluation, Instant finishedAt) {

    /** {@code namespace/name}. */
    public String key() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
