package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * A pod's priority as the scheduler sees it (upstream's {@code corev1helpers.PodPriority}): {@code spec.priority},
 * which admission fills from the priority class; 0 if unset.
 */
public final class PodPriority {

    private PodPriority() {
    }

    public static int of(Pod pod) {
        Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }
}
