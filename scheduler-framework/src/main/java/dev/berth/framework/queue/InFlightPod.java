package dev.berth.framework.queue;

import dev.berth.framework.api.PodInfo;

/**
 * What happened to a pod while the scheduler was trying it. The scheduler owns the popped
 * {@link QueuedPod} until it hands it back, so the queue notes updates here instead of touching it.
 */
final class InFlightPod {

    private PodInfo latest;
    private boolean deleted;
    private boolean worthRetrying;

    InFlightPod(PodInfo popped) {
        this.latest = popped;
    }

    /** The newest version of the pod the queue has seen. */
    PodInfo latest() {
        return latest;
    }

    void update(PodInfo newer) {
        this.latest = newer;
    }

    boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        this.deleted = true;
    }

    /** True if something that may make the pod schedulable happened during its attempt. */
    boolean worthRetrying() {
        return worthRetrying;
    }

    void markWorthRetrying() {
        this.worthRetrying = true;
    }
}
