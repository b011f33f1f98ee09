package dev.berth.framework.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of running a plugin. Immutable; {@link #SUCCESS} is a shared singleton, so comparing
 * with {@code ==} or calling {@link #isSuccess()} are both fine.
 *
 * <p>Reasons use upstream's wording where one exists ("Insufficient cpu", "node(s) had untolerated
 * taint {k: v}") because users search for those strings.
 */
public final class Status {

    /** The status codes of the scheduling framework, as upstream defines them. */
    public enum Code {
        /** The plugin ran correctly and found the pod schedulable (or has nothing to say). */
        SUCCESS("Success"),
        /** An internal error: the plugin could not do its job. The pod is retried with backoff. */
        ERROR("Error"),
        /** The pod does not fit now, but preemption might make room. */
        UNSCHEDULABLE("Unschedulable"),
        /** The pod does not fit and preemption would not help (e.g. a node selector mismatch). */
        UNSCHEDULABLE_AND_UNRESOLVABLE("UnschedulableAndUnresolvable"),
        /** Permit only: the pod must wait until allowed or rejected, or the timeout elapses. */
        WAIT("Wait"),
        /** The plugin does not apply to this pod; later points of the same plugin are skipped. */
        SKIP("Skip"),
        /** The pod waits for something outside the scheduler (e.g. a volume being provisioned). */
        PENDING("Pending");

        private final String upstreamName;

        Code(String upstreamName) {
            this.upstreamName = upstreamName;
        }

        /** The name upstream prints, e.g. {@code UnschedulableAndUnresolvable}. */
        public String upstreamName() {
            return upstreamName;
        }
    }

    /** The one success status. */
    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null, null);

    private static final Status SKIP = new Status(Code.SKIP, List.of(), null, null);

    private final Code code;
    private final List<String> reasons;
    private final String plugin;
    private final Throwable error;

    private Status(Code code, List<String> reasons, String plugin, Throwable error) {
        this.code = code;
        this.reasons = reasons;
        this.plugin = plugin;
        this.error = error;
    }

    /** A status with the given code and reasons. */
    public static Status of(Code code, String... reasons) {
        Objects.requireNonNull(code, "code");
        if (code == Code.SUCCESS && reasons.length == 0) {
            return SUCCESS;
        }
        return new Status(code, List.of(reasons), null, null);
    }

    /** {@link Code#UNSCHEDULABLE}: the pod does not fit, preemption may help. */
    public static Status unschedulable(String... reasons) {
        return of(Code.UNSCHEDULABLE, reasons);
    }

    /** {@link Code#UNSCHEDULABLE_AND_UNRESOLVABLE}: the pod does not fit and preemption will not help. */
    public static Status unresolvable(String... reasons) {
        return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
    }

    /** {@link Code#ERROR} with a message. */
    public static Status error(String message) {
        return of(Code.ERROR, message);
    }

    /** {@link Code#ERROR} caused by an exception; its message becomes the reason. */
    public static Status error(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new Status(Code.ERROR, List.of(message), null, cause);
    }

    /** {@link Code#SKIP}. */
    public static Status skip() {
        return SKIP;
    }

    /** {@link Code#WAIT} (Permit only). */
    public static Status waiting(String... reasons) {
        return of(Code.WAIT, reasons);
    }

    /** {@link Code#PENDING}. */
    public static Status pending(String... reasons) {
        return of(Code.PENDING, reasons);
    }

    /** A copy of this status that records which plugin produced it (ignored for success). */
    public Status withPlugin(String pluginName) {
        if (code == Code.SUCCESS || Objects.equals(pluginName, plugin)) {
            return this;
        }
        return new Status(code, reasons, pluginName, error);
    }

    public Code code() {
        return code;
    }

    /** The reasons, in order; empty for success. */
    public List<String> reasons() {
        return reasons;
    }

    /** The plugin that produced this status, or {@code null} if not recorded. */
    public String plugin() {
        return plugin;
    }

    /** The exception behind an {@link Code#ERROR} status, or {@code null}. */
    public Throwable cause() {
        return error;
    }

    /** The reasons joined with {@code ", "}, as upstream's {@code Status.Message()}. */
    public String message() {
        return String.join(", ", reasons);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    public boolean isWait() {
        return code == Code.WAIT;
    }

    public boolean isError() {
        return code == Code.ERROR;
    }

    /** True for Unschedulable, UnschedulableAndUnresolvable and Pending: the pod was turned down, not broken. */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE || code == Code.PENDING;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Status s && s.code == code && s.reasons.equals(reasons) && Objects.equals(s.plugin, plugin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, reasons, plugin);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code.upstreamName());
        if (plugin != null) {
            sb.append(" (").append(plugin).append(')');
        }
        if (!reasons.isEmpty()) {
            sb.append(": ").append(message());
        }
        return sb.toString();
    }
}
