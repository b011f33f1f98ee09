package dev.berth.store.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The member's rule that a command applies at most once: only if its request id is above the last one applied for
 * its proposer. A forwarded proposal delivered twice, or one its client gave up on and that lands after a newer
 * one, is skipped. The watermarks are part of the replicated state, carried by snapshots.
 */
final class AtMostOnce {

    private final Map<Long, Long> lastApplied = new HashMap<>();

    /** Starts from the watermarks a snapshot carried. */
    void replaceWith(Map<Long, Long> watermarks) {
        lastApplied.clear();
        lastApplied.putAll(watermarks);
    }

    /** The watermarks, for a snapshot. */
    Map<Long, Long> watermarks() {
        return Map.copyOf(lastApplied);
    }

    /** Whether request {@code requestId} of {@code proposer} is new; if it is, it becomes the proposer's watermark. */
    boolean admit(long proposer, long requestId) {
        if (requestId <= lastApplied.getOrDefault(proposer, 0L)) {
            return false;
        }
        lastApplied.put(proposer, requestId);
        return true;
    }
}
