package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs in the binding cycle, before Bind (upstream's PreBind), e.g. to bind volumes. May block:
 * binding cycles run off the scheduling loop. A failure unreserves the pod and requeues it.
 */
public interface PreBindPlugin extends Plugin {

    Status preBind(CycleState state, Pod pod, String nodeName);
}
