package dev.berth.framework.queue;

import java.time.Duration;

/**
 * Timing of the scheduling queue (upstream's {@code podInitialBackoffSeconds},
 * {@code podMaxBackoffSeconds} and {@code podMaxInUnschedulablePodsDuration}).
 *
 * @param podInitialBackoff the backoff after the first failed attempt
 * @param podMaxBackoff the cap of the doubling backoff
 * @param podMaxInUnschedulablePodsDuration how long a rejected pod may wait for a helpful event
 *     before it is retried anyway
 */
public record QueueOptions(Duration podInitialBackoff, Duration podMaxBackoff, Duration podMaxInUnschedulablePodsDuration) {

    /**
     * @throws IllegalArgumentException if a duration is missing or not positive, or
     *     {@code podMaxBackoff < podInitialBackoff}
     */
    public QueueOptions {
        requirePositive(podInitialBackoff, "podInitialBackoff");
        requirePositive(podMaxBackoff, "podMaxBackoff");
        requirePositive(podMaxInUnschedulablePodsDuration, "podMaxInUnschedulablePodsDuration");
        if (podMaxBackoff.compareTo(podInitialBackoff) < 0) {
            throw new IllegalArgumentException("podMaxBackoff (" + podMaxBackoff
                    + ") must not be less than podInitialBackoff (" + podInitialBackoff + ")");
        }
    }

    /** Upstream's defaults: 1s initial backoff, 10s max backoff, 5 minutes in the unschedulable pool. */
    public static QueueOptions defaults() {
        return new QueueOptions(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    private static void requirePositive(Duration value, String field) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
