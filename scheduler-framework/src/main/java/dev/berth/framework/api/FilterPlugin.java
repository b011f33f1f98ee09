package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Decides whether the pod can run on one node (upstream's Filter, the old predicates). Called in
 * parallel for many nodes: be thread-safe, allocation-light, and never do I/O here. A node's
 * filtering stops at the first plugin that does not return success.
 */
public interface FilterPlugin extends Plugin {

    Status filter(CycleState state, Pod pod, NodeInfo nodeInfo);
}
