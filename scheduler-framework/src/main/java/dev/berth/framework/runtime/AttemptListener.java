package dev.berth.framework.runtime;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Observes scheduling attempts: benchmarks measure with it, the debug endpoints explain with it.
 * Called on scheduler threads; must be quick and must not throw.
 */
public interface AttemptListener {

    /** The outcome of one attempt. */
    enum Outcome { SCHEDULED, UNSCHEDULABLE, ERROR }

    /**
     * An attempt ended: for {@code SCHEDULED} once the binding finished, otherwise when the pod went
     * back to the queue.
     *
     * @param nodeName the node it was bound to, or {@code null}
     * @param message the FitError or error message, or {@code ""}
     * @param nanos from the start of the scheduling cycle to the end of the attempt
     */
    void attemptFinished(Pod pod, Outcome outcome, String nodeName, String message, long nanos);

    AttemptListener NONE = (pod, outcome, nodeName, message, nanos) -> { };
}
