package dev.berth.framework.queue;

/**
 * How many pods wait in each part of the queue (upstream's {@code scheduler_pending_pods} gauge).
 *
 * @param active pods ready to be popped
 * @param backoff pods waiting out their backoff
 * @param unschedulable pods waiting for a cluster event that may help them (gated pods excluded)
 * @param gated pods a PreEnqueue plugin keeps out of the active queue
 */
public record PendingCounts(int active, int backoff, int unschedulable, int gated) {

    /** All pending pods (pods in flight are not pending). */
    public int total() {
        return active + backoff + unschedulable + gated;
    }
}
