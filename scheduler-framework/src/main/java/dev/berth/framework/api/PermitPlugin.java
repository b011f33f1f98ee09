package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The last gate before binding (upstream's Permit). Return success to let the pod bind, a rejection
 * to send it back to the queue, or {@link PermitResult#waitFor} to hold it until another plugin calls
 * {@link WaitingPod#allow} / {@link WaitingPod#reject} through {@link Handle#waitingPods()}, or the
 * timeout rejects it. Waiting does not block the scheduling loop.
 */
public interface PermitPlugin extends Plugin {

    PermitResult permit(CycleState state, Pod pod, String nodeName);
}
