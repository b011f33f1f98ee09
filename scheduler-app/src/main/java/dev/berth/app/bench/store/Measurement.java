package dev.berth.app.bench.store;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One row's figures for one system in one run: throughput and latency. The p99 is what the comparison is made on;
 * the median, p99.9 and maximum show whether a p99 comes from every request being slower or from a few stalls.
 */
public record Measurement(double requestsPerSecond, double p50Millis, double p99Millis, double p999Millis,
                          double maxMillis) {

    /** From each request's latency and the wall time the whole row took. */
    public static Measurement of(long[] latencyNanos, long elapsedNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new Measurement(sorted.length / (elapsedNanos / 1e9), millis(sorted, 0.5), millis(sorted, 0.99),
                millis(sorted, 0.999), millis(sorted, 1));
    }

    private static double millis(long[] sorted, double q) {
        return percentile(sorted, q) / 1e6;
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value at or above which a fraction {@code q}
     * of the values lie (what etcd's benchmark tool and HdrHistogram report).
     */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Medians taken separately per figure over runs, so one noisy run moves none of them. */
    static Measurement median(List<Measurement> runs) {
        return new Measurement(median(runs, Measurement::requestsPerSecond), median(runs, Measurement::p50Millis),
                median(runs, Measurement::p99Millis), median(runs, Measurement::p999Millis),
                median(runs, Measurement::maxMillis));
    }

    private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
        return median(runs.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
