package dev.berth.framework.queue;

import dev.berth.framework.api.QueuedPodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import java.util.Comparator;

/** Pods and orders for queue tests. */
final class TestPods {

    /** PrioritySort: higher spec.priority first, then the older timestamp. */
    static final Comparator<QueuedPodInfo> BY_PRIORITY =
            Comparator.comparingInt((QueuedPodInfo p) -> priority(p.pod())).reversed().thenComparing(QueuedPodInfo::timestamp);

    /** First in, first out. */
    static final Comparator<QueuedPodInfo> FIFO = Comparator.comparing(QueuedPodInfo::timestamp);

    private TestPods() {
    }

    static PodBuilder builder(String name) {
        return new PodBuilder()
                .withNewMetadata().withNamespace("ns").withName(name).withUid("uid-" + name).endMetadata()
                .withNewSpec().endSpec();
    }

    static Pod pod(String name) {
        return builder(name).build();
    }

    static Pod pod(String name, int priority) {
        return builder(name).editSpec().withPriority(priority).endSpec().build();
    }

    static Pod withLabel(Pod pod, String key, String value) {
        return new PodBuilder(pod).editMetadata().addToLabels(key, value).endMetadata().build();
    }

    static Pod withNominatedNode(Pod pod, String node) {
        return new PodBuilder(pod).editOrNewStatus().withNominatedNodeName(node).endStatus().build();
    }

    static Pod withStatusMessage(Pod pod, String message) {
        return new PodBuilder(pod).editOrNewStatus().withMessage(message).endStatus().build();
    }

    static Pod withSchedulingGate(Pod pod, String gate) {
        return new PodBuilder(pod).editSpec().addToSchedulingGates(new PodSchedulingGate(gate)).endSpec().build();
    }

    static Pod withoutSchedulingGates(Pod pod) {
        return new PodBuilder(pod).editSpec().withSchedulingGates().endSpec().build();
    }

    private static int priority(Pod pod) {
        Integer priority = pod.getSpec().getPriority();
        return priority == null ? 0 : priority;
    }
}
