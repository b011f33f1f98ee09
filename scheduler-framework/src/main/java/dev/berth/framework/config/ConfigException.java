package dev.berth.framework.config;

/**
 * The configuration is unreadable or invalid. The message is {@code <field>: <reason>}, e.g.
 * {@code profiles[0].plugins.score.enabled[1]: unknown plugin "Foo"}; when the problem is the
 * configuration as a whole ({@link #field()} is empty) it is just the reason.
 */
public class ConfigException extends RuntimeException {

    private final String field;

    public ConfigException(String field, String reason) {
        super(format(field, reason));
        this.field = field;
    }

    public ConfigException(String field, String reason, Throwable cause) {
        super(format(field, reason), cause);
        this.field = field;
    }

    private static String format(String field, String reason) {
        return field.isEmpty() ? reason : field + ": " + reason;
    }

    /** The path of the offending field, e.g. {@code leaderElection.leaseDuration}, or {@code ""}. */
    public String field() {
        return field;
    }
}
