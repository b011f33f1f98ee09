package dev.berth.plugins.trimaran.targetloadpacking;

import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Map;

/**
 * The args of {@link TargetLoadPacking} (scheduler-plugins' {@code TargetLoadPackingArgs}, without the load-watcher
 * address: utilisation comes from a {@link NodeMetricsSource}).
 *
 * @param targetUtilization the CPU utilisation, in percent, a node is packed up to; default 40
 * @param defaultRequests what a container without CPU requests or limits is predicted to use (only {@code cpu}
 *        counts); default {@code {cpu: "1"}}
 * @param defaultRequestsMultiplier what a container with CPU requests but no limits is predicted to use, as a
 *        multiple of its requests; a decimal string as upstream's, default {@code "1.5"}
 * @param metricsMaxAgeSeconds Berth's: utilisation reported longer ago than this counts as missing; default 300
 * @param metricsSource Berth's: the class of the {@link NodeMetricsSource} to read utilisation from; default
 *        {@link AnnotationMetricsSource}, the node annotations
 */
public record TargetLoadPackingArgs(Long targetUtilization, Map<String, String> defaultRequests,
        String defaultRequestsMultiplier, Long metricsMaxAgeSeconds, String metricsSource) {

    /** Upstream's {@code DefaultTargetUtilizationPercent}. */
    public static final long DEFAULT_TARGET_UTILIZATION = 40;
    /** Upstream's {@code DefaultRequestsMilliCores}: one core. */
    public static final String DEFAULT_REQUESTS_CPU = "1";
    /** Upstream's {@code DefaultRequestsMultiplier}. */
    public static final String DEFAULT_REQUESTS_MULTIPLIER = "1.5";
    /** Five load-watcher refreshes (upstream polls every 60 s): older numbers describe another cluster. */
    public static final long DEFAULT_METRICS_MAX_AGE_SECONDS = 300;

    public TargetLoadPackingArgs {
        if (targetUtilization == null) {
            targetUtilization = DEFAULT_TARGET_UTILIZATION;
        }
        if (defaultRequests == null) {
            defaultRequests = Map.of(Resource.CPU, DEFAULT_REQUESTS_CPU);
        }
        if (defaultRequestsMultiplier == null) {
            defaultRequestsMultiplier = DEFAULT_REQUESTS_MULTIPLIER;
        }
        if (metricsMaxAgeSeconds == null) {
            metricsMaxAgeSeconds = DEFAULT_METRICS_MAX_AGE_SECONDS;
        }
        if (metricsSource == null) {
            metricsSource = AnnotationMetricsSource.class.getName();
        }
    }

    /** Every field at its default. */
    public static TargetLoadPackingArgs defaults() {
        return new TargetLoadPackingArgs(null, null, null, null, null);
    }

    /**
     * Checks what the formulas need: a target strictly between 0 and 100 (the score divides by both the target and
     * 100 minus it), a readable CPU quantity, a positive multiplier and a positive metrics age.
     *
     * @throws InvalidArgsException naming the first invalid field
     */
    public void validate() {
        if (targetUtilization <= 0 || targetUtilization >= 100) {
            throw new InvalidArgsException("targetUtilization",
                    "Invalid value: " + targetUtilization + ": must be greater than 0 and less than 100");
        }
        defaultRequestsMilliCpu();
        requestsMultiplier();
        if (metricsMaxAgeSeconds <= 0) {
            throw new InvalidArgsException("metricsMaxAgeSeconds",
                    "Invalid value: " + metricsMaxAgeSeconds + ": must be greater than 0");
        }
    }

    /** The CPU a container without requests or limits is predicted to use, in millicores. */
    long defaultRequestsMilliCpu() {
        String cpu = defaultRequests.getOrDefault(Resource.CPU, DEFAULT_REQUESTS_CPU);
        long milliCpu;
        try {
            milliCpu = Resource.toLong(Resource.CPU, new Quantity(cpu));
        } catch (RuntimeException e) {
            throw new InvalidArgsException("defaultRequests.cpu", "Invalid value: \"" + cpu + "\": not a quantity", e);
        }
        if (milliCpu < 0) {
            throw new InvalidArgsException("defaultRequests.cpu", "Invalid value: \"" + cpu + "\": must not be negative");
        }
        return milliCpu;
    }

    double requestsMultiplier() {
        double multiplier;
        try {
            multiplier = Double.parseDouble(defaultRequestsMultiplier.trim());
        } catch (NumberFormatException e) {
            throw new InvalidArgsException("defaultRequestsMultiplier",
                    "Invalid value: \"" + defaultRequestsMultiplier + "\": not a number", e);
        }
        if (!Double.isFinite(multiplier) || multiplier <= 0) {
            throw new InvalidArgsException("defaultRequestsMultiplier",
                    "Invalid value: \"" + defaultRequestsMultiplier + "\": must be a number greater than 0");
        }
        return multiplier;
    }

    Duration metricsMaxAge() {
        return Duration.ofSeconds(metricsMaxAgeSeconds);
    }
}
