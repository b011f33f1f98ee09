package dev.berth.app.bench;

import dev.berth.app.bench.store.Measurement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark's figures as scheduler_perf reports them: SchedulingThroughput percentiles over
 * one-second samples of pods scheduled, scheduling-attempt latency percentiles, end-to-end latency percentiles
 * (create request sent → binding done), the highest heap in use seen, and how long the JIT compiled during the
 * measured pods (its share of two cores is the JVM's, not the scheduler's). With several runs it is the run of median
 * average throughput, and {@code runAverages} holds every run's average in the order they ran.
 */
public record BenchReport(String workload, String mode, String profile, int nodes, int pods, double seconds,
                          double throughputAverage, double throughputP50, double throughputP90, double throughputP99,
                          double latencyP50Ms, double latencyP90Ms, double latencyP99Ms,
                          double e2eP50Ms, double e2eP90Ms, double e2eP99Ms, long peakMemoryBytes,
                          double jitCompileSeconds, List<Double> runAverages) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Builds the report from per-second throughput samples and per-pod latencies in nanoseconds. */
    static BenchReport of(String workload, String mode, String profile, int nodes, int pods, double seconds, double[] perSecond,
                          long[] attemptNanos, long[] e2eNanos, long peakMemoryBytes, double jitCompileSeconds) {
        double[] samples = perSecond.clone();
        Arrays.sort(samples);
        long[] lat = attemptNanos.clone();
        Arrays.sort(lat);
        long[] e2e = e2eNanos.clone();
        Arrays.sort(e2e);
        return new BenchReport(workload, mode, profile, nodes, pods, seconds, pods / seconds,
                percentile(samples, 50), percentile(samples, 90), percentile(samples, 99),
                percentile(lat, 50) / 1e6, percentile(lat, 90) / 1e6, percentile(lat, 99) / 1e6,
                percentile(e2e, 50) / 1e6, percentile(e2e, 90) / 1e6, percentile(e2e, 99) / 1e6, peakMemoryBytes,
                jitCompileSeconds, List.of(pods / seconds));
    }

    /**
     * The run of median average throughput (the lower of the two middle ones for an even count), carrying every run's
     * average: one run's figures stay consistent with each other, where per-figure medians would mix runs.
     */
    static BenchReport medianOf(List<BenchReport> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to take the median of");
        }
        List<BenchReport> sorted = runs.stream().sorted(Comparator.comparingDouble(BenchReport::throughputAverage)).toList();
        BenchReport median = sorted.get((sorted.size() - 1) / 2);
        List<Double> averages = runs.stream().map(BenchReport::throughputAverage).toList();
        return new BenchReport(median.workload, median.mode, median.profile, median.nodes, median.pods, median.seconds,
                median.throughputAverage, median.throughputP50, median.throughputP90, median.throughputP99,
                median.latencyP50Ms, median.latencyP90Ms, median.latencyP99Ms, median.e2eP50Ms, median.e2eP90Ms,
                median.e2eP99Ms, median.peakMemoryBytes, median.jitCompileSeconds, averages);
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
        return sorted.length == 0 ? 0 : Measurement.percentile(sorted, p / 100.0);
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
        out.put("attemptLatencyMs", percentiles(latencyP50Ms, latencyP90Ms, latencyP99Ms));
        out.put("e2eLatencyMs", percentiles(e2eP50Ms, e2eP90Ms, e2eP99Ms));
        out.put("peakMemoryBytes", peakMemoryBytes);
        out.put("jitCompileSeconds", round(jitCompileSeconds));
        out.put("runAverages", runAverages.stream().map(BenchReport::round).toList());
        return JSON.writeValueAsString(out);
    }

    private static Map<String, Object> percentiles(double p50, double p90, double p99) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", round(p50));
        out.put("p90", round(p90));
        out.put("p99", round(p99));
        return out;
    }

    /** The human-readable summary. */
    public String toText() {
        return String.format("%s (%s, %s profile): %d pods onto %d nodes in %.2fs%n"
                        + "  SchedulingThroughput pods/s: average %.1f, p50 %.1f, p90 %.1f, p99 %.1f%n"
                        + "  attempt latency ms:          p50 %.3f, p90 %.3f, p99 %.3f%n"
                        + "  e2e latency ms (create→bound): p50 %.3f, p90 %.3f, p99 %.3f%n"
                        + "  peak heap in use:            %d MiB%n"
                        + "  JIT compiling meanwhile:     %.1f s",
                workload, mode, profile, pods, nodes, seconds, throughputAverage, throughputP50, throughputP90, throughputP99,
                latencyP50Ms, latencyP90Ms, latencyP99Ms, e2eP50Ms, e2eP90Ms, e2eP99Ms, peakMemoryBytes >> 20,
                jitCompileSeconds) + (runAverages.size() > 1 ? String.format("%n  runs' averages pods/s:       %s (the median run shown)",
                runAverages.stream().map(a -> String.format("%.1f", a)).collect(Collectors.joining(", "))) : "");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
