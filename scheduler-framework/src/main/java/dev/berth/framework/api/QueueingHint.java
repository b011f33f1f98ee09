package dev.berth.framework.api;

/** A plugin's verdict on whether a cluster event may make a rejected pod schedulable. */
public enum QueueingHint {
    /** The event may help: move the pod back to the active (or backoff) queue. */
    QUEUE,
    /** The event does not help this pod: leave it where it is. */
    QUEUE_SKIP
}
