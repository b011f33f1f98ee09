package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/** Informational, after a successful bind (upstream's PostBind), e.g. to clean up. */
public interface PostBindPlugin extends Plugin {

    void postBind(CycleState state, Pod pod, String nodeName);
}
