package dev.berth.framework.api;

/**
 * A plugin's args failed validation. {@code field} is the path inside the args
 * (e.g. {@code scoringStrategy.resources[0].weight}); the scheduler prefixes where the args came from.
 */
public class InvalidArgsException extends RuntimeException {

    private final String field;

    public InvalidArgsException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidArgsException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The offending field inside the args, or {@code ""} for the args as a whole. */
    public String field() {
        return field;
    }
}
