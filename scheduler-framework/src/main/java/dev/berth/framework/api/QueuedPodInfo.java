package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Set;

/** A pod waiting in the scheduling queue, with its queueing history. */
public interface QueuedPodInfo {

    /** The pod and what the scheduler precomputed for it. */
    PodInfo podInfo();

    /** Shorthand for {@code podInfo().pod()}. */
    default Pod pod() {
        return podInfo().pod();
    }

    /** When the pod was last added to (or moved within) the queue. */
    Instant timestamp();

    /** When the pod was first popped for scheduling; {@link Instant#EPOCH} if never. */
    Instant initialAttemptTimestamp();

    /** How many scheduling attempts the pod has had. */
    int attempts();

    /** The plugins that rejected the pod in its last attempt. */
    Set<String> unschedulablePlugins();
}
