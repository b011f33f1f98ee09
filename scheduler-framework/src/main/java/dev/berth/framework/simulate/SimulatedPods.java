package dev.berth.framework.simulate;

import io.fabric8.kubernetes.api.model.Pod;

/** How the simulator names pods. */
final class SimulatedPods {

    private SimulatedPods() {
    }

    /** {@code namespace/name}, the form of pods in the output. */
    static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
