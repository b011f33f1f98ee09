package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Binds the pod to the node (upstream's Bind). Bind plugins run in order until one does not return
 * {@link Status#skip()}; that one's status is the binding's outcome. May block.
 */
public interface BindPlugin extends Plugin {

    Status bind(CycleState state, Pod pod, String nodeName);
}
