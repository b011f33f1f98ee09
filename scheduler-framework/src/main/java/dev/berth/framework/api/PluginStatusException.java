package dev.berth.framework.api;

/**
 * Thrown by extension points that return a value rather than a {@link Status} (such as
 * {@link ScorePlugin#score}) to report a non-success status. Any other exception becomes an
 * {@link Status.Code#ERROR} status.
 */
public class PluginStatusException extends RuntimeException {

    private final transient Status status;

    public PluginStatusException(Status status) {
        super(status.message(), status.cause(), false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
