package dev.berth.framework.queue;

import dev.berth.framework.api.QueuedPodInfo;
import java.time.Duration;
import java.time.Instant;

/** The exponential per-pod backoff (upstream's {@code calculateBackoffDuration}). */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(QueueOptions options) {
        this.initial = options.podInitialBackoff();
        this.max = options.podMaxBackoff();
    }

    /**
     * {@code initial * 2^(attempts-1)}, capped at the maximum. A pod that was never tried owes no
     * penalty, so zero attempts means no backoff (as upstream since 1.29).
     */
    Duration duration(int attempts) {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        Duration duration = initial;
        for (int i = 1; i < attempts; i++) {
            // Compare before doubling so a large attempt count cannot overflow.
            if (duration.compareTo(max.minus(duration)) > 0) {
                return max;
            }
            duration = duration.plus(duration);
        }
        return duration;
    }

    /** When {@code pod}'s backoff ends: its timestamp (the last failure) plus its backoff. */
    Instant expiry(QueuedPodInfo pod) {
        return pod.timestamp().plus(duration(pod.attempts()));
    }
}
