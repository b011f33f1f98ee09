package dev.berth.plugins.coscheduling;

import dev.berth.framework.api.InvalidArgsException;
import java.time.Duration;

/**
 * The args of {@link Coscheduling} (scheduler-plugins' {@code CoschedulingArgs}).
 *
 * @param permitWaitingTimeSeconds how long a placed pod waits at Permit for its group when the group
 *        sets no {@code scheduleTimeoutSeconds}; default 60
 * @param podGroupBackoffSeconds how long a group whose member failed PostFilter is turned away at
 *        PreFilter; 0 (the default) turns the backoff off
 */
public record CoschedulingArgs(Long permitWaitingTimeSeconds, Long podGroupBackoffSeconds) {

    /** Upstream's default of {@code permitWaitingTimeSeconds}. */
    public static final long DEFAULT_PERMIT_WAITING_TIME_SECONDS = 60;
    /** Upstream's default of {@code podGroupBackoffSeconds}. */
    public static final long DEFAULT_POD_GROUP_BACKOFF_SECONDS = 0;

    public CoschedulingArgs {
        if (permitWaitingTimeSeconds == null) {
            permitWaitingTimeSeconds = DEFAULT_PERMIT_WAITING_TIME_SECONDS;
        }
        if (podGroupBackoffSeconds == null) {
            podGroupBackoffSeconds = DEFAULT_POD_GROUP_BACKOFF_SECONDS;
        }
    }

    /** The defaults: 60 seconds at Permit, no backoff. */
    public static CoschedulingArgs defaults() {
        return new CoschedulingArgs(null, null);
    }

    /**
     * Upstream's {@code ValidateCoschedulingArgs}.
     *
     * @throws InvalidArgsException naming the first invalid field, with upstream's field error text
     */
    public void validate() {
        if (permitWaitingTimeSeconds < 0) {
            throw invalid("permitWaitingTimeSeconds", permitWaitingTimeSeconds);
        }
        if (podGroupBackoffSeconds < 0) {
            throw invalid("podGroupBackoffSeconds", podGroupBackoffSeconds);
        }
    }

    // Upstream says "must be greater than 0" although 0 is accepted; the wording is kept so its docs apply.
    private static InvalidArgsException invalid(String field, long value) {
        return new InvalidArgsException(field, "Invalid value: " + value + ": must be greater than 0");
    }

    Duration permitWaitingTime() {
        return Duration.ofSeconds(permitWaitingTimeSeconds);
    }

    Duration podGroupBackoff() {
        return Duration.ofSeconds(podGroupBackoffSeconds);
    }
}
