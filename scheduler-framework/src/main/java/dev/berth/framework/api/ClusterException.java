package dev.berth.framework.api;

/** A cluster request failed. {@link #reason()} tells conflicts and missing objects from other failures. */
public class ClusterException extends RuntimeException {

    /** Why a request failed, as far as the scheduler needs to know. */
    public enum Reason { CONFLICT, NOT_FOUND, UNAVAILABLE, OTHER }

    private final Reason reason;

    public ClusterException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ClusterException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
