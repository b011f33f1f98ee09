package dev.berth.app.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark's figures as scheduler_perf reports them: SchedulingThroughput percentiles over
 * one-second samples of pods scheduled, and scheduling-attempt latency percentiles.
 */
public record BenchReport(String workload, String mode, String profile, int nodes, int pods, double seconds,
                          double throughputAverage, double throughputP50, double throughputP90, double throughputP99,
                          double latencyP50Ms, double latencyP90Ms, double latencyP99Ms) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Builds the report from per-second throughput samples and per-attempt latencies in nanoseconds. */
    static BenchReport of(String workload, String mode, String profile, int nodes, int pods, double seconds, double[] perSecond, long[] latencyNanos) {
        double[] samples = perSecond.clone();
        Arrays.sort(samples);
        long[] lat = latencyNanos.clone();
        Arrays.sort(lat);
        return new BenchReport(workload, mode, profile, nodes, pods, seconds, pods / seconds,
                percentile(samples, 50), percentile(samples, 90), percentile(samples, 99),
                percentile(lat, 50) / 1e6, percentile(lat, 90) / 1e6, percentile(lat, 99) / 1e6);
    }

    /** Nearest-rank percentile of sorted values; 0 when empty. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double percentile(long[] sorted, int p) {
        double[] d = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            d[i] = sorted[i];
        }
        return percentile(d, p);
    }

    /** The line {@code --json} prints, in the shape DESIGN.md fixes. */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workload", workload);
        out.put("mode", mode);
        out.put("profile", profile);
        out.put("nodes", nodes);
        out.put("pods", pods);
        out.put("seconds", round(seconds));
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("average", round(throughputAverage));
        throughput.put("p50", round(throughputP50));
        throughput.put("p90", round(throughputP90));
        throughput.put("p99", round(throughputP99));
        out.put("schedulingThroughput", throughput);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(latencyP50Ms));
        latency.put("p90", round(latencyP90Ms));
        latency.put("p99", round(latencyP99Ms));
        out.put("attemptLatencyMs", latency);
        return JSON.writeValueAsString(out);
    }

    /** The human-readable summary. */
    public String toText() {
        return String.format("%s (%s, %s profile): %d pods onto %d nodes in %.2fs%n"
                        + "  SchedulingThroughput pods/s: average %.1f, p50 %.1f, p90 %.1f, p99 %.1f%n"
                        + "  attempt latency ms:          p50 %.3f, p90 %.3f, p99 %.3f",
                workload, mode, profile, pods, nodes, seconds, throughputAverage, throughputP50, throughputP90, throughputP99,
                latencyP50Ms, latencyP90Ms, latencyP99Ms);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
