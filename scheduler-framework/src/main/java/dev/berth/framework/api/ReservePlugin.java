package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Claims resources for a pod once a node is chosen, before binding (upstream's Reserve).
 * {@link #unreserve} must undo {@link #reserve} and is called, in reverse plugin order, whenever a
 * later step fails — also for plugins whose reserve never ran, so it must be idempotent.
 */
public interface ReservePlugin extends Plugin {

    Status reserve(CycleState state, Pod pod, String nodeName);

    void unreserve(CycleState state, Pod pod, String nodeName);
}
