package dev.berth.app.cluster;

/**
 * Client-side rate limit on the scheduler's API requests, kube-scheduler's {@code --kube-api-qps} and
 * {@code --kube-api-burst}: on average {@code qps} requests a second, up to {@code burst} at once after a quiet spell.
 * A {@code qps} of 0 or less turns the limit off, as client-go's negative QPS does.
 */
public record ApiRateLimit(double qps, int burst) {

    /** kube-scheduler's defaults. */
    public static final ApiRateLimit KUBE_SCHEDULER_DEFAULT = new ApiRateLimit(50, 100);

    public static final ApiRateLimit UNLIMITED = new ApiRateLimit(0, 1);

    public ApiRateLimit {
        if (qps > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 when qps is set, got " + burst);
        }
    }

    public boolean limited() {
        return qps > 0;
    }
}
