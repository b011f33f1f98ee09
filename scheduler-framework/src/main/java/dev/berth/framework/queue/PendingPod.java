package dev.berth.framework.queue;

import java.time.Instant;
import java.util.Set;

/**
 * A snapshot of one pending pod, for {@code /debug/queue}.
 *
 * @param queue {@code "active"}, {@code "backoff"}, {@code "unschedulable"} or {@code "gated"}
 * @param gatingPlugin the PreEnqueue plugin that gates the pod, or {@code null}
 */
public record PendingPod(String namespace, String name, String queue, int attempts,
        Set<String> unschedulablePlugins, String gatingPlugin, Instant timestamp) {

    public PendingPod {
        unschedulablePlugins = Set.copyOf(unschedulablePlugins);
    }

    static PendingPod of(QueuedPod pod, String queue) {
        var meta = pod.pod().getMetadata();
        return new PendingPod(meta.getNamespace(), meta.getName(), queue, pod.attempts(),
                pod.unschedulablePlugins(), pod.gatingPlugin(), pod.timestamp());
    }
}
