package dev.berth.framework.api;

/**
 * Orders the active queue (upstream's QueueSort). Exactly one per profile, and every profile in
 * one scheduler must use the same one, because they share the queue.
 */
public interface QueueSortPlugin extends Plugin {

    /** True if {@code a} should be scheduled before {@code b}. Must be a strict weak ordering. */
    boolean less(QueuedPodInfo a, QueuedPodInfo b);
}
