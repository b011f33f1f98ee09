package dev.berth.framework.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a Permit plugin returns: a status and, for {@link Status.Code#WAIT}, how long to wait at most.
 */
public record PermitResult(Status status, Duration timeout) {

    /** The longest wait the framework allows (upstream's maxTimeout, 15 minutes). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15);

    public PermitResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /** Let the pod proceed to binding. */
    public static PermitResult allow() {
        return new PermitResult(Status.SUCCESS, Duration.ZERO);
    }

    /** Reject the pod; it returns to the queue. */
    public static PermitResult reject(String reason) {
        return new PermitResult(Status.unschedulable(reason), Duration.ZERO);
    }

    /** Hold the pod for at most {@code timeout} (capped at {@link #MAX_TIMEOUT}). */
    public static PermitResult waitFor(Duration timeout) {
        return new PermitResult(Status.waiting(), timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout);
    }
}
