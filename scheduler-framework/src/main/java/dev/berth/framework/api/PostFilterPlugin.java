package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs when no node passed Filter (upstream's PostFilter), typically to preempt lower-priority
 * pods. Plugins run in order until one returns success, which ends the pass.
 */
public interface PostFilterPlugin extends Plugin {

    /**
     * @param filteredNodeStatus why each node was rejected
     */
    PostFilterResult postFilter(CycleState state, Pod pod, NodeToStatus filteredNodeStatus);
}
